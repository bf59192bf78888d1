package org.voxmesh.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxmesh.protocol.json.Dialect;
import org.voxmesh.protocol.json.RealtimeJson;
import org.voxmesh.protocol.server.ServerEvent;

/**
 * The field rules of agents-js's zod schemas for GA server events (REALTIME_PROTOCOL.md §13.3), re-stated in Java:
 * an event failing them is treated by {@code @openai/agents-realtime} as "generic" and ignored for its state (a
 * {@code response.created} it cannot read leaves its response lock stuck). zod's {@code optional()} accepts an
 * absent key but not {@code null}; only {@code nullable()} fields accept {@code null}. Also the throwing history
 * rules for message items (§13.3 item 3) and tool-dispatch statuses (item 5).
 */
class AgentsJsSchemaTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static final RealtimeJson GA = RealtimeJson.of(Dialect.GA);

  private static final Set<String> CONTENT_TYPES = Set.of("input_text", "input_audio", "item_reference",
      "output_text", "audio", "output_audio");
  private static final Set<String> ITEM_TYPES = Set.of("message", "function_call", "function_call_output",
      "mcp_list_tools", "mcp_tool_call", "mcp_call", "mcp_approval_request", "mcp_approval_response");
  private static final Set<String> ITEM_STATUS = Set.of("completed", "incomplete", "in_progress");
  private static final Set<String> RESPONSE_STATUS = Set.of("completed", "incomplete", "failed", "cancelled",
      "in_progress");

  static Stream<ServerEvent> events() {
    // image input is outside agents-js's content schema by design (§13.3 item 2): such an item is invisible to its
    // history whatever the server does, so it is not a shape we can fix
    return Fixtures.everyServerEvent().stream().filter(e -> !GA.write(e).contains("\"input_image\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void agentsJsSchemaAcceptsEveryEvent(ServerEvent event) throws Exception {
    JsonNode e = M.readTree(GA.write(event));
    List<String> problems = new ArrayList<>();
    check(e, problems);
    assertThat(problems).as(e.toString()).isEmpty();
  }

  @Test
  void theCheckerIsLive() throws Exception {
    List<String> problems = new ArrayList<>();
    check(M.readTree("{\"type\":\"response.content_part.added\",\"event_id\":\"e\",\"response_id\":\"r\","
        + "\"item_id\":\"i\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"audio\",\"transcript\":null}}"),
        problems);
    check(M.readTree("{\"type\":\"response.done\",\"event_id\":\"e\",\"response\":{\"usage\":{\"input_tokens\":null},"
        + "\"audio\":{\"output\":{\"voice\":{\"id\":\"voice_1\"}}}}}"), problems);
    check(M.readTree("{\"type\":\"conversation.item.added\",\"event_id\":\"e\",\"item\":{\"type\":\"message\","
        + "\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}}"), problems);
    check(M.readTree("{\"type\":\"conversation.item.input_audio_transcription.failed\",\"event_id\":\"e\","
        + "\"item_id\":\"i\",\"content_index\":0,\"error\":{\"type\":\"transcription_error\",\"param\":null}}"),
        problems);
    assertThat(problems).hasSize(5);
  }

  // -----------------------------------------------------------------------------------------------------------

  private static void check(JsonNode e, List<String> p) {
    String type = e.path("type").asText();
    if (!type.equals("error")) {
      string(e, "event_id", false, false, p);
    }
    switch (type) {
      case "response.created", "response.done" -> response(e.get("response"), p);
      case "conversation.item.added", "conversation.item.done", "conversation.item.retrieved" -> {
        item(e.get("item"), p);
        string(e, "previous_item_id", true, true, p);
      }
      case "response.output_item.added", "response.output_item.done" -> {
        item(e.get("item"), p);
        number(e, "output_index", false, false, p);
        string(e, "response_id", false, false, p);
        functionCallStatus(type, e.get("item"), p);
      }
      case "response.content_part.added", "response.content_part.done" -> {
        ids(e, p);
        number(e, "content_index", false, false, p);
        JsonNode part = e.get("part");
        if (part == null || !part.isObject()) {
          p.add("part must be an object");
        } else {
          for (String k : List.of("audio", "text", "transcript")) {
            string(part, k, true, false, p);
          }
          oneOf(part, "type", Set.of("text", "audio"), true, false, p);
        }
      }
      case "response.output_audio.delta", "response.output_audio_transcript.delta", "response.output_text.delta" -> {
        ids(e, p);
        number(e, "content_index", false, false, p);
        string(e, "delta", false, false, p);
      }
      case "response.output_audio.done" -> {
        ids(e, p);
        number(e, "content_index", false, false, p);
      }
      case "response.output_audio_transcript.done" -> {
        ids(e, p);
        number(e, "content_index", false, false, p);
        string(e, "transcript", false, false, p);
      }
      case "response.output_text.done" -> {
        ids(e, p);
        number(e, "content_index", false, false, p);
        string(e, "text", false, false, p);
      }
      case "response.function_call_arguments.delta", "response.function_call_arguments.done" -> {
        ids(e, p);
        string(e, "call_id", false, false, p);
        string(e, type.endsWith("delta") ? "delta" : "arguments", false, false, p);
      }
      case "rate_limits.updated" -> {
        JsonNode limits = e.get("rate_limits");
        if (limits == null || !limits.isArray()) {
          p.add("rate_limits must be an array");
        } else {
          for (JsonNode l : limits) {
            number(l, "limit", true, false, p);
            number(l, "remaining", true, false, p);
            number(l, "reset_seconds", true, false, p);
            oneOf(l, "name", Set.of("requests", "tokens"), true, false, p);
          }
        }
      }
      case "conversation.item.input_audio_transcription.completed" -> {
        string(e, "item_id", false, false, p);
        number(e, "content_index", false, false, p);
        string(e, "transcript", false, false, p);
        JsonNode usage = e.get("usage");
        if (usage != null) {
          if ("tokens".equals(usage.path("type").asText())) {
            for (String k : List.of("total_tokens", "input_tokens", "output_tokens")) {
              number(usage, k, false, false, p);
            }
            number(usage.path("input_token_details"), "text_tokens", false, false, p);
            number(usage.path("input_token_details"), "audio_tokens", false, false, p);
          } else if ("duration".equals(usage.path("type").asText())) {
            number(usage, "seconds", false, false, p);
          } else {
            p.add("usage.type must be tokens or duration");
          }
        }
      }
      case "conversation.item.input_audio_transcription.failed" -> {
        JsonNode error = e.get("error");
        for (String k : List.of("code", "message", "param", "type")) {
          string(error, k, true, false, p);
        }
      }
      default -> { }
    }
  }

  private static void ids(JsonNode e, List<String> p) {
    string(e, "item_id", false, false, p);
    number(e, "output_index", false, false, p);
    string(e, "response_id", false, false, p);
  }

  private static void response(JsonNode r, List<String> p) {
    if (r == null || !r.isObject()) {
      p.add("response must be an object");
      return;
    }
    string(r, "id", true, true, p);
    string(r, "conversation_id", true, true, p);
    JsonNode max = r.get("max_output_tokens");
    if (max != null && !max.isNull() && !max.isNumber() && !"inf".equals(max.asText())) {
      p.add("max_output_tokens must be a number or 'inf'");
    }
    objectOrNull(r, "metadata", p);
    objectOrNull(r, "status_details", p);
    if (r.has("output") && !r.get("output").isNull()) {
      r.get("output").forEach(item -> item(item, p));
    }
    oneOf(r, "object", Set.of("realtime.response"), true, true, p);
    oneOf(r, "status", RESPONSE_STATUS, true, true, p);
    JsonNode modalities = r.get("output_modalities");
    if (modalities != null && !modalities.isNull()) {
      modalities.forEach(m -> {
        if (!m.isTextual()) {
          p.add("output_modalities entries must be strings");
        }
      });
    }
    JsonNode output = r.path("audio").path("output");
    if (output.isObject()) {
      string(output, "voice", true, true, p);
    }
    JsonNode usage = r.get("usage");
    if (usage != null && !usage.isNull()) {
      number(usage, "input_tokens", true, false, p);
      number(usage, "output_tokens", true, false, p);
      objectOrNull(usage, "input_token_details", p);
      objectOrNull(usage, "output_token_details", p);
    }
  }

  private static void item(JsonNode item, List<String> p) {
    if (item == null || !item.isObject()) {
      p.add("item must be an object");
      return;
    }
    for (String k : List.of("id", "arguments", "call_id", "name", "server_label")) {
      string(item, k, true, false, p);
    }
    for (String k : List.of("output", "approval_request_id", "reason")) {
      string(item, k, true, true, p);
    }
    oneOf(item, "role", Set.of("user", "assistant", "system"), true, false, p);
    oneOf(item, "status", ITEM_STATUS, true, false, p);
    oneOf(item, "type", ITEM_TYPES, true, false, p);
    JsonNode content = item.get("content");
    if (content != null) {
      if (!content.isArray()) {
        p.add("content must be an array");
        return;
      }
      for (JsonNode part : content) {
        string(part, "id", true, false, p);
        for (String k : List.of("audio", "text", "transcript")) {
          string(part, k, true, true, p);
        }
        oneOf(part, "type", CONTENT_TYPES, false, false, p);
        // history rules (throwing schema, §13.3 item 3)
        String partType = part.path("type").asText();
        if (partType.equals("input_audio") && !part.has("transcript")) {
          p.add("input_audio parts need a transcript key (null allowed)");
        }
        if ((partType.equals("input_text") || partType.equals("output_text")) && !part.path("text").isTextual()) {
          p.add(partType + " parts need a string text");
        }
        if ("system".equals(item.path("role").asText()) && !partType.equals("input_text")) {
          p.add("system messages may contain only input_text");
        }
      }
    }
  }

  /** §13.3 item 5: function calls are announced in_progress and finished completed, with arguments and call_id. */
  private static void functionCallStatus(String type, JsonNode item, List<String> p) {
    if (item == null || !"function_call".equals(item.path("type").asText())) {
      return;
    }
    String status = item.path("status").asText();
    if (type.endsWith("added") && status.equals("completed")) {
      p.add("a function call must not be completed in response.output_item.added (the tool would run twice)");
    }
    if (type.endsWith("done") && status.equals("completed")
        && (!item.path("arguments").isTextual() || !item.path("call_id").isTextual())) {
      p.add("a completed function call needs arguments and call_id");
    }
  }

  private static void string(JsonNode o, String key, boolean optional, boolean nullable, List<String> p) {
    typed(o, key, optional, nullable, JsonNode::isTextual, "a string", p);
  }

  private static void number(JsonNode o, String key, boolean optional, boolean nullable, List<String> p) {
    typed(o, key, optional, nullable, JsonNode::isNumber, "a number", p);
  }

  private static void objectOrNull(JsonNode o, String key, List<String> p) {
    typed(o, key, true, true, JsonNode::isObject, "an object", p);
  }

  private static void oneOf(JsonNode o, String key, Set<String> values, boolean optional, boolean nullable,
                            List<String> p) {
    typed(o, key, optional, nullable, v -> v.isTextual() && values.contains(v.textValue()), "one of " + values, p);
  }

  private static void typed(JsonNode o, String key, boolean optional, boolean nullable,
                            java.util.function.Predicate<JsonNode> ok, String what, List<String> p) {
    JsonNode v = o == null ? null : o.get(key);
    if (v == null || v.isMissingNode()) {
      if (!optional) {
        p.add(key + " is required");
      }
      return;
    }
    if (v.isNull()) {
      if (!nullable) {
        p.add(key + " must be " + what + (optional ? " or absent" : "") + ", not null");
      }
      return;
    }
    if (!ok.test(v)) {
      p.add(key + " must be " + what + ", got " + v);
    }
  }
}
