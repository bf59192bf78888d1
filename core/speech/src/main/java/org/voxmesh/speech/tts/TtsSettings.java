package org.voxmesh.speech.tts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.voxmesh.speech.engine.flite.FliteConfig;
import org.voxmesh.speech.engine.upstream.OpenAiCompatibleSpeechConfig;
import org.voxmesh.speech.settings.EngineChoice;
import org.voxmesh.speech.settings.FlatSettings;

/**
 * Which speech synthesizer a service uses, with that engine's configuration. Build one directly, or
 * from flat string settings with {@link #fromMap}; turn it into an engine with {@link
 * Synthesizers#create}.
 *
 * @param engine the engine
 * @param flite the Flite configuration (used when {@code engine} is {@link Engine#FLITE}; defaults
 *     to {@link FliteConfig#defaults()})
 * @param openAiCompatible the upstream configuration (required when {@code engine} is {@link
 *     Engine#OPENAI_COMPATIBLE})
 */
public record TtsSettings(Engine engine, FliteConfig flite, OpenAiCompatibleSpeechConfig openAiCompatible) {

  /** The engines, by their configuration names. */
  public enum Engine implements EngineChoice {
    /** The embedded Flite engine (Debian package {@code libflite1}). */
    FLITE("flite"),
    /** An OpenAI-compatible HTTP speech service (OpenAI, speaches, Kokoro-FastAPI). */
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
      return EngineChoice.parse(Engine.class, name, "speech synthesizer");
    }
  }

  public TtsSettings {
    Objects.requireNonNull(engine, "engine");
    if (engine == Engine.FLITE && flite == null) {
      flite = FliteConfig.defaults();
    }
    if (engine == Engine.OPENAI_COMPATIBLE && openAiCompatible == null) {
      throw new IllegalArgumentException("engine openai-compatible needs its settings (a base URL)");
    }
  }

  public static TtsSettings flite(FliteConfig config) {
    return new TtsSettings(Engine.FLITE, config, null);
  }

  public static TtsSettings openAiCompatible(OpenAiCompatibleSpeechConfig config) {
    return new TtsSettings(Engine.OPENAI_COMPATIBLE, null, config);
  }

  /**
   * Reads flat settings; every key is optional except {@code openai.base-url} for the upstream
   * engine, and unknown keys are refused (to catch typos):
   *
   * <ul>
   *   <li>{@code engine}: {@code flite} (default) or {@code openai-compatible}
   *   <li>{@code flite.default-voice}: the Flite voice for unknown voice names (default {@code slt})
   *   <li>{@code flite.voices}: extra or changed mappings, e.g. {@code alloy=rms,verse=kal16}
   *   <li>{@code flite.max-concurrent}: open streams at most (default 16)
   *   <li>{@code openai.base-url} (e.g. {@code http://host:8000/v1}), {@code openai.api-key}, {@code
   *       openai.model} (default gpt-4o-mini-tts), {@code openai.timeout-ms} (default 30000), {@code
   *       openai.max-concurrent} (default 8), {@code openai.sample-rate} (default 24000)
   * </ul>
   */
  public static TtsSettings fromMap(Map<String, String> settings) {
    FlatSettings s =
        new FlatSettings(
            "speech synthesizer",
            settings,
            Set.of(
                "engine",
                "flite.default-voice",
                "flite.voices",
                "flite.max-concurrent",
                "openai.base-url",
                "openai.api-key",
                "openai.model",
                "openai.timeout-ms",
                "openai.max-concurrent",
                "openai.sample-rate"));
    Engine engine = Engine.parse(s.string("engine", Engine.FLITE.id()));
    if (engine == Engine.FLITE) {
      FliteConfig c =
          FliteConfig.defaults()
              .withDefaultVoice(s.string("flite.default-voice"))
              .withMaxConcurrent(
                  s.integer("flite.max-concurrent", FliteConfig.DEFAULT_MAX_CONCURRENT));
      String voices = s.string("flite.voices");
      if (voices != null && !voices.isBlank()) {
        c = c.withVoices(pairs("flite.voices", voices));
      }
      return flite(c);
    }
    return openAiCompatible(
        new OpenAiCompatibleSpeechConfig(
            s.required("openai.base-url", "engine openai-compatible needs openai.base-url"),
            s.string("openai.api-key"),
            s.string("openai.model"),
            s.millis("openai.timeout-ms", OpenAiCompatibleSpeechConfig.DEFAULT_TIMEOUT),
            s.integer("openai.max-concurrent", OpenAiCompatibleSpeechConfig.DEFAULT_MAX_CONCURRENT),
            s.integer("openai.sample-rate", OpenAiCompatibleSpeechConfig.DEFAULT_SAMPLE_RATE)));
  }

  private static Map<String, String> pairs(String key, String v) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String item : v.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw new IllegalArgumentException(
            key + " must be name=voice pairs separated by commas, got '" + v + "'");
      }
      m.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
    }
    return m;
  }

  /** The API key is never printed. */
  @Override
  public String toString() {
    return "TtsSettings[engine="
        + engine.id()
        + ", "
        + (engine == Engine.FLITE ? flite : openAiCompatible)
        + "]";
  }
}
