package org.voxmesh.speech.responder;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.voxmesh.speech.engine.chat.ChatCompletionsConfig;
import org.voxmesh.speech.settings.EngineChoice;
import org.voxmesh.speech.settings.FlatSettings;

/**
 * Which responder a service uses, with that engine's configuration. Build one directly, or from
 * flat string settings with {@link #fromMap}; turn it into an engine with {@link
 * Responders#create}.
 *
 * @param engine the engine
 * @param embedded the {@link RuleResponder} settings (used when {@code engine} is {@link
 *     Engine#EMBEDDED}; defaults apply when null)
 * @param chatCompletions the upstream settings (required when {@code engine} is {@link
 *     Engine#OPENAI_COMPATIBLE})
 */
public record ResponderSettings(
    Engine engine, RuleResponderConfig embedded, ChatCompletionsConfig chatCompletions) {

  /** The engines, by their configuration names. */
  public enum Engine implements EngineChoice {
    /** The embedded rule-based {@link RuleResponder} (not a language model). */
    EMBEDDED("embedded"),
    /** An OpenAI-compatible Chat Completions server (vLLM, llama.cpp, Ollama, OpenAI). */
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
      return EngineChoice.parse(Engine.class, name, "responder");
    }
  }

  public ResponderSettings {
    Objects.requireNonNull(engine, "engine");
    if (engine == Engine.EMBEDDED && embedded == null) {
      embedded = RuleResponderConfig.defaults();
    }
    if (engine == Engine.OPENAI_COMPATIBLE && chatCompletions == null) {
      throw new IllegalArgumentException(
          "engine openai-compatible needs its settings (a base URL and a model)");
    }
  }

  public static ResponderSettings embedded(RuleResponderConfig config) {
    return new ResponderSettings(Engine.EMBEDDED, config, null);
  }

  public static ResponderSettings chatCompletions(ChatCompletionsConfig config) {
    return new ResponderSettings(Engine.OPENAI_COMPATIBLE, null, config);
  }

  /**
   * Reads flat settings; every key is optional except {@code openai.base-url} and {@code
   * openai.model} for the upstream engine, and unknown keys are refused (to catch typos):
   *
   * <ul>
   *   <li>{@code engine}: {@code embedded} (default) or {@code openai-compatible}
   *   <li>{@code embedded.max-concurrent} (default 64), {@code embedded.word-delay-ms} (default 0),
   *       {@code embedded.time-zone} (an IANA zone such as {@code Europe/Paris}; default the JVM's)
   *   <li>{@code openai.base-url} (e.g. {@code http://host:8000/v1}), {@code openai.api-key},
   *       {@code openai.model}, {@code openai.timeout-ms} (default 60000), {@code
   *       openai.max-concurrent} (default 8)
   * </ul>
   */
  public static ResponderSettings fromMap(Map<String, String> settings) {
    FlatSettings s =
        new FlatSettings(
            "responder",
            settings,
            Set.of(
                "engine",
                "embedded.max-concurrent",
                "embedded.word-delay-ms",
                "embedded.time-zone",
                "openai.base-url",
                "openai.api-key",
                "openai.model",
                "openai.timeout-ms",
                "openai.max-concurrent"));
    Engine engine = Engine.parse(s.string("engine", Engine.EMBEDDED.id()));
    if (engine == Engine.EMBEDDED) {
      String zone = s.string("embedded.time-zone");
      ZoneId z;
      try {
        z = zone == null || zone.isBlank() ? null : ZoneId.of(zone.strip());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("embedded.time-zone is not a time zone: '" + zone + "'");
      }
      return embedded(
          new RuleResponderConfig(
              s.integer("embedded.max-concurrent", RuleResponderConfig.DEFAULT_MAX_CONCURRENT),
              s.millis("embedded.word-delay-ms", Duration.ZERO),
              z));
    }
    String baseUrl =
        s.required("openai.base-url", "engine openai-compatible needs openai.base-url");
    String model =
        s.required(
            "openai.model",
            "engine openai-compatible needs openai.model (the upstream's served model name)");
    return chatCompletions(
        new ChatCompletionsConfig(
            baseUrl,
            s.string("openai.api-key"),
            model,
            s.millis("openai.timeout-ms", ChatCompletionsConfig.DEFAULT_TIMEOUT),
            s.integer("openai.max-concurrent", ChatCompletionsConfig.DEFAULT_MAX_CONCURRENT)));
  }

  /** The API key is never printed. */
  @Override
  public String toString() {
    return "ResponderSettings[engine="
        + engine.id()
        + ", "
        + (engine == Engine.EMBEDDED ? embedded : chatCompletions)
        + "]";
  }
}
