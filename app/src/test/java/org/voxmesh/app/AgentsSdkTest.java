package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.testkit.conformance.OpenAiJavaConformance;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.corpus.WordErrorRate;
import org.voxmesh.testkit.node.AgentsArgs;
import org.voxmesh.testkit.node.NodeResult;

/**
 * {@code @openai/agents-realtime} (the strictest consumer, REALTIME_PROTOCOL.md §13.3): a
 * RealtimeAgent with an SDK-executed tool in a RealtimeSession over the WebSocket transport, against
 * the running platform. Each scenario must reach its goal with no 'error' from the SDK, no server
 * event failing the SDK's own zod schemas (which the SDK would silently ignore) and no server error
 * event; every server event must also be valid for the official Java SDK.
 */
class AgentsSdkTest {

  private static Corpus corpus;

  @TempDir
  Path dir;

  @BeforeAll
  static void startPlatform() {
    RunningPlatform.get();
    corpus = Corpus.load();
  }

  @Test
  void connectsWithTheSdkDefaultSessionConfig() {
    AgentsLog log = run("connect", args("connect").sdkDefaults());
    // the full session.update on open, then the tracing-only update after session.created
    List<JsonNode> updates = log.sent("session.update");
    assertThat(updates).as(log.describe()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(updates.get(0).at("/event/session/model").asText()).isEqualTo("gpt-realtime");
    assertThat(updates).anyMatch(u -> "auto".equals(u.at("/event/session/tracing").asText(null)));
    assertThat(log.result().eventsOfType("session.updated")).as(log.describe()).hasSizeGreaterThanOrEqualTo(2);
    JsonNode last = lastOf(log.result().eventsOfType("session.updated"));
    // The session says what really answers; the SDK's re-sent "gpt-realtime" is accepted as unchanged.
    assertThat(log.result().firstEvent("session.created").orElseThrow().at("/session/model").asText())
        .isEqualTo("voxmesh-embedded-responder");
    assertThat(last.at("/session/model").asText()).isEqualTo("voxmesh-embedded-responder");
    assertThat(last.at("/session/audio/input/turn_detection").isObject())
        .as("turn_detection in session.updated\n%s", last).isTrue();
    assertThat(last.at("/session/audio/output/format/type").asText()).isEqualTo("audio/pcm");
  }

  @Test
  void textTurn() {
    AgentsLog log = run("text", args("text").message("Hello there!"));
    JsonNode user = log.historyItem("user", 0);
    assertThat(user.path("content").toString()).isEqualTo("[{\"type\":\"input_text\",\"text\":\"Hello there!\"}]");
    JsonNode assistant = log.historyItem("assistant", 0);
    assertThat(assistant.path("status").asText()).isEqualTo("completed");
    assertThat(assistant.at("/content/0/type").asText()).isEqualTo("output_audio");
    assertThat(assistant.at("/content/0/transcript").asText()).startsWith("Hello! I'm the Voxmesh embedded responder");
    assertThat(log.sdkEvents("agent_end")).isNotEmpty();
    assertThat(log.sdkEvents("agent_end").get(0).path("text").asText()).startsWith("Hello!");
    assertThat(log.summary().path("audio_bytes").asLong()).as("audio reached the SDK").isPositive();
    assertThat(log.sdkEvents("audio_start")).isNotEmpty();
    assertThat(log.sdkEvents("audio_stopped")).isNotEmpty();
    assertThat(log.sent("response.create").get(0).path("event_id").asText()).startsWith("agents_js_response_create_");
  }

  @Test
  void spokenTurnWithServerVad() {
    Utterance utterance = corpus.utterance("flite_slt", "s01");
    AgentsLog log = run("audio", args("audio").audio(pcm16(utterance)));
    JsonNode user = log.historyItem("user", 0);
    assertThat(user.at("/content/0/type").asText()).isEqualTo("input_audio");
    String heard = user.at("/content/0/transcript").asText();
    assertThat(WordErrorRate.rate(utterance.text(), heard)).as("transcript in the SDK history: %s", heard)
        .isLessThanOrEqualTo(0.25);
    assertThat(log.sent("conversation.item.retrieve")).as("the SDK fetches the transcribed item back").isNotEmpty();
    JsonNode assistant = log.historyItem("assistant", 0);
    assertThat(assistant.path("status").asText()).isEqualTo("completed");
    assertThat(assistant.at("/content/0/transcript").asText()).isEqualTo("You said: " + heard);
  }

  @Test
  void toolCallIsRunByTheSdkAndAnswered() {
    AgentsLog log = run("tool", args("tool").message("What's the weather in Paris?"));
    List<JsonNode> starts = log.sdkEvents("agent_tool_start");
    assertThat(starts).as("the tool ran exactly once\n%s", log.describe()).hasSize(1);
    assertThat(starts.get(0).path("tool").asText()).isEqualTo("get_weather");
    assertThat(starts.get(0).path("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
    List<JsonNode> ends = log.sdkEvents("agent_tool_end");
    assertThat(ends).hasSize(1);
    assertThat(ends.get(0).path("result").asText()).isEqualTo("Sunny and 21 degrees Celsius in Paris");
    assertThat(log.summary().path("tool_calls")).hasSize(1);

    JsonNode call = log.history().stream().filter(i -> "function_call".equals(i.path("type").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no function_call in the SDK history\n" + log.describe()));
    assertThat(call.path("name").asText()).isEqualTo("get_weather");
    assertThat(call.path("status").asText()).isEqualTo("completed");
    assertThat(call.path("output").asText()).isEqualTo("Sunny and 21 degrees Celsius in Paris");
    List<JsonNode> outputs = log.sent("conversation.item.create").stream()
        .filter(s -> "function_call_output".equals(s.at("/event/item/type").asText())).toList();
    assertThat(outputs).hasSize(1);
    List<JsonNode> answers = log.history().stream().filter(i -> "assistant".equals(i.path("role").asText())).toList();
    assertThat(answers).as(log.describe()).isNotEmpty();
    assertThat(lastOf(answers).at("/content/0/transcript").asText())
        .isEqualTo("The get_weather tool returned: Sunny and 21 degrees Celsius in Paris.");
    assertThat(log.result().eventsOfType("response.done")).hasSize(2)
        .allMatch(d -> "completed".equals(d.at("/response/status").asText()));
  }

  @Test
  void interruptCancelsTruncatesAndTheSessionGoesOn() {
    AgentsLog log = run("interrupt", args("interrupt").longMessage(ConversationEndToEndTest.LONG_TEXT)
        .message("Hello again!"));
    assertThat(log.result().clientLines("scenario_problem")).as(log.describe()).isEmpty();
    assertThat(log.sdkEvents("audio_interrupted")).isNotEmpty();
    assertThat(log.sent("response.cancel")).as("interrupt() cancels the running response").hasSize(1);
    List<JsonNode> truncates = log.sent("conversation.item.truncate");
    assertThat(truncates).hasSize(1);
    List<JsonNode> done = log.result().eventsOfType("response.done");
    assertThat(done).as(log.describe()).hasSize(2);
    assertThat(done.get(0).at("/response/status").asText()).isEqualTo("cancelled");
    assertThat(done.get(0).at("/response/status_details/reason").asText()).isEqualTo("client_cancelled");
    JsonNode truncated = log.result().firstEvent("conversation.item.truncated").orElseThrow();
    assertThat(truncated.path("audio_end_ms").asLong()).isEqualTo(truncates.get(0).at("/event/audio_end_ms").asLong());
    assertThat(log.result().eventsOfType("conversation.item.retrieved")).as("the SDK re-reads the truncated item")
        .isNotEmpty();
    assertThat(done.get(1).at("/response/status").asText()).as("the next turn is answered").isEqualTo("completed");
    JsonNode interrupted = log.historyItem("assistant", 0);
    assertThat(interrupted.path("status").asText()).isEqualTo("incomplete");
  }

  @Test
  void speakingOverTheAgentInterruptsIt() {
    Utterance utterance = corpus.utterance("flite_slt", "s19");
    AgentsLog log = run("barge-in", args("barge-in").audio(pcm16(utterance)).longMessage(ConversationEndToEndTest.LONG_TEXT)
        .leadMs(200));
    assertThat(log.result().clientLines("scenario_problem")).as(log.describe()).isEmpty();
    List<JsonNode> done = log.result().eventsOfType("response.done");
    assertThat(done).as(log.describe()).hasSize(2);
    assertThat(done.get(0).at("/response/status").asText()).isEqualTo("cancelled");
    assertThat(done.get(0).at("/response/status_details/reason").asText()).isEqualTo("turn_detected");
    assertThat(log.sdkEvents("audio_interrupted")).isNotEmpty();
    assertThat(log.sent("response.cancel")).as("interrupt_response is true in session.updated, so the SDK leaves"
        + " the cancelling to the server").isEmpty();
    assertThat(log.sent("conversation.item.truncate")).as("the SDK truncates to what it played").hasSize(1);
    assertThat(done.get(1).at("/response/status").asText()).isEqualTo("completed");
    List<JsonNode> answers = log.history().stream().filter(i -> "assistant".equals(i.path("role").asText())).toList();
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0).path("status").asText()).isEqualTo("incomplete");
    assertThat(answers.get(1).at("/content/0/transcript").asText()).startsWith("You said: ");
  }

  // ---------------------------------------------------------------------------------------------

  private AgentsArgs args(String scenario) {
    return AgentsArgs.create(RunningPlatform.baseUrl(), RunningPlatform.API_KEY, scenario);
  }

  private AgentsLog run(String name, AgentsArgs args) {
    NodeResult result = RunningPlatform.node().invocation(AgentsArgs.SCRIPT).ca(RunningPlatform.ca())
        .args(args.toArgs()).timeout(Duration.ofSeconds(40)).run();
    ConversationEndToEndTest.keepLog("agents-" + name, result);
    AgentsLog log = new AgentsLog(result);
    result.requireSuccess();
    log.assertCleanForTheSdk();
    for (JsonNode event : result.events()) {
      OpenAiJavaConformance.assertValidServerEvent(event.toString());
    }
    return log;
  }

  private Path pcm16(Utterance u) {
    return u.writeSessionAudio(dir, SessionFormat.PCM16);
  }

  static JsonNode lastOf(List<JsonNode> list) {
    assertThat(list).isNotEmpty();
    return list.get(list.size() - 1);
  }

  /** The output of agents-session.mjs. */
  static final class AgentsLog {
    private final NodeResult result;

    AgentsLog(NodeResult result) {
      this.result = result;
    }

    NodeResult result() {
      return result;
    }

    String describe() {
      return result.describe();
    }

    void assertCleanForTheSdk() {
      assertThat(result.clientLines("sdk_error")).as("errors the SDK emitted\n%s", describe()).isEmpty();
      assertThat(result.clientLines("schema_error")).as("events the SDK's zod schemas reject\n%s", describe()).isEmpty();
      assertThat(result.clientLines("history_schema_error")).as("items the SDK's history schema rejects\n%s", describe())
          .isEmpty();
      assertThat(result.clientLines("crash")).as(describe()).isEmpty();
      assertThat(result.clientLines("frame")).as(describe()).isEmpty();
      assertThat(result.errors()).as("server error events\n%s", describe()).isEmpty();
      assertThat(summary().path("sdk_errors").asInt()).isZero();
      assertThat(summary().path("schema_errors").asInt()).isZero();
    }

    JsonNode summary() {
      return result.clientLine("summary").orElseThrow(() -> new AssertionError("no summary line\n" + describe()));
    }

    List<JsonNode> history() {
      return StreamSupport.stream(summary().path("history").spliterator(), false).toList();
    }

    /** The n-th message of a role in the SDK's final history. */
    JsonNode historyItem(String role, int n) {
      List<JsonNode> items = history().stream()
          .filter(i -> "message".equals(i.path("type").asText()) && role.equals(i.path("role").asText())).toList();
      assertThat(items).as("%s messages in the SDK history\n%s", role, describe()).hasSizeGreaterThan(n);
      return items.get(n);
    }

    List<JsonNode> sdkEvents(String name) {
      return result.clientLines("sdk_event").stream().filter(l -> name.equals(l.path("name").asText())).toList();
    }

    /** The client events the SDK sent of one type ({@code "sent"} lines, the event under {@code /event}). */
    List<JsonNode> sent(String type) {
      return result.clientLines("sent").stream().filter(l -> type.equals(l.path("type").asText())).toList();
    }
  }
}
