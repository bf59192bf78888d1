package org.voxmesh.testkit.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The step list that {@code realtime-conversation.mjs} runs ({@code --steps @FILE}); see the
 * script's {@code --help} for the semantics of each step and of the {@code $...} placeholders.
 *
 * <pre>{@code
 * ConversationSteps steps = ConversationSteps.create()
 *     .sessionUpdate("{\"type\":\"realtime\",\"output_modalities\":[\"text\"]}").waitFor("session.updated")
 *     .userText("Hello there").waitFor("conversation.item.done")
 *     .send("{\"type\":\"response.create\"}").waitFor("response.done");
 * }</pre>
 */
public final class ConversationSteps {

  static final ObjectMapper JSON = new ObjectMapper();

  private final ArrayNode steps = JSON.createArrayNode();

  private ConversationSteps() {}

  public static ConversationSteps create() {
    return new ConversationSteps();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  /** Appends any step object verbatim. */
  public ConversationSteps step(JsonNode step) {
    steps.add(step);
    return this;
  }

  public ConversationSteps step(String json) {
    return step(parse(json));
  }

  /** {@code {"send": event}}: a client event (JSON text), placeholders resolved by the script. */
  public ConversationSteps send(String eventJson) {
    return send(parse(eventJson));
  }

  public ConversationSteps send(JsonNode event) {
    ObjectNode s = JSON.createObjectNode();
    s.set("send", event);
    return step(s);
  }

  /** {@code session.update} with this session object (it must carry {@code "type":"realtime"} itself). */
  public ConversationSteps sessionUpdate(String sessionJson) {
    return sessionUpdate(sessionJson, null);
  }

  public ConversationSteps sessionUpdate(String sessionJson, String eventId) {
    ObjectNode e = JSON.createObjectNode().put("type", "session.update");
    if (eventId != null) {
      e.put("event_id", eventId);
    }
    e.set("session", parse(sessionJson));
    return send(e);
  }

  /** {@code conversation.item.create} of a user message with one {@code input_text} part. */
  public ConversationSteps userText(String text) {
    ObjectNode e = JSON.createObjectNode().put("type", "conversation.item.create");
    ObjectNode item = e.putObject("item").put("type", "message").put("role", "user");
    item.putArray("content").addObject().put("type", "input_text").put("text", text);
    return send(e);
  }

  /** {@code response.create} with an event id and optional {@code response} overrides (JSON text or null). */
  public ConversationSteps responseCreate(String eventId, String responseJson) {
    ObjectNode e = JSON.createObjectNode().put("type", "response.create");
    if (eventId != null) {
      e.put("event_id", eventId);
    }
    if (responseJson != null) {
      e.set("response", parse(responseJson));
    }
    return send(e);
  }

  /** Waits for one event of {@code type} after the last send/audio step. */
  public ConversationSteps waitFor(String type) {
    return step(JSON.createObjectNode().put("wait", type));
  }

  /** Waits for {@code count} events of {@code type} after the last send/audio step. */
  public ConversationSteps waitFor(String type, int count) {
    return waitFor(type, count, "send", Map.of());
  }

  /**
   * The general wait: {@code count} events of {@code type} after the mark {@code since} ({@code send},
   * {@code step}, {@code start}, {@code cursor}) whose JSON pointers have the given values.
   */
  public ConversationSteps waitFor(String type, int count, String since, Map<String, ?> match) {
    return waitFor(type, count, since, match, 0);
  }

  /**
   * As {@link #waitFor(String, int, String, Map)}; with {@code continueAfterMs > 0} the script gives up
   * waiting after that long and goes on with the next step (logging {@code wait_timeout}) instead
   * of failing, so the test can check the whole exchange for the missing event.
   */
  public ConversationSteps waitFor(String type, int count, String since, Map<String, ?> match, int continueAfterMs) {
    ObjectNode w = JSON.createObjectNode().put("type", type).put("count", count).put("since", since);
    if (!match.isEmpty()) {
      w.set("match", JSON.valueToTree(match));
    }
    if (continueAfterMs > 0) {
      w.put("timeoutMs", continueAfterMs).put("orContinue", true);
    }
    ObjectNode s = JSON.createObjectNode();
    s.set("waitFor", w);
    return step(s);
  }

  /**
   * Waits (at most 3 s, then goes on) for the {@code error} event whose {@code error.event_id} is
   * {@code clientEventId}.
   */
  public ConversationSteps waitForError(String clientEventId) {
    return waitFor("error", 1, "start", Map.of("/error/event_id", clientEventId), 3000);
  }

  /** Streams a raw audio file (session format) in real time, with silence before and after. */
  public ConversationSteps audio(Path file, int leadMs, int gapMs) {
    return audio(file, 1, leadMs, gapMs, false);
  }

  public ConversationSteps audio(Path file, double speed, int leadMs, int gapMs, boolean background) {
    ObjectNode s = JSON.createObjectNode().put("audio", file.toAbsolutePath().toString())
        .put("speed", speed).put("leadMs", leadMs).put("gapMs", gapMs);
    if (background) {
      s.put("background", true);
    }
    return step(s);
  }

  public ConversationSteps silence(int ms) {
    return step(JSON.createObjectNode().put("silence", ms));
  }

  public ConversationSteps join() {
    return step(JSON.createObjectNode().put("join", true));
  }

  public ConversationSteps sleep(int ms) {
    return step(JSON.createObjectNode().put("sleep", ms));
  }

  public ConversationSteps save(String name, String placeholder) {
    ObjectNode s = JSON.createObjectNode();
    s.putObject("save").put("name", name).put("value", placeholder);
    return step(s);
  }

  public ConversationSteps close() {
    return step(JSON.createObjectNode().put("close", true));
  }

  public ArrayNode toJson() {
    return steps.deepCopy();
  }

  /** Writes the steps to {@code file} and returns it. */
  public Path writeTo(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(steps));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public String toString() {
    return steps.toString();
  }
}
