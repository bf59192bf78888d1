package org.voxmesh.speech.asr;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.voxmesh.speech.engine.pocketsphinx.PocketSphinxConfig;
import org.voxmesh.speech.engine.upstream.OpenAiCompatibleConfig;
import org.voxmesh.speech.settings.EngineChoice;
import org.voxmesh.speech.settings.FlatSettings;

/**
 * Which speech recognizer a service uses, with that engine's configuration. Build one directly, or
 * from flat string settings with {@link #fromMap}; turn it into an engine with {@link
 * Recognizers#create}.
 *
 * @param engine the engine
 * @param pocketSphinx the PocketSphinx configuration (used when {@code engine} is {@link
 *     Engine#POCKETSPHINX}; defaults to the Debian model)
 * @param openAiCompatible the upstream configuration (required when {@code engine} is {@link
 *     Engine#OPENAI_COMPATIBLE})
 */
public record RecognizerSettings(
    Engine engine, PocketSphinxConfig pocketSphinx, OpenAiCompatibleConfig openAiCompatible) {

  /** The engines, by their configuration names. */
  public enum Engine implements EngineChoice {
    /** The embedded PocketSphinx engine (Debian packages {@code libpocketsphinx3 pocketsphinx-en-us}). */
    POCKETSPHINX("pocketsphinx"),
    /** An OpenAI-compatible HTTP service (OpenAI, speaches, vLLM). */
    OPENAI_COMPATIBLE("openai-compatible");

    private final String id;

    Engine(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    public static Engine parse(String name) {
      return EngineChoice.parse(Engine.class, name, "speech recognizer");
    }
  }

  public RecognizerSettings {
    Objects.requireNonNull(engine, "engine");
    if (engine == Engine.POCKETSPHINX && pocketSphinx == null) {
      pocketSphinx = PocketSphinxConfig.defaults();
    }
    if (engine == Engine.OPENAI_COMPATIBLE && openAiCompatible == null) {
      throw new IllegalArgumentException("engine openai-compatible needs its settings (a base URL)");
    }
  }

  public static RecognizerSettings pocketSphinx(PocketSphinxConfig config) {
    return new RecognizerSettings(Engine.POCKETSPHINX, config, null);
  }

  public static RecognizerSettings openAiCompatible(OpenAiCompatibleConfig config) {
    return new RecognizerSettings(Engine.OPENAI_COMPATIBLE, null, config);
  }

  /**
   * Reads flat settings; every key is optional except {@code openai.base-url} for the upstream
   * engine, and unknown keys are refused (to catch typos):
   *
   * <ul>
   *   <li>{@code engine}: {@code pocketsphinx} (default) or {@code openai-compatible}
   *   <li>{@code pocketsphinx.model-dir}: a Debian-layout model directory (default {@code
   *       /usr/share/pocketsphinx/model/en-us}); {@code pocketsphinx.hmm}, {@code .lm}, {@code
   *       .dict} override single files
   *   <li>{@code pocketsphinx.max-decoders} (default 4), {@code pocketsphinx.preload} (default 0),
   *       {@code pocketsphinx.reset-cepstral-mean} (default false)
   *   <li>{@code openai.base-url} (e.g. {@code http://host:8000/v1}), {@code openai.api-key},
   *       {@code openai.model} (default whisper-1), {@code openai.timeout-ms} (default 60000),
   *       {@code openai.max-concurrent} (default 8), {@code openai.max-audio-seconds} (default 600)
   * </ul>
   */
  public static RecognizerSettings fromMap(Map<String, String> settings) {
    FlatSettings s =
        new FlatSettings(
            "speech recognizer",
            settings,
            Set.of(
                "engine",
                "pocketsphinx.model-dir",
                "pocketsphinx.hmm",
                "pocketsphinx.lm",
                "pocketsphinx.dict",
                "pocketsphinx.max-decoders",
                "pocketsphinx.preload",
                "pocketsphinx.reset-cepstral-mean",
                "openai.base-url",
                "openai.api-key",
                "openai.model",
                "openai.timeout-ms",
                "openai.max-concurrent",
                "openai.max-audio-seconds"));
    Engine engine = Engine.parse(s.string("engine", Engine.POCKETSPHINX.id()));
    if (engine == Engine.POCKETSPHINX) {
      PocketSphinxConfig d =
          PocketSphinxConfig.fromModelDir(
              Path.of(
                  s.string(
                      "pocketsphinx.model-dir", PocketSphinxConfig.DEBIAN_MODEL_DIR.toString())));
      int max = s.integer("pocketsphinx.max-decoders", d.maxDecoders());
      return pocketSphinx(
          new PocketSphinxConfig(
              s.path("pocketsphinx.hmm", d.acousticModel()),
              s.path("pocketsphinx.lm", d.languageModel()),
              s.path("pocketsphinx.dict", d.dictionary()),
              max,
              s.integer("pocketsphinx.preload", 0),
              s.bool("pocketsphinx.reset-cepstral-mean", false),
              d.extraArgs()));
    }
    return openAiCompatible(
        new OpenAiCompatibleConfig(
            s.required("openai.base-url", "engine openai-compatible needs openai.base-url"),
            s.string("openai.api-key"),
            s.string("openai.model"),
            s.millis("openai.timeout-ms", OpenAiCompatibleConfig.DEFAULT_TIMEOUT),
            s.integer("openai.max-concurrent", OpenAiCompatibleConfig.DEFAULT_MAX_CONCURRENT),
            s.seconds("openai.max-audio-seconds", OpenAiCompatibleConfig.DEFAULT_MAX_AUDIO)));
  }

  /** The API key is never printed. */
  @Override
  public String toString() {
    return "RecognizerSettings[engine="
        + engine.id()
        + ", "
        + (engine == Engine.POCKETSPHINX ? pocketSphinx : openAiCompatible)
        + "]";
  }
}
