package org.voxmesh.speech.responder;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.voxmesh.speech.engine.chat.ChatCompletionsConfig;

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
  public enum Engine {
    /** The embedded rule-based {@link RuleResponder} (not a language model). */
    EMBEDDED("embedded"),
    /** An OpenAI-compatible Chat Completions server (vLLM, llama.cpp, Ollama, OpenAI). */
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
          "unknown responder engine '"
              + name
              + "'; choose one of "
              + Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", ")));
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
    Map<String, String> s = new HashMap<>(settings);
    Set<String> known =
        new TreeSet<>(
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
    for (String key : s.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown responder setting '" + key + "'; known: " + known);
      }
    }
    Engine engine = Engine.parse(s.getOrDefault("engine", Engine.EMBEDDED.id()));
    if (engine == Engine.EMBEDDED) {
      String zone = s.get("embedded.time-zone");
      ZoneId z;
      try {
        z = zone == null || zone.isBlank() ? null : ZoneId.of(zone.strip());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("embedded.time-zone is not a time zone: '" + zone + "'");
      }
      return embedded(
          new RuleResponderConfig(
              integer(s, "embedded.max-concurrent", RuleResponderConfig.DEFAULT_MAX_CONCURRENT),
              Duration.ofMillis(integer(s, "embedded.word-delay-ms", 0)),
              z));
    }
    String baseUrl = s.get("openai.base-url");
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("engine openai-compatible needs openai.base-url");
    }
    String model = s.get("openai.model");
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(
          "engine openai-compatible needs openai.model (the upstream's served model name)");
    }
    return chatCompletions(
        new ChatCompletionsConfig(
            baseUrl,
            s.get("openai.api-key"),
            model,
            Duration.ofMillis(
                integer(
                    s,
                    "openai.timeout-ms",
                    (int) ChatCompletionsConfig.DEFAULT_TIMEOUT.toMillis())),
            integer(s, "openai.max-concurrent", ChatCompletionsConfig.DEFAULT_MAX_CONCURRENT)));
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
