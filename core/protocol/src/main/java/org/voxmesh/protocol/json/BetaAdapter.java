package org.voxmesh.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxmesh.protocol.error.ProtocolErrors;
import org.voxmesh.protocol.error.ProtocolException;
import org.voxmesh.protocol.error.RealtimeError;
import org.voxmesh.protocol.session.AudioFormatSpec;
import org.voxmesh.protocol.session.SessionConfig;

/**
 * The one adapter between the beta shape and the GA records (REALTIME_PROTOCOL.md §1, §5.3, §12). The records
 * are always GA; this class converts JSON trees at the wire edge, in both directions:
 *
 * <ul>
 *   <li><b>inbound</b> (beta client frames → the GA frame of the same record): the flat beta {@code session} of
 *       {@code session.update} / {@code transcription_session.update} becomes a GA patch with {@code type}
 *       {@code realtime} / {@code transcription} ({@link #sessionPatchToGa}); beta {@code response.create}
 *       overrides become GA ones ({@link #responseParamsToGa}); item content parts {@code text}/{@code audio}
 *       become {@code output_text}/{@code output_audio} (assistant) or {@code input_text}/{@code input_audio}
 *       ({@link #itemToGa}). Unknown keys are reported with their beta path; values are then checked by the GA
 *       records, and errors about converted keys are reported with the beta path again
 *       ({@link #sessionErrorToBeta}, {@link #responseErrorToBeta}).</li>
 *   <li><b>outbound</b> (GA event trees → beta trees): session objects are flattened ({@link #sessionToBeta}),
 *       responses carry {@code modalities}/{@code voice}/{@code output_audio_format}/{@code temperature}
 *       ({@link #responseToBeta}), item parts {@code output_text}/{@code output_audio} become
 *       {@code text}/{@code audio} ({@link #itemToBeta}), {@code response.function_call_arguments.done} loses
 *       {@code name}, transcription completions lose the GA-only {@code languages}, and error params about GA-only paths are rewritten.</li>
 * </ul>
 *
 * <p>Beta {@code temperature} (0.6–1.2) is range-checked and then ignored: GA has no such parameter, and beta
 * session/response objects always report {@link #DEFAULT_TEMPERATURE}. Event names are not this class's business:
 * {@link EventNames} holds both tables, and {@link RealtimeJson} applies them.
 */
public final class BetaAdapter {

  /** The temperature beta objects report (GA has no temperature; the beta default). */
  public static final double DEFAULT_TEMPERATURE = 0.8;
  public static final double MIN_TEMPERATURE = 0.6;
  public static final double MAX_TEMPERATURE = 1.2;

  /** Beta audio format strings → GA formats (§11.2). */
  public static final Map<String, AudioFormatSpec> FORMATS = formats();

  /** Keys of a beta realtime {@code session} (request side). */
  static final List<String> REALTIME_SESSION_KEYS = List.of("model", "modalities", "instructions", "voice",
      "input_audio_format", "output_audio_format", "input_audio_transcription", "input_audio_noise_reduction",
      "turn_detection", "tools", "tool_choice", "temperature", "max_response_output_tokens", "speed", "tracing",
      "prompt", "include", "truncation");

  /** Keys of a beta transcription {@code session} (request side). */
  static final List<String> TRANSCRIPTION_SESSION_KEYS = List.of("modalities", "input_audio_format",
      "input_audio_transcription", "input_audio_noise_reduction", "turn_detection", "include");

  /** Keys of beta {@code response.create.response}. */
  static final List<String> RESPONSE_KEYS = List.of("modalities", "instructions", "voice", "output_audio_format",
      "tools", "tool_choice", "temperature", "max_response_output_tokens", "conversation", "metadata", "input");

  /** Client events whose frames need reshaping (all others are identical in both shapes but for the name). */
  static final Set<String> RESHAPED_CLIENT = Set.of("session.update", "transcription_session.update",
      "conversation.item.create", "response.create");

  private static final List<String> MODALITIES = List.of("text", "audio");
  private static final List<String> TOOL_CHOICE_MODES = List.of("auto", "none", "required");

  /** GA param prefix → beta param prefix for session updates. */
  private static final Map<String, String> SESSION_PATHS = paths(
      "session.audio.input.format", "session.input_audio_format",
      "session.audio.input.transcription", "session.input_audio_transcription",
      "session.audio.input.noise_reduction", "session.input_audio_noise_reduction",
      "session.audio.input.turn_detection", "session.turn_detection",
      "session.audio.output.format", "session.output_audio_format",
      "session.audio.output.voice", "session.voice",
      "session.audio.output.speed", "session.speed",
      "session.output_modalities", "session.modalities",
      "session.max_output_tokens", "session.max_response_output_tokens");

  /** GA param prefix → beta param prefix for response overrides. */
  private static final Map<String, String> RESPONSE_PATHS = paths(
      "response.audio.output.format", "response.output_audio_format",
      "response.audio.output.voice", "response.voice",
      "response.output_modalities", "response.modalities",
      "response.max_output_tokens", "response.max_response_output_tokens");

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private BetaAdapter() {}

  // ---------------------------------------------------------------------------------------------------------
  // audio formats

  /** The GA format of a beta format string, or null when unknown. */
  public static AudioFormatSpec formatFromBeta(String beta) {
    return beta == null ? null : FORMATS.get(beta);
  }

  /** The beta string of a GA format: {@code pcm16}, {@code g711_ulaw} or {@code g711_alaw}. */
  public static String betaFormat(AudioFormatSpec format) {
    if (format instanceof AudioFormatSpec.Pcmu) {
      return "g711_ulaw";
    }
    if (format instanceof AudioFormatSpec.Pcma) {
      return "g711_alaw";
    }
    return "pcm16";
  }

  private static JsonNode betaFormat(JsonNode gaFormat) {
    if (gaFormat == null || gaFormat.isNull()) {
      return NullNode.instance;
    }
    String type = gaFormat.path("type").asText("");
    return switch (type) {
      case "audio/pcmu" -> F.textNode("g711_ulaw");
      case "audio/pcma" -> F.textNode("g711_alaw");
      default -> F.textNode("pcm16");
    };
  }

  private static JsonNode gaFormat(JsonNode beta, String path) {
    if (beta == null || beta.isNull()) {
      return NullNode.instance;
    }
    if (!beta.isTextual()) {
      throw ProtocolErrors.invalidType(path, "a string", ProtocolErrors.describe(beta));
    }
    AudioFormatSpec format = FORMATS.get(beta.textValue());
    if (format == null) {
      throw ProtocolErrors.invalidValue(path, beta.textValue(), FORMATS.keySet());
    }
    ObjectNode out = F.objectNode();
    if (format instanceof AudioFormatSpec.Pcm pcm) {
      out.put("type", "audio/pcm").put("rate", pcm.rate());
    } else {
      out.put("type", format instanceof AudioFormatSpec.Pcmu ? "audio/pcmu" : "audio/pcma");
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------
  // inbound: beta client frames → GA frames

  /**
   * Converts a beta client frame of a {@link #RESHAPED_CLIENT} type into the GA frame of the same record
   * ({@code transcription_session.update} becomes a {@code session.update} with a transcription patch). Parts the
   * adapter cannot interpret (a missing or non-object {@code session}) are left for the GA reader to reject.
   *
   * @throws ProtocolException with the full beta path as field
   */
  public static ObjectNode clientFrameToGa(ObjectNode frame) {
    ObjectNode out = frame.deepCopy();
    String type = frame.path("type").asText();
    switch (type) {
      case "session.update", "transcription_session.update" -> {
        out.put("type", "session.update");
        JsonNode session = frame.get("session");
        if (session != null && session.isObject()) {
          out.set("session", sessionPatchToGa(session, type.equals("session.update")
              ? SessionConfig.REALTIME : SessionConfig.TRANSCRIPTION));
        }
      }
      case "conversation.item.create" -> {
        JsonNode item = frame.get("item");
        if (item != null) {
          out.set("item", itemToGa(item));
        }
      }
      case "response.create" -> {
        JsonNode response = frame.get("response");
        if (response != null && response.isObject()) {
          out.set("response", responseParamsToGa(response));
        }
      }
      default -> { }
    }
    return out;
  }

  /**
   * The GA {@code session} patch of a flat beta session object: {@code type} set to {@code sessionType},
   * {@code modalities} → {@code output_modalities} (any set containing {@code audio} → {@code ["audio"]}, else
   * {@code ["text"]}; ignored for transcription sessions), formats → {@code audio.*.format} objects, the
   * input/turn-detection/voice/speed keys → their {@code audio.*} places ({@code turn_detection} without a
   * {@code type} is {@code server_vad}), {@code max_response_output_tokens} → {@code max_output_tokens},
   * {@code temperature} checked and dropped, a {@code tool_choice} naming a function →
   * {@code {"type":"function","name":...}}. Explicit nulls are kept (they clear, as in GA).
   *
   * @throws ProtocolException for an unknown key or a bad beta-only value, field = full path
   *                           ({@code session.input_audio_format})
   */
  public static ObjectNode sessionPatchToGa(JsonNode betaSession, String sessionType) {
    if (betaSession == null || !betaSession.isObject()) {
      throw ProtocolErrors.invalidType("session", "an object", ProtocolErrors.describe(betaSession));
    }
    boolean realtime = SessionConfig.REALTIME.equals(sessionType);
    List<String> known = realtime ? REALTIME_SESSION_KEYS : TRANSCRIPTION_SESSION_KEYS;
    ObjectNode out = F.objectNode();
    out.put("type", sessionType);
    ObjectNode input = F.objectNode();
    ObjectNode output = F.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = betaSession.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      String path = "session." + key;
      if (key.equals("type")) {
        // tolerated when it names the session's own type (clients mixing shapes); GA decides the rest
        if (!value.isTextual() || !value.textValue().equals(sessionType)) {
          throw ProtocolErrors.unknownParameter(path);
        }
        continue;
      }
      if (!known.contains(key)) {
        throw ProtocolErrors.unknownParameter(path);
      }
      switch (key) {
        case "modalities" -> {
          JsonNode modalities = gaModalities(value, path);
          if (realtime) {
            out.set("output_modalities", modalities);
          }
        }
        case "voice" -> output.set("voice", value);
        case "speed" -> output.set("speed", value);
        case "input_audio_format" -> input.set("format", gaFormat(value, path));
        case "output_audio_format" -> output.set("format", gaFormat(value, path));
        case "input_audio_transcription" -> input.set("transcription", value);
        case "input_audio_noise_reduction" -> input.set("noise_reduction", value);
        case "turn_detection" -> input.set("turn_detection", turnDetectionToGa(value));
        case "temperature" -> checkTemperature(value, path);
        case "max_response_output_tokens" -> out.set("max_output_tokens", value);
        case "tool_choice" -> out.set(key, toolChoiceToGa(value));
        default -> out.set(key, value);
      }
    }
    if (!input.isEmpty() || !output.isEmpty()) {
      ObjectNode audio = out.putObject("audio");
      if (!input.isEmpty()) {
        audio.set("input", input);
      }
      if (!output.isEmpty()) {
        audio.set("output", output);
      }
    }
    return out;
  }

  /**
   * GA {@code response.create.response} of beta overrides: {@code modalities} → {@code output_modalities},
   * {@code voice}/{@code output_audio_format} → {@code audio.output.*}, {@code max_response_output_tokens} →
   * {@code max_output_tokens}, {@code temperature} checked and dropped, {@code input} items converted.
   *
   * @throws ProtocolException for an unknown key or a bad beta-only value (field = full path)
   */
  public static ObjectNode responseParamsToGa(JsonNode betaParams) {
    ObjectNode out = F.objectNode();
    ObjectNode audioOutput = F.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = betaParams.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      String path = "response." + key;
      if (!RESPONSE_KEYS.contains(key)) {
        throw ProtocolErrors.unknownParameter(path);
      }
      switch (key) {
        case "modalities" -> out.set("output_modalities", gaModalities(value, path));
        case "voice" -> audioOutput.set("voice", value);
        case "output_audio_format" -> audioOutput.set("format", gaFormat(value, path));
        case "temperature" -> checkTemperature(value, path);
        case "max_response_output_tokens" -> out.set("max_output_tokens", value);
        case "input" -> out.set("input", value.isArray() ? items(value, BetaAdapter::itemToGa) : value);
        case "tool_choice" -> out.set(key, toolChoiceToGa(value));
        default -> out.set(key, value);
      }
    }
    if (!audioOutput.isEmpty()) {
      out.putObject("audio").set("output", audioOutput);
    }
    return out;
  }

  /**
   * A beta item with GA content-part names: {@code text} → {@code output_text} and {@code audio} →
   * {@code output_audio} in assistant messages, {@code input_text}/{@code input_audio} in user and system
   * messages. Anything else is returned unchanged.
   */
  public static JsonNode itemToGa(JsonNode item) {
    boolean assistant = !"user".equals(item.path("role").asText()) && !"system".equals(item.path("role").asText());
    return renameParts(item, type -> switch (type) {
      case "text" -> assistant ? "output_text" : "input_text";
      case "audio" -> assistant ? "output_audio" : "input_audio";
      default -> null;
    });
  }

  /** The beta {@code ["text"]}/{@code ["audio","text"]} set as GA {@code output_modalities}. */
  private static JsonNode gaModalities(JsonNode value, String path) {
    if (value == null || value.isNull()) {
      return NullNode.instance;
    }
    if (!value.isArray()) {
      throw ProtocolErrors.invalidType(path, "an array", ProtocolErrors.describe(value));
    }
    if (value.isEmpty()) {
      throw ProtocolErrors.arrayTooShort(path, 1, 0);
    }
    boolean audio = false;
    for (int i = 0; i < value.size(); i++) {
      JsonNode m = value.get(i);
      if (!m.isTextual()) {
        throw ProtocolErrors.invalidType(path + "[" + i + "]", "a string", ProtocolErrors.describe(m));
      }
      if (!MODALITIES.contains(m.textValue())) {
        throw ProtocolErrors.invalidValue(path + "[" + i + "]", m.textValue(), MODALITIES);
      }
      audio |= m.textValue().equals("audio");
    }
    return F.arrayNode().add(audio ? "audio" : "text");
  }

  /**
   * Beta {@code tool_choice} is a string: a mode ({@code auto}/{@code none}/{@code required}) or a function name,
   * which becomes GA {@code {"type":"function","name":...}}. Objects pass through.
   */
  private static JsonNode toolChoiceToGa(JsonNode value) {
    if (value != null && value.isTextual() && !TOOL_CHOICE_MODES.contains(value.textValue())) {
      return F.objectNode().put("type", "function").put("name", value.textValue());
    }
    return value;
  }

  /** GA {@code {"type":"function","name":...}} as the beta string (the function name); anything else unchanged. */
  private static JsonNode toolChoiceToBeta(JsonNode value) {
    if (value != null && value.isObject() && "function".equals(value.path("type").asText())
        && value.path("name").isTextual()) {
      return value.get("name");
    }
    return value;
  }

  private static JsonNode turnDetectionToGa(JsonNode value) {
    if (value != null && value.isObject() && !value.has("type")) {
      ObjectNode out = F.objectNode().put("type", "server_vad");
      out.setAll((ObjectNode) value);
      return out;
    }
    return value;
  }

  private static void checkTemperature(JsonNode value, String path) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isNumber()) {
      throw ProtocolErrors.invalidType(path, "a decimal", ProtocolErrors.describe(value));
    }
    double t = value.doubleValue();
    if (t < MIN_TEMPERATURE || Double.isNaN(t)) {
      throw ProtocolErrors.decimalBelowMin(path, MIN_TEMPERATURE, t);
    }
    if (t > MAX_TEMPERATURE) {
      throw ProtocolErrors.decimalAboveMax(path, MAX_TEMPERATURE, t);
    }
  }

  /** An error about a converted {@code session.update}: GA paths of converted keys back to their beta paths. */
  public static RealtimeError sessionErrorToBeta(RealtimeError error) {
    return remap(error, SESSION_PATHS);
  }

  /** An error about a converted {@code response.create}: GA paths back to beta paths. */
  public static RealtimeError responseErrorToBeta(RealtimeError error) {
    return remap(error, RESPONSE_PATHS);
  }

  /**
   * An {@code error} event's error as a beta client should read it: params under {@code session.audio.} (which
   * can only come from a converted beta update, e.g. the voice lock) are rewritten to the flat beta path.
   */
  public static RealtimeError errorToBeta(RealtimeError error) {
    if (error.param() == null || !error.param().startsWith("session.audio.")) {
      return error;
    }
    return remap(error, SESSION_PATHS);
  }

  private static RealtimeError remap(RealtimeError error, Map<String, String> paths) {
    String param = error.param();
    if (param == null) {
      return error;
    }
    for (Map.Entry<String, String> e : paths.entrySet()) {
      String ga = e.getKey();
      if (param.equals(ga) || param.startsWith(ga + ".") || param.startsWith(ga + "[")) {
        String beta = e.getValue() + param.substring(ga.length());
        String message = error.message().replace(param, beta);
        return new RealtimeError(error.type(), error.code(), message, beta, error.eventId());
      }
    }
    return error;
  }

  // ---------------------------------------------------------------------------------------------------------
  // outbound: GA trees → beta trees

  /**
   * A GA server event tree (as the GA codec writes it) in beta shape under {@code betaName}. Events whose shape
   * is the same in both dialects come back renamed only.
   */
  public static ObjectNode serverEventToBeta(ObjectNode gaEvent, String betaName) {
    String gaName = gaEvent.path("type").asText();
    ObjectNode out = gaEvent.deepCopy();
    out.put("type", betaName);
    switch (gaName) {
      case "session.created", "session.updated" -> out.set("session", sessionToBeta(gaEvent.get("session")));
      case "conversation.item.added", "conversation.item.retrieved", "response.output_item.added",
           "response.output_item.done" -> out.set("item", itemToBeta(gaEvent.get("item")));
      case "response.created", "response.done" -> out.set("response", responseToBeta(gaEvent.get("response")));
      case "response.function_call_arguments.done" -> out.remove("name");
      case "conversation.item.input_audio_transcription.completed" -> out.remove("languages");
      default -> { }
    }
    return out;
  }

  /**
   * A full GA session object (realtime or transcription, as in {@code session.created}) as the flat beta
   * object; the reverse of {@link #sessionFromBeta}.
   *
   * <p>Realtime: {@code id, object, model, expires_at, modalities, instructions, voice, turn_detection,
   * input_audio_format, output_audio_format, input_audio_transcription, tool_choice, temperature,
   * max_response_output_tokens, tools, input_audio_noise_reduction, speed, tracing, prompt, include} (GA-only
   * keys — truncation, reasoning, parallel_tool_calls — are not shown). Transcription: {@code id, object,
   * modalities ["text"], input_audio_format, input_audio_transcription, turn_detection,
   * input_audio_noise_reduction, include, client_secret: null}.
   */
  public static ObjectNode sessionToBeta(JsonNode ga) {
    JsonNode input = ga.path("audio").path("input");
    JsonNode output = ga.path("audio").path("output");
    ObjectNode out = F.objectNode();
    if (SessionConfig.TRANSCRIPTION.equals(ga.path("type").asText())) {
      out.set("id", ga.path("id").isMissingNode() ? NullNode.instance : ga.get("id"));
      out.put("object", "realtime.transcription_session");
      out.set("modalities", F.arrayNode().add("text"));
      out.set("input_audio_format", betaFormat(input.get("format")));
      out.set("input_audio_transcription", orNull(input.get("transcription")));
      out.set("turn_detection", orNull(input.get("turn_detection")));
      out.set("input_audio_noise_reduction", orNull(input.get("noise_reduction")));
      out.set("include", orNull(ga.get("include")));
      out.set("client_secret", NullNode.instance);
      return out;
    }
    out.set("id", orNull(ga.get("id")));
    out.put("object", "realtime.session");
    out.set("model", orNull(ga.get("model")));
    out.set("expires_at", orNull(ga.get("expires_at")));
    out.set("modalities", betaModalities(ga.get("output_modalities")));
    out.set("instructions", orNull(ga.get("instructions")));
    out.set("voice", orNull(output.get("voice")));
    out.set("turn_detection", orNull(input.get("turn_detection")));
    out.set("input_audio_format", betaFormat(input.get("format")));
    out.set("output_audio_format", betaFormat(output.get("format")));
    out.set("input_audio_transcription", orNull(input.get("transcription")));
    out.set("tool_choice", toolChoiceToBeta(orNull(ga.get("tool_choice"))));
    out.put("temperature", DEFAULT_TEMPERATURE);
    out.set("max_response_output_tokens", orNull(ga.get("max_output_tokens")));
    out.set("tools", orNull(ga.get("tools")));
    out.set("input_audio_noise_reduction", orNull(input.get("noise_reduction")));
    out.set("speed", orNull(output.get("speed")));
    out.set("tracing", orNull(ga.get("tracing")));
    out.set("prompt", orNull(ga.get("prompt")));
    out.set("include", orNull(ga.get("include")));
    return out;
  }

  /**
   * A GA session {@code patch} (as in a client's {@code session.update}) in flat beta shape, only the keys present
   * (for test clients that speak beta). The reverse of {@link #sessionPatchToGa}.
   */
  public static ObjectNode sessionPatchToBeta(JsonNode ga) {
    ObjectNode out = F.objectNode();
    JsonNode input = ga.path("audio").path("input");
    JsonNode output = ga.path("audio").path("output");
    boolean realtime = !SessionConfig.TRANSCRIPTION.equals(ga.path("type").asText());
    Iterator<Map.Entry<String, JsonNode>> fields = ga.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      switch (field.getKey()) {
        case "type", "audio" -> { }
        case "output_modalities" -> out.set("modalities", betaModalities(field.getValue()));
        case "max_output_tokens" -> out.set("max_response_output_tokens", field.getValue());
        case "tool_choice" -> out.set("tool_choice", toolChoiceToBeta(field.getValue()));
        default -> out.set(field.getKey(), field.getValue());
      }
    }
    if (realtime && output.has("voice")) {
      out.set("voice", output.get("voice"));
    }
    if (input.has("format")) {
      out.set("input_audio_format", betaFormat(input.get("format")));
    }
    if (output.has("format")) {
      out.set("output_audio_format", betaFormat(output.get("format")));
    }
    if (input.has("transcription")) {
      out.set("input_audio_transcription", input.get("transcription"));
    }
    if (input.has("noise_reduction")) {
      out.set("input_audio_noise_reduction", input.get("noise_reduction"));
    }
    if (input.has("turn_detection")) {
      out.set("turn_detection", input.get("turn_detection"));
    }
    if (output.has("speed")) {
      out.set("speed", output.get("speed"));
    }
    return out;
  }

  /** GA {@code response.create.response} overrides in beta shape (for test clients). */
  public static ObjectNode responseParamsToBeta(JsonNode ga) {
    ObjectNode out = F.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = ga.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      switch (field.getKey()) {
        case "output_modalities" -> out.set("modalities", betaModalities(value));
        case "max_output_tokens" -> out.set("max_response_output_tokens", value);
        case "input" -> out.set("input", value.isArray() ? items(value, BetaAdapter::itemToBeta) : value);
        case "tool_choice" -> out.set("tool_choice", toolChoiceToBeta(value));
        case "audio" -> {
          JsonNode o = value.path("output");
          if (o.has("voice")) {
            out.set("voice", o.get("voice"));
          }
          if (o.has("format")) {
            out.set("output_audio_format", betaFormat(o.get("format")));
          }
        }
        default -> out.set(field.getKey(), value);
      }
    }
    return out;
  }

  /**
   * A GA response object in beta shape: {@code output_modalities}/{@code audio} replaced by {@code modalities},
   * {@code voice}, {@code output_audio_format} and {@code temperature}; output items with beta part names.
   */
  public static ObjectNode responseToBeta(JsonNode ga) {
    ObjectNode out = F.objectNode();
    out.set("object", orNull(ga.get("object")));
    out.set("id", orNull(ga.get("id")));
    out.set("status", orNull(ga.get("status")));
    out.set("status_details", orNull(ga.get("status_details")));
    JsonNode output = ga.get("output");
    out.set("output", output != null && output.isArray() ? items(output, BetaAdapter::itemToBeta) : orNull(output));
    out.set("conversation_id", orNull(ga.get("conversation_id")));
    out.set("modalities", betaModalities(ga.get("output_modalities")));
    JsonNode audioOut = ga.path("audio").path("output");
    out.set("voice", orNull(audioOut.get("voice")));
    out.set("output_audio_format", betaFormat(audioOut.get("format")));
    out.put("temperature", DEFAULT_TEMPERATURE);
    out.set("max_output_tokens", orNull(ga.get("max_output_tokens")));
    out.set("usage", orNull(ga.get("usage")));
    out.set("metadata", orNull(ga.get("metadata")));
    return out;
  }

  /** A GA item with beta content-part names ({@code output_text} → {@code text}, {@code output_audio} → {@code audio}). */
  public static JsonNode itemToBeta(JsonNode item) {
    return renameParts(item, type -> switch (type) {
      case "output_text" -> "text";
      case "output_audio" -> "audio";
      default -> null;
    });
  }

  private static JsonNode betaModalities(JsonNode ga) {
    if (ga == null || !ga.isArray()) {
      return orNull(ga);
    }
    for (JsonNode m : ga) {
      if ("audio".equals(m.asText())) {
        return F.arrayNode().add("audio").add("text");
      }
    }
    return F.arrayNode().add("text");
  }

  // ---------------------------------------------------------------------------------------------------------
  // beta server trees → GA (reading what a beta server sends: test clients, golden tests)

  /**
   * A beta server event tree as the GA tree of the same record, named {@code gaName} (the inverse of
   * {@link #serverEventToBeta}; the {@code name} a beta {@code function_call_arguments.done} lacks becomes
   * {@code ""}).
   *
   * @throws ProtocolException when a beta session object has a key the beta shape does not define
   */
  public static ObjectNode serverEventToGa(ObjectNode betaEvent, String gaName) {
    String betaName = betaEvent.path("type").asText();
    ObjectNode out = betaEvent.deepCopy();
    out.put("type", gaName);
    switch (gaName) {
      case "session.created", "session.updated" -> out.set("session",
          sessionFromBeta(betaEvent.get("session"), betaName.startsWith("transcription_session.")));
      case "conversation.item.added", "conversation.item.retrieved", "response.output_item.added",
           "response.output_item.done" -> {
        if (betaEvent.has("item")) {
          out.set("item", itemToGa(betaEvent.get("item")));
        }
      }
      case "response.created", "response.done" -> out.set("response", responseFromBeta(betaEvent.get("response")));
      case "response.function_call_arguments.done" -> {
        if (!out.has("name")) {
          out.put("name", "");
        }
      }
      default -> { }
    }
    return out;
  }

  /** A full beta session object as the GA one ({@code temperature}, {@code client_secret} dropped). */
  public static ObjectNode sessionFromBeta(JsonNode beta, boolean transcription) {
    if (beta == null || !beta.isObject()) {
      throw ProtocolErrors.invalidType("session", "an object", ProtocolErrors.describe(beta));
    }
    ObjectNode flat = ((ObjectNode) beta).deepCopy();
    JsonNode id = flat.remove("id");
    flat.remove("object");
    JsonNode expiresAt = flat.remove("expires_at");
    flat.remove("client_secret");
    flat.remove("temperature");
    ObjectNode out = sessionPatchToGa(flat, transcription ? SessionConfig.TRANSCRIPTION : SessionConfig.REALTIME);
    ObjectNode ordered = F.objectNode();
    ordered.set("type", out.remove("type"));
    if (id != null) {
      ordered.set("id", id);
    }
    if (expiresAt != null && !expiresAt.isNull()) {
      ordered.set("expires_at", expiresAt);
    }
    ordered.setAll(out);
    return ordered;
  }

  /** A beta response object as the GA one. */
  public static ObjectNode responseFromBeta(JsonNode beta) {
    ObjectNode out = F.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = beta.fields();
    ObjectNode audioOutput = F.objectNode();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      switch (field.getKey()) {
        case "modalities" -> out.set("output_modalities", gaModalities(value, "response.modalities"));
        case "voice" -> audioOutput.set("voice", value);
        case "output_audio_format" -> audioOutput.set("format", gaFormat(value, "response.output_audio_format"));
        case "temperature" -> { }
        case "output" -> out.set("output", value.isArray() ? items(value, BetaAdapter::itemToGa) : value);
        default -> out.set(field.getKey(), value);
      }
    }
    if (!audioOutput.isEmpty()) {
      out.putObject("audio").set("output", audioOutput);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------
  // helpers

  private static JsonNode renameParts(JsonNode item, java.util.function.Function<String, String> rename) {
    JsonNode content = item == null ? null : item.get("content");
    if (content == null || !content.isArray()) {
      return item;
    }
    ObjectNode out = null;
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      JsonNode type = part.get("type");
      String renamed = type != null && type.isTextual() ? rename.apply(type.textValue()) : null;
      if (renamed != null) {
        if (out == null) {
          out = ((ObjectNode) item).deepCopy();
        }
        ((ObjectNode) out.get("content").get(i)).put("type", renamed);
      }
    }
    return out == null ? item : out;
  }

  private static ArrayNode items(JsonNode array, java.util.function.UnaryOperator<JsonNode> convert) {
    ArrayNode out = F.arrayNode();
    for (JsonNode item : array) {
      out.add(item != null && item.isObject() ? convert.apply(item) : item);
    }
    return out;
  }

  private static JsonNode orNull(JsonNode node) {
    return node == null || node.isMissingNode() ? NullNode.instance : node;
  }

  private static Map<String, AudioFormatSpec> formats() {
    Map<String, AudioFormatSpec> m = new LinkedHashMap<>();
    m.put("pcm16", AudioFormatSpec.PCM_24K);
    m.put("g711_ulaw", AudioFormatSpec.PCMU);
    m.put("g711_alaw", AudioFormatSpec.PCMA);
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, String> paths(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
