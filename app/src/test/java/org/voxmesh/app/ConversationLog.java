package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.voxmesh.testkit.conformance.OpenAiJavaConformance;
import org.voxmesh.testkit.node.NodeResult;

/**
 * Reading a conversation client's output: the server events of one response, audio of one item,
 * where client lines fall among server events, and the checks every conversation test shares.
 */
final class ConversationLog {

  private final NodeResult result;
  private final List<JsonNode> events;

  ConversationLog(NodeResult result) {
    this.result = result;
    this.events = result.events();
  }

  NodeResult result() {
    return result;
  }

  List<JsonNode> events() {
    return events;
  }

  String describe() {
    return result.describe();
  }

  List<JsonNode> ofType(String type) {
    return result.eventsOfType(type);
  }

  JsonNode only(String type) {
    List<JsonNode> list = ofType(type);
    assertThat(list).as("exactly one %s\n%s", type, describe()).hasSize(1);
    return list.get(0);
  }

  /** Response ids in the order of their {@code response.created}. */
  List<String> responseIds() {
    return ofType("response.created").stream().map(e -> e.at("/response/id").asText()).toList();
  }

  JsonNode created(String responseId) {
    return ofType("response.created").stream().filter(e -> responseId.equals(e.at("/response/id").asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no response.created for " + responseId + "\n" + describe()));
  }

  JsonNode done(String responseId) {
    return ofType("response.done").stream().filter(e -> responseId.equals(e.at("/response/id").asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no response.done for " + responseId + "\n" + describe()));
  }

  int indexOf(JsonNode event) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) == event) {
        return i;
      }
    }
    throw new AssertionError("event not in the log: " + event);
  }

  int firstIndex(Predicate<JsonNode> test) {
    for (int i = 0; i < events.size(); i++) {
      if (test.test(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  static Predicate<JsonNode> type(String type) {
    return e -> type.equals(e.path("type").asText());
  }

  /** Ids of the items a response produced (from its output_item.added events). */
  Set<String> outputItemIds(String responseId) {
    Set<String> ids = new HashSet<>();
    for (JsonNode e : ofType("response.output_item.added")) {
      if (responseId.equals(e.path("response_id").asText())) {
        ids.add(e.at("/item/id").asText());
      }
    }
    return ids;
  }

  /**
   * The events that belong to one response, in arrival order: its response.created/done, every event
   * with its response_id, conversation.item.added/done of its output items, and the
   * rate_limits.updated right after its response.done.
   */
  List<JsonNode> responseEvents(String responseId) {
    Set<String> items = outputItemIds(responseId);
    List<JsonNode> out = new ArrayList<>();
    boolean afterDone = false;
    for (JsonNode e : events) {
      String type = e.path("type").asText();
      if (afterDone) {
        if (type.equals("rate_limits.updated")) {
          out.add(e);
        }
        afterDone = false;
      }
      boolean mine = responseId.equals(e.path("response_id").asText(null))
          || responseId.equals(e.at("/response/id").asText(null))
          || ((type.equals("conversation.item.added") || type.equals("conversation.item.done"))
              && items.contains(e.at("/item/id").asText()));
      if (mine) {
        out.add(e);
        if (type.equals("response.done")) {
          afterDone = true;
        }
      }
    }
    return out;
  }

  static List<String> types(List<JsonNode> list) {
    return list.stream().map(e -> e.path("type").asText()).toList();
  }

  /** The response's event types with runs of the given delta types collapsed into one {@code type*}. */
  List<String> responseShape(String responseId) {
    List<String> out = new ArrayList<>();
    for (String t : types(responseEvents(responseId))) {
      boolean delta = t.endsWith(".delta");
      String name = delta ? t + "*" : t;
      if (delta && !out.isEmpty() && out.get(out.size() - 1).equals(name)) {
        continue;
      }
      out.add(name);
    }
    return out;
  }

  /** Decoded bytes of every response.output_audio.delta of one item, in order. */
  byte[] audioOf(String itemId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JsonNode e : ofType("response.output_audio.delta")) {
      if (itemId.equals(e.path("item_id").asText())) {
        out.writeBytes(Base64.getDecoder().decode(e.path("delta").asText()));
      }
    }
    return out.toByteArray();
  }

  String concatenated(String type, String itemId) {
    return ofType(type).stream().filter(e -> itemId.equals(e.path("item_id").asText()))
        .map(e -> e.path("delta").asText()).collect(Collectors.joining());
  }

  /** The error event answering the client event {@code clientEventId}. */
  JsonNode errorFor(String clientEventId) {
    return result.errors().stream().filter(e -> clientEventId.equals(e.at("/error/event_id").asText(null)))
        .findFirst().orElseThrow(() -> new AssertionError("no error with error.event_id " + clientEventId + "\n" + describe()));
  }

  /** Position in stdout of the client's "sent" line for the first event of {@code type} (or with that event_id). */
  int sentLine(String typeOrEventId) {
    List<JsonNode> lines = result.lines();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode l = lines.get(i);
      if ("sent".equals(l.path("__client").asText()) && (typeOrEventId.equals(l.path("type").asText())
          || typeOrEventId.equals(l.path("event_id").asText()))) {
        return i;
      }
    }
    throw new AssertionError("no sent line for " + typeOrEventId + "\n" + describe());
  }

  /** Position in stdout (all lines) of a server event. */
  int line(JsonNode event) {
    List<JsonNode> lines = result.lines();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i) == event || lines.get(i).equals(event)) {
        return i;
      }
    }
    throw new AssertionError("event not in stdout: " + event);
  }

  /**
   * Every part and item a response opened was closed before its response.done: output_item.added
   * → output_item.done, content_part.added → content_part.done, audio parts → output_audio.done and
   * output_audio_transcript.done, text parts → output_text.done, and conversation.item.done for
   * default-conversation items; nothing of the response after its response.done except rate limits.
   */
  void assertEverythingClosedBeforeDone(String responseId) {
    List<JsonNode> list = responseEvents(responseId);
    List<String> types = types(list);
    int done = types.indexOf("response.done");
    assertThat(done).as("response.done of %s\n%s", responseId, describe()).isGreaterThanOrEqualTo(0);
    assertThat(types.subList(done + 1, types.size())).as("after response.done of %s", responseId)
        .allMatch(t -> t.equals("rate_limits.updated"));
    boolean inConversation = !done(responseId).at("/response/conversation_id").isNull();
    for (JsonNode added : list.subList(0, done)) {
      String type = added.path("type").asText();
      if (type.equals("response.output_item.added")) {
        String item = added.at("/item/id").asText();
        assertThat(list.subList(0, done)).as("output_item.done of %s before response.done", item)
            .anyMatch(e -> e.path("type").asText().equals("response.output_item.done") && item.equals(e.at("/item/id").asText()));
        if (inConversation) {
          assertThat(list.subList(0, done)).as("conversation.item.done of %s before response.done", item)
              .anyMatch(e -> e.path("type").asText().equals("conversation.item.done") && item.equals(e.at("/item/id").asText()));
        }
      } else if (type.equals("response.content_part.added")) {
        String item = added.path("item_id").asText();
        int part = added.path("content_index").asInt();
        Predicate<JsonNode> samePart = e -> item.equals(e.path("item_id").asText()) && e.path("content_index").asInt() == part;
        assertThat(list.subList(0, done)).as("content_part.done of %s/%s", item, part)
            .anyMatch(e -> e.path("type").asText().equals("response.content_part.done") && samePart.test(e));
        List<String> needed = "audio".equals(added.at("/part/type").asText())
            ? List.of("response.output_audio.done", "response.output_audio_transcript.done")
            : List.of("response.output_text.done");
        for (String n : needed) {
          assertThat(list.subList(0, done)).as("%s of %s/%s before response.done", n, item, part)
              .anyMatch(e -> e.path("type").asText().equals(n) && samePart.test(e));
        }
      }
    }
  }

  /** Every server event parses and validates with the official openai-java models. */
  void assertValidForOfficialJavaSdk() {
    for (JsonNode event : events) {
      OpenAiJavaConformance.assertValidServerEvent(event.toString());
    }
  }

  /** The client saw no SDK-side failure other than server error events it was told to expect. */
  void assertNoClientFailures() {
    assertThat(result.clientLines("crash")).as("crash lines\n%s", describe()).isEmpty();
    assertThat(result.clientLines("step_error")).as("step errors\n%s", describe()).isEmpty();
    assertThat(result.clientLines("frame")).as("unparseable frames\n%s", describe()).isEmpty();
    assertThat(result.unparsedStdout()).as("non-JSON stdout").isEmpty();
    for (JsonNode l : result.clientLines("sdk_error")) {
      // The SDK turns each server error event into an OpenAIRealtimeError; anything else is a failure.
      // (OpenAIRealtimeError.error = the event's error object, event_id = the server event's id).
      assertThat(l.path("error").isObject() && l.path("event_id").isTextual())
          .as("SDK error that is not a server error event: %s\n%s", l, describe()).isTrue();
    }
  }

  /** The events of a response whose type is one of {@code types}. */
  List<JsonNode> responseEventsOfType(String responseId, String type) {
    return responseEvents(responseId).stream().filter(e -> type.equals(e.path("type").asText())).toList();
  }

  static boolean isNull(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull();
  }

  static String textOrNull(JsonNode n) {
    return isNull(n) ? null : n.asText();
  }

  static boolean same(JsonNode a, JsonNode b) {
    return Objects.equals(a, b);
  }
}
