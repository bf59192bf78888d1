package org.voxmesh.session.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.client.ConversationItemCreate;
import org.voxmesh.protocol.client.ConversationItemDelete;
import org.voxmesh.protocol.client.ConversationItemRetrieve;
import org.voxmesh.protocol.client.ResponseCancel;
import org.voxmesh.protocol.client.ResponseCreate;
import org.voxmesh.protocol.client.SessionUpdate;
import org.voxmesh.protocol.json.Dialect;
import org.voxmesh.protocol.json.ParseResult;
import org.voxmesh.protocol.json.RealtimeJson;
import org.voxmesh.protocol.session.RealtimeSessionConfig;
import org.voxmesh.protocol.session.SessionUpdateResult;
import org.voxmesh.protocol.session.SessionUpdates;
import org.voxmesh.speech.responder.RuleResponder;
import org.voxmesh.speech.responder.RuleResponderConfig;
import org.voxmesh.session.ws.ProtocolEvents;

/**
 * The conversation state machine without sockets: client events in, server events out, on a real
 * Vert.x context with the real embedded responder (text output, so no speech engine is needed).
 * Sequences follow REALTIME_PROTOCOL.md §9.4, 9.5, 9.7 and the §9.11 errors.
 */
class ConversationSessionTest {

  private static final RealtimeJson JSON = RealtimeJson.of(Dialect.GA);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Vertx vertx;
  private WorkerExecutor workers;
  private Context context;
  private ConversationSession session;
  private RealtimeSessionConfig config;
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    workers = vertx.createSharedWorkerExecutor("test-respond", 4);
    context = vertx.getOrCreateContext();
    config = RealtimeSessionConfig.initial("sess_test", "gpt-realtime", 0, null);
    RuleResponder responder = new RuleResponder(new RuleResponderConfig(8, Duration.ofMillis(20), java.time.ZoneOffset.UTC));
    Engines engines = new Engines(responder, null, workers, 1000);
    context.runOnContext(v -> {
      ProtocolEvents wire = new ProtocolEvents(e -> events.add(tree(JSON.write(e))), true);
      session = new ConversationSession(context, engines, e -> events.add(tree(JSON.write(e))), wire, () -> config,
          () -> false);
    });
    await(() -> session != null);
    update("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"output_modalities\":[\"text\"],"
        + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Weather for a city\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]}}");
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void textTurnFollowsTheDocumentedOrder() {
    send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hello\"}]}}");
    send("{\"type\":\"response.create\"}");
    JsonNode done = awaitEvent("response.done");
    awaitEvent("rate_limits.updated");
    assertThat(collapsedTypes()).containsExactly(
        "conversation.item.added", "conversation.item.done",
        "response.created", "response.output_item.added", "conversation.item.added", "response.content_part.added",
        "response.output_text.delta", "response.output_text.done", "response.content_part.done",
        "response.output_item.done", "conversation.item.done", "response.done", "rate_limits.updated");
    String text = done.at("/response/output/0/content/0/text").asText();
    assertThat(text).isNotBlank();
    assertThat(deltas("response.output_text.delta")).isEqualTo(text);
    assertThat(done.at("/response/status").asText()).isEqualTo("completed");
    assertThat(done.at("/response/usage/output_tokens").asInt()).isPositive();
    JsonNode assistantAdded = events.get(4);
    assertThat(assistantAdded.get("previous_item_id").asText()).isEqualTo(events.get(0).at("/item/id").asText());
  }

  @Test
  void functionCallRoundTrip() {
    send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"use get_weather for Paris\"}]}}");
    send("{\"type\":\"response.create\"}");
    JsonNode done = awaitEvent("response.done");
    JsonNode added = first("response.output_item.added");
    assertThat(added.at("/item/type").asText()).isEqualTo("function_call");
    assertThat(added.at("/item/status").asText()).isEqualTo("in_progress");
    JsonNode itemDone = first("response.output_item.done");
    assertThat(itemDone.at("/item/status").asText()).isEqualTo("completed");
    String callId = itemDone.at("/item/call_id").asText();
    String arguments = itemDone.at("/item/arguments").asText();
    assertThat(arguments).contains("Paris");
    assertThat(deltas("response.function_call_arguments.delta")).isEqualTo(arguments);
    assertThat(first("response.function_call_arguments.done").get("arguments").asText()).isEqualTo(arguments);
    assertThat(done.at("/response/output/0/type").asText()).isEqualTo("function_call");

    events.clear();
    send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\",\"call_id\":\"" + callId
        + "\",\"output\":\"{\\\"temp_c\\\":21}\"}}");
    awaitEvent("conversation.item.done");
    assertThat(collapsedTypes()).doesNotContain("response.created"); // no automatic response to tool output
    send("{\"type\":\"response.create\"}");
    JsonNode followUp = awaitEvent("response.done");
    assertThat(followUp.at("/response/output/0/content/0/text").asText()).contains("get_weather").contains("21");
  }

  @Test
  void oneResponseAtATimeAndCancelClosesEverythingItOpened() {
    send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"please repeat this rather long sentence back to me slowly\"}]}}");
    send("{\"type\":\"response.create\",\"event_id\":\"first\"}");
    awaitEvent("response.output_text.delta");
    send("{\"type\":\"response.create\",\"event_id\":\"second\"}");
    JsonNode busy = awaitEvent("error");
    assertThat(busy.at("/error/code").asText()).isEqualTo("conversation_already_has_active_response");
    assertThat(busy.at("/error/event_id").asText()).isEqualTo("second");
    send("{\"type\":\"response.cancel\",\"event_id\":\"stop\"}");
    JsonNode done = awaitEvent("response.done");
    assertThat(done.at("/response/status").asText()).isEqualTo("cancelled");
    assertThat(done.at("/response/status_details/reason").asText()).isEqualTo("client_cancelled");
    List<String> types = collapsedTypes();
    int doneAt = types.indexOf("response.done");
    assertThat(types.subList(0, doneAt)).contains("response.output_text.done", "response.content_part.done",
        "response.output_item.done", "conversation.item.done");
    assertThat(first("response.output_item.done").at("/item/status").asText()).isEqualTo("incomplete");

    events.clear();
    send("{\"type\":\"response.cancel\",\"event_id\":\"idle\"}");
    JsonNode idle = awaitEvent("error");
    assertThat(idle.at("/error/code").asText()).isEqualTo("response_cancel_not_active");
    assertThat(idle.at("/error/event_id").asText()).isEqualTo("idle");
  }

  @Test
  void outOfBandResponsesLeaveTheConversationAlone() {
    send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hello\"}]}}");
    awaitEvent("conversation.item.done");
    events.clear();
    send("{\"type\":\"response.create\",\"response\":{\"conversation\":\"none\",\"metadata\":{\"topic\":\"summary\"},"
        + "\"output_modalities\":[\"text\"]}}");
    JsonNode done = awaitEvent("response.done");
    assertThat(collapsedTypes()).noneMatch(t -> t.startsWith("conversation.item."));
    assertThat(done.at("/response/conversation_id").isNull()).isTrue();
    assertThat(done.at("/response/metadata/topic").asText()).isEqualTo("summary");
  }

  @Test
  void itemsCanBeRetrievedAndDeleted() {
    send("{\"type\":\"conversation.item.create\",\"item\":{\"id\":\"item_mine\",\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hello\"}]}}");
    awaitEvent("conversation.item.done");
    send("{\"type\":\"conversation.item.retrieve\",\"item_id\":\"item_mine\"}");
    assertThat(awaitEvent("conversation.item.retrieved").at("/item/content/0/text").asText()).isEqualTo("hello");
    send("{\"type\":\"conversation.item.delete\",\"item_id\":\"item_mine\"}");
    assertThat(awaitEvent("conversation.item.deleted").get("item_id").asText()).isEqualTo("item_mine");
    send("{\"type\":\"conversation.item.retrieve\",\"event_id\":\"gone\",\"item_id\":\"item_mine\"}");
    JsonNode error = awaitEvent("error");
    assertThat(error.at("/error/param").asText()).isEqualTo("item_id");
    assertThat(error.at("/error/event_id").asText()).isEqualTo("gone");
    send("{\"type\":\"conversation.item.create\",\"event_id\":\"bad\",\"previous_item_id\":\"item_nope\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"x\"}]}}");
    assertThat(awaitMatch(e -> e.at("/error/event_id").asText().equals("bad"), "error for bad").at("/error/param").asText())
        .isEqualTo("previous_item_id");
  }

  private JsonNode first(String type) {
    return events.stream().filter(e -> e.get("type").asText().equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
  }

  private String deltas(String type) {
    StringBuilder b = new StringBuilder();
    events.stream().filter(e -> e.get("type").asText().equals(type)).forEach(e -> b.append(e.get("delta").asText()));
    return b.toString();
  }

  /** Event types in order, with runs of the same delta type collapsed to one. */
  private List<String> collapsedTypes() {
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode e : events) {
      String type = e.get("type").asText();
      if (!(type.endsWith(".delta") && !out.isEmpty() && out.get(out.size() - 1).equals(type))) {
        out.add(type);
      }
    }
    return out;
  }

  private void update(String json) {
    SessionUpdate update = (SessionUpdate) parse(json);
    SessionUpdateResult result = SessionUpdates.apply(config, update);
    config = (RealtimeSessionConfig) ((SessionUpdateResult.Applied) result).config();
  }

  private void send(String json) {
    ClientEvent event = parse(json);
    context.runOnContext(v -> {
      if (event instanceof ConversationItemCreate c) {
        session.createItem(c);
      } else if (event instanceof ResponseCreate c) {
        session.createResponse(c);
      } else if (event instanceof ResponseCancel c) {
        session.cancelResponse(c);
      } else if (event instanceof ConversationItemRetrieve c) {
        session.retrieve(c);
      } else if (event instanceof ConversationItemDelete c) {
        session.delete(c);
      }
    });
  }

  private static ClientEvent parse(String json) {
    ParseResult result = JSON.parse(json);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).event();
  }

  JsonNode awaitEvent(String type) {
    return awaitMatch(e -> e.get("type").asText().equals(type), type);
  }

  JsonNode awaitMatch(Predicate<JsonNode> match, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (JsonNode e : events) {
        if (match.test(e)) {
          return e;
        }
      }
      sleep(10);
    }
    throw new AssertionError("no " + what + " in " + events);
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      sleep(5);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
