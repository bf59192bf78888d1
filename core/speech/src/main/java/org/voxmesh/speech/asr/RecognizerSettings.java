package org.voxmesh.speech.asr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.voxmesh.speech.engine.pocketsphinx.PocketSphinxConfig;
import org.voxmesh.speech.engine.upstream.OpenAiCompatibleConfig;

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
  public enum Engine {
    /** The embedded PocketSphinx engine (Debian packages {@code libpocketsphinx3 pocketsphinx-en-us}). */
    POCKETSPHINX("pocketsphinx"),
    /** An OpenAI-compatible HTTP service (OpenAI, speaches, vLLM). */
    OPENAI_COMPATIBLE("openai-compatible");

    private final String id;

    Engine(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Engine parse(String name) {
      String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
      for (Engine e : values()) {
        if (e.id.equals(n)) {
          return e;
        }
      }
      throw new IllegalArgumentException(
          "unknown speech recognizer engine '"
              + name
              + "'; choose one of "
              + Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", ")));
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
    Map<String, String> s = new HashMap<>(settings);
    Set<String> known =
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
            "openai.max-audio-seconds");
    for (String key : s.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown speech recognizer setting '" + key + "'; known: " + known);
      }
    }
    Engine engine = Engine.parse(s.getOrDefault("engine", Engine.POCKETSPHINX.id()));
    if (engine == Engine.POCKETSPHINX) {
      PocketSphinxConfig d =
          PocketSphinxConfig.fromModelDir(
              Path.of(
                  s.getOrDefault(
                      "pocketsphinx.model-dir", PocketSphinxConfig.DEBIAN_MODEL_DIR.toString())));
      int max = integer(s, "pocketsphinx.max-decoders", d.maxDecoders());
      return pocketSphinx(
          new PocketSphinxConfig(
              path(s, "pocketsphinx.hmm", d.acousticModel()),
              path(s, "pocketsphinx.lm", d.languageModel()),
              path(s, "pocketsphinx.dict", d.dictionary()),
              max,
              integer(s, "pocketsphinx.preload", 0),
              bool(s, "pocketsphinx.reset-cepstral-mean", false),
              d.extraArgs()));
    }
    String baseUrl = s.get("openai.base-url");
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("engine openai-compatible needs openai.base-url");
    }
    return openAiCompatible(
        new OpenAiCompatibleConfig(
            baseUrl,
            s.get("openai.api-key"),
            s.get("openai.model"),
            Duration.ofMillis(
                integer(s, "openai.timeout-ms", (int) OpenAiCompatibleConfig.DEFAULT_TIMEOUT.toMillis())),
            integer(s, "openai.max-concurrent", OpenAiCompatibleConfig.DEFAULT_MAX_CONCURRENT),
            Duration.ofSeconds(
                integer(
                    s,
                    "openai.max-audio-seconds",
                    (int) OpenAiCompatibleConfig.DEFAULT_MAX_AUDIO.toSeconds()))));
  }

  private static Path path(Map<String, String> s, String key, Path dflt) {
    String v = s.get(key);
    return v == null || v.isBlank() ? dflt : Path.of(v.strip());
  }

  private static int integer(Map<String, String> s, String key, int dflt) {
    String v = s.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
    }
  }

  private static boolean bool(Map<String, String> s, String key, boolean dflt) {
    String v = s.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    };
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
