package org.voxmesh.speech.engine.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voxmesh.speech.engine.chat.FakeChatCompletionsServer.JSON;
import static org.voxmesh.speech.engine.chat.FakeChatCompletionsServer.chunk;
import static org.voxmesh.speech.engine.chat.FakeChatCompletionsServer.delta;
import static org.voxmesh.speech.engine.chat.FakeChatCompletionsServer.toolCall;
import static org.voxmesh.speech.engine.chat.FakeChatCompletionsServer.toolCalls;
import static org.voxmesh.speech.engine.chat.FakeChatCompletionsServer.usageChunk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.voxmesh.speech.engine.chat.FakeChatCompletionsServer.Endless;
import org.voxmesh.speech.engine.chat.FakeChatCompletionsServer.Error;
import org.voxmesh.speech.engine.chat.FakeChatCompletionsServer.Received;
import org.voxmesh.speech.engine.chat.FakeChatCompletionsServer.Sse;
import org.voxmesh.speech.responder.Responder;
import org.voxmesh.speech.responder.ResponderOverloadedException;
import org.voxmesh.speech.responder.ResponderSettings;
import org.voxmesh.speech.responder.Responders;
import org.voxmesh.speech.responder.ResponseChunk;
import org.voxmesh.speech.responder.ResponseChunk.Done;
import org.voxmesh.speech.responder.ResponseChunk.FunctionCallDelta;
import org.voxmesh.speech.responder.ResponseChunk.FunctionCallDone;
import org.voxmesh.speech.responder.ResponseChunk.TextDelta;
import org.voxmesh.speech.responder.ResponseChunk.Usage;
import org.voxmesh.speech.responder.ResponseRequest;
import org.voxmesh.speech.responder.ResponseStream;
import org.voxmesh.speech.responder.Tool;
import org.voxmesh.speech.responder.ToolChoice;
import org.voxmesh.speech.responder.Turn;

class ChatCompletionsResponderTest {

  private static final String PNG =
      "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  private static final String WEATHER_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\",\"description\":\"City\"}},"
          + "\"required\":[\"location\"],\"additionalProperties\":false}";
  private static final Tool WEATHER =
      new Tool("get_weather", "Current weather for a place", WEATHER_SCHEMA);
  private static final Tool ORDER = new Tool("lookup_order", "", null);

  private static List<ResponseChunk> drain(ResponseStream s) {
    List<ResponseChunk> out = new ArrayList<>();
    try (s) {
      for (ResponseChunk c; (c = s.next()) != null; ) {
        out.add(c);
      }
      assertThat(s.next()).isNull();
    }
    return out;
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void mapsTheConversationAndStreamsText() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(
                r ->
                    Sse.of(
                        List.of(
                            chunk(delta("role", "assistant", "content", ""), null),
                            chunk(delta("content", "Hello"), null),
                            chunk(delta("content", " there"), null),
                            chunk(delta("content", "!"), null),
                            chunk(delta(), "stop"),
                            usageChunk(42, 3, 10))));
        ChatCompletionsResponder responder =
            new ChatCompletionsResponder(
                ChatCompletionsConfig.of(server.baseUrl() + "/", "qwen2.5-7b-instruct")
                    .withApiKey("sk-test"))) {
      ResponseRequest request =
          ResponseRequest.builder()
              .instructions("You are terse.")
              .add(new Turn.UserText("Hi"))
              .add(new Turn.AssistantText("Hello."))
              .add(new Turn.AssistantText("")) // e.g. audio cut before any transcript: merged away
              .add(new Turn.UserAudio("what's this picture"))
              .add(new Turn.UserImage(PNG, "image/png", "low"))
              .add(new Turn.UserText("and be quick"))
              .add(new Turn.AssistantText("Let me check the weather."))
              .add(new Turn.FunctionCall("call_1", "get_weather", "{\"location\":\"Paris\"}"))
              .add(new Turn.FunctionCall("call_2", "lookup_order", ""))
              .add(new Turn.FunctionCallOutput("call_1", "{\"temp_c\":21}"))
              .add(new Turn.FunctionCallOutput("call_2", "shipped"))
              .add(new Turn.SystemText("Answer in English."))
              .add(new Turn.UserAudio(null)) // untranscribed: left out
              .tools(List.of(WEATHER, ORDER))
              .toolChoice(ToolChoice.function("get_weather"))
              .maxOutputTokens(50)
              .temperature(0.3)
              .metadata(Map.of("topic", "weather"))
              .build();
      assertThat(responder.name()).isEqualTo("openai-compatible/qwen2.5-7b-instruct");

      List<ResponseChunk> chunks = drain(responder.respond(request));
      assertThat(chunks)
          .containsExactly(
              new TextDelta("Hello"),
              new TextDelta(" there"),
              new TextDelta("!"),
              new Done("stop", new Usage(42, 3, 10, false)));

      assertThat(server.received()).hasSize(1);
      Received got = server.received().get(0);
      assertThat(got.method()).isEqualTo("POST");
      assertThat(got.path()).isEqualTo("/v1/chat/completions");
      assertThat(got.authorization()).isEqualTo("Bearer sk-test");
      assertThat(got.contentType()).startsWith("application/json");
      assertThat(got.headers().keySet())
          .noneMatch(h -> h.toLowerCase().startsWith("x-stainless-os"));
      JsonNode body = got.body();
      assertThat(body.get("model").asText()).isEqualTo("qwen2.5-7b-instruct");
      assertThat(body.get("stream").asBoolean()).isTrue();
      assertThat(body.get("stream_options")).isEqualTo(json("{\"include_usage\":true}"));
      assertThat(body.get("max_tokens").asInt()).isEqualTo(50);
      assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
      assertThat(body.has("metadata")).isFalse();
      assertThat(body.get("tool_choice"))
          .isEqualTo(json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
      assertThat(body.get("tools"))
          .isEqualTo(
              json(
                  "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                      + "\"description\":\"Current weather for a place\",\"parameters\":"
                      + WEATHER_SCHEMA
                      + "}},"
                      + "{\"type\":\"function\",\"function\":{\"name\":\"lookup_order\","
                      + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]"));
      assertThat(body.get("messages"))
          .isEqualTo(
              json(
                  """
                  [
                   {"role":"system","content":"You are terse."},
                   {"role":"user","content":"Hi"},
                   {"role":"assistant","content":"Hello."},
                   {"role":"user","content":[
                     {"type":"text","text":"what's this picture"},
                     {"type":"image_url","image_url":{"url":"%s","detail":"low"}},
                     {"type":"text","text":"and be quick"}]},
                   {"role":"assistant","content":"Let me check the weather.","tool_calls":[
                     {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}},
                     {"id":"call_2","type":"function","function":{"name":"lookup_order","arguments":"{}"}}]},
                   {"role":"tool","tool_call_id":"call_1","content":"{\\"temp_c\\":21}"},
                   {"role":"tool","tool_call_id":"call_2","content":"shipped"},
                   {"role":"system","content":"Answer in English."}
                  ]\
                  """
                      .formatted(PNG)));
    }
  }

  @Test
  void streamsToolCallsSplitAcrossChunks() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(
                r ->
                    new Sse(
                        List.of(
                            chunk(delta("role", "assistant", "content", null), null),
                            chunk(toolCalls(toolCall(0, "call_abc", "get_weather", "")), null),
                            chunk(toolCalls(toolCall(0, null, null, "{\"loc")), null),
                            chunk(toolCalls(toolCall(0, null, null, "ation\": \"Par")), null),
                            chunk(toolCalls(toolCall(0, null, null, "is\"}")), null),
                            chunk(toolCalls(toolCall(1, "call_def", "lookup_order", "{}")), null),
                            chunk(delta(), "tool_calls"),
                            usageChunk(80, 25, null)),
                        5,
                        0,
                        false));
        ChatCompletionsResponder responder =
            new ChatCompletionsResponder(ChatCompletionsConfig.of(server.baseUrl(), "llama3.1"))) {
      List<ResponseChunk> chunks =
          drain(
              responder.respond(
                  ResponseRequest.builder()
                      .tools(List.of(WEATHER, ORDER))
                      .toolChoice(ToolChoice.REQUIRED)
                      .add(new Turn.UserText("weather in Paris, and my order"))
                      .build()));
      String args = "{\"location\": \"Paris\"}";
      assertThat(chunks)
          .containsExactly(
              new FunctionCallDelta("call_abc", "get_weather", ""),
              new FunctionCallDelta("call_abc", "get_weather", "{\"loc"),
              new FunctionCallDelta("call_abc", "get_weather", "ation\": \"Par"),
              new FunctionCallDelta("call_abc", "get_weather", "is\"}"),
              new FunctionCallDelta("call_def", "lookup_order", ""),
              new FunctionCallDelta("call_def", "lookup_order", "{}"),
              new FunctionCallDone("call_abc", "get_weather", args),
              new FunctionCallDone("call_def", "lookup_order", "{}"),
              new Done("tool_calls", new Usage(80, 25, 0, false)));
      Received got = server.received().get(0);
      assertThat(got.authorization()).as("no key, no Authorization header").isNull();
      assertThat(got.body().get("tool_choice").asText()).isEqualTo("required");
      assertThat(got.body().has("max_tokens")).isFalse();
      assertThat(got.body().has("temperature")).isFalse();
    }
  }

  @Test
  void toolChoiceIsSentOnlyWithToolsAndCallsWithoutIdsGetOne() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(
                r ->
                    Sse.of(
                        List.of(
                            // llama.cpp-style: the whole call in one fragment, no id; no usage
                            // chunk
                            chunk(
                                toolCalls(
                                    toolCall(0, null, "get_weather", "{\"location\":\"Oslo\"}")),
                                null),
                            chunk(delta(), "tool_calls"))));
        ChatCompletionsResponder responder =
            new ChatCompletionsResponder(ChatCompletionsConfig.of(server.baseUrl(), "m"))) {
      ResponseRequest none =
          ResponseRequest.builder()
              .toolChoice(ToolChoice.NONE)
              .add(new Turn.UserText("hi"))
              .build();
      List<ResponseChunk> chunks = drain(responder.respond(none));
      assertThat(server.received().get(0).body().has("tool_choice")).isFalse();
      assertThat(server.received().get(0).body().has("tools")).isFalse();
      FunctionCallDone done = (FunctionCallDone) chunks.get(chunks.size() - 2);
      assertThat(done.callId()).matches("call_[A-Za-z0-9]{16}");
      assertThat(done.arguments()).isEqualTo("{\"location\":\"Oslo\"}");
      assertThat(chunks.get(0)).isEqualTo(new FunctionCallDelta(done.callId(), "get_weather", ""));
      Done d = (Done) chunks.get(chunks.size() - 1);
      assertThat(d.finishReason()).isEqualTo("tool_calls");
      assertThat(d.usage().estimated()).as("no usage chunk: estimated").isTrue();
      assertThat(d.usage().outputTokens()).isEqualTo(5); // 19 characters of arguments

      drain(responder.respond(none.toBuilder().addTool(WEATHER).build()));
      assertThat(server.received().get(1).body().get("tool_choice").asText()).isEqualTo("none");
    }
  }

  @Test
  void errorStatusesCarryTheUpstreamMessage() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(
                r ->
                    r.authorization() != null && r.authorization().equals("Bearer sk-bad")
                        ? new Error(
                            401,
                            "application/json",
                            "{\"error\":{\"message\":\"Incorrect API key provided: sk-bad.\","
                                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")
                        : new Error(
                            500, "application/json", "{\"detail\":\"CUDA out of memory\"}"));
        ChatCompletionsResponder bad =
            new ChatCompletionsResponder(
                ChatCompletionsConfig.of(server.baseUrl(), "m").withApiKey("sk-bad"));
        ChatCompletionsResponder broken =
            new ChatCompletionsResponder(ChatCompletionsConfig.of(server.baseUrl(), "m"))) {
      ResponseStream s = bad.respond(ResponseRequest.of(new Turn.UserText("hi")));
      assertThatThrownBy(s::next)
          .isInstanceOfSatisfying(
              UpstreamResponderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.upstreamMessage()).isEqualTo("Incorrect API key provided: sk-bad.");
                assertThat(e.getMessage()).contains("401").contains("Incorrect API key");
              });
      assertThat(s.next()).as("finished after a failure").isNull();
      s.close();

      assertThatThrownBy(() -> drain(broken.respond(ResponseRequest.of(new Turn.UserText("hi")))))
          .isInstanceOfSatisfying(
              UpstreamResponderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.upstreamMessage()).isEqualTo("CUDA out of memory");
              });
      assertThat(server.received()).as("no retries").hasSize(2);
    }
  }

  @Test
  void plainTextErrorBodiesAndUnreachableServers() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(r -> new Error(503, "text/plain", "model is loading"));
        ChatCompletionsResponder r =
            new ChatCompletionsResponder(ChatCompletionsConfig.of(server.baseUrl(), "m"))) {
      assertThatThrownBy(() -> drain(r.respond(ResponseRequest.of(new Turn.UserText("hi")))))
          .isInstanceOfSatisfying(
              UpstreamResponderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.upstreamMessage()).contains("model is loading");
              });
    }
    try (ChatCompletionsResponder r =
        new ChatCompletionsResponder(
            ChatCompletionsConfig.of("http://127.0.0.1:1/v1", "m")
                .withTimeout(Duration.ofSeconds(2)))) {
      assertThatThrownBy(() -> drain(r.respond(ResponseRequest.of(new Turn.UserText("hi")))))
          .isInstanceOfSatisfying(
              UpstreamResponderException.class, e -> assertThat(e.status()).isZero());
    }
  }

  @Test
  void aStallLongerThanTheTimeoutFails() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(
                r -> new Sse(List.of(chunk(delta("content", "late"), null)), 0, 3_000, false));
        ChatCompletionsResponder r =
            new ChatCompletionsResponder(
                ChatCompletionsConfig.of(server.baseUrl(), "m")
                    .withTimeout(Duration.ofMillis(400)))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> drain(r.respond(ResponseRequest.of(new Turn.UserText("hi")))))
          .isInstanceOfSatisfying(
              UpstreamResponderException.class,
              e -> {
                assertThat(e.status()).isZero();
                assertThat(e.getMessage()).contains("timed out");
              });
      assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.MILLISECONDS.toNanos(2_500));
    }
    // the same mid-stream
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(
                r ->
                    new Sse(
                        List.of(chunk(delta("content", "Hm"), null), chunk(delta(), "stop")),
                        3_000,
                        0,
                        false));
        ChatCompletionsResponder r =
            new ChatCompletionsResponder(
                ChatCompletionsConfig.of(server.baseUrl(), "m")
                    .withTimeout(Duration.ofMillis(400)))) {
      ResponseStream s = r.respond(ResponseRequest.of(new Turn.UserText("hi")));
      assertThat(s.next()).isEqualTo(new TextDelta("Hm"));
      assertThatThrownBy(s::next)
          .isInstanceOfSatisfying(
              UpstreamResponderException.class,
              e -> {
                assertThat(e.status()).isZero();
                assertThat(e.getMessage()).contains("timed out");
              });
      s.close();
    }
  }

  @Test
  void aStreamThatBreaksOffIsAFailureNotAnAnswer() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(
                r -> new Sse(List.of(chunk(delta("content", "Half an ans"), null)), 0, 0, true));
        ChatCompletionsResponder r =
            new ChatCompletionsResponder(ChatCompletionsConfig.of(server.baseUrl(), "m"))) {
      ResponseStream s = r.respond(ResponseRequest.of(new Turn.UserText("hi")));
      assertThat(s.next()).isEqualTo(new TextDelta("Half an ans"));
      assertThatThrownBy(s::next)
          .isInstanceOf(UpstreamResponderException.class)
          .hasMessageContaining("before a finish_reason");
      s.close();
    }
  }

  @Test
  void anErrorEventMidStreamIsAFailure() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(
                r ->
                    Sse.of(
                        List.of(
                            chunk(delta("content", "Sure"), null),
                            "{\"error\":{\"object\":\"error\",\"message\":\"This model's maximum"
                                + " context length is 8192 tokens\","
                                + "\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}")));
        ChatCompletionsResponder r =
            new ChatCompletionsResponder(ChatCompletionsConfig.of(server.baseUrl(), "m"))) {
      ResponseStream s = r.respond(ResponseRequest.of(new Turn.UserText("hi")));
      assertThat(s.next()).isEqualTo(new TextDelta("Sure"));
      assertThatThrownBy(s::next)
          .isInstanceOfSatisfying(
              UpstreamResponderException.class,
              e ->
                  assertThat(e.upstreamMessage())
                      .isEqualTo("This model's maximum context length is 8192 tokens"));
      assertThat(s.next()).isNull();
      s.close();
    }
  }

  @Test
  void cancelMidStreamClosesTheConnectionPromptly() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(r -> new Endless(" tick", 20));
        ChatCompletionsResponder r =
            new ChatCompletionsResponder(
                ChatCompletionsConfig.of(server.baseUrl(), "m").withMaxConcurrent(1))) {
      ResponseStream s = r.respond(ResponseRequest.of(new Turn.UserText("count forever")));
      CountDownLatch threeTicks = new CountDownLatch(3);
      CompletableFuture<List<ResponseChunk>> puller =
          CompletableFuture.supplyAsync(
              () -> {
                List<ResponseChunk> got = new ArrayList<>();
                for (ResponseChunk c; (c = s.next()) != null; ) {
                  got.add(c);
                  threeTicks.countDown();
                }
                return got;
              });
      assertThat(threeTicks.await(5, TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      s.cancel();
      List<ResponseChunk> got = puller.get(3, TimeUnit.SECONDS);
      long pullerStopped = System.nanoTime() - t0;
      assertThat(server.clientLeft().await(3, TimeUnit.SECONDS))
          .as("server saw the client leave")
          .isTrue();
      assertThat(server.clientLeftNanos() - t0).isLessThan(TimeUnit.SECONDS.toNanos(3));
      assertThat(pullerStopped).isLessThan(TimeUnit.SECONDS.toNanos(2));

      Done done = (Done) got.get(got.size() - 1);
      assertThat(done.finishReason()).isEqualTo(Done.CANCELLED);
      assertThat(done.usage().estimated()).isTrue();
      assertThat(got.subList(0, got.size() - 1)).allMatch(c -> c.equals(new TextDelta(" tick")));
      assertThat(done.usage().outputTokens()).isEqualTo(TokenEstimateOf.ticks(got.size() - 1));
      s.close();
      // the slot is free again
      ResponseStream again = r.respond(ResponseRequest.of(new Turn.UserText("again")));
      again.cancel();
      assertThat(again.next()).isInstanceOf(Done.class);
      again.close();
    }
  }

  @Test
  void cancelUnblocksAPullWaitingOnASilentServer() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(
                r ->
                    new Sse(
                        List.of(chunk(delta("content", "Thinking"), null), chunk(delta(), "stop")),
                        10_000,
                        0,
                        false));
        ChatCompletionsResponder r =
            new ChatCompletionsResponder(ChatCompletionsConfig.of(server.baseUrl(), "m"))) {
      ResponseStream s = r.respond(ResponseRequest.of(new Turn.UserText("hi")));
      assertThat(s.next()).isEqualTo(new TextDelta("Thinking"));
      CompletableFuture<ResponseChunk> blocked = CompletableFuture.supplyAsync(s::next);
      Thread.sleep(200);
      assertThat(blocked).isNotDone();
      long t0 = System.nanoTime();
      s.cancel(); // nothing arrives for 10 s: only closing the socket can unblock the read
      ResponseChunk c = blocked.get(3, TimeUnit.SECONDS);
      assertThat(System.nanoTime() - t0)
          .isLessThan(TimeUnit.SECONDS.toNanos(2)); // vs 10 s of silence
      assertThat(((Done) c).finishReason()).isEqualTo(Done.CANCELLED);
      assertThat(((Done) c).usage().outputTokens()).isEqualTo(2); // "Thinking"
      s.close();
    }
  }

  /** Output estimate of n " tick" deltas. */
  private static final class TokenEstimateOf {
    static int ticks(int n) {
      return org.voxmesh.speech.responder.TokenEstimate.text(" tick".repeat(n));
    }
  }

  @Test
  void cancelBeforeTheFirstPullSendsNothing() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(r -> new Endless("x", 20));
        ChatCompletionsResponder r =
            new ChatCompletionsResponder(ChatCompletionsConfig.of(server.baseUrl(), "m"))) {
      ResponseStream s = r.respond(ResponseRequest.of(new Turn.UserText("hi")));
      s.cancel();
      ResponseChunk c = s.next();
      assertThat(c).isInstanceOf(Done.class);
      assertThat(((Done) c).finishReason()).isEqualTo(Done.CANCELLED);
      assertThat(((Done) c).usage().outputTokens()).isZero();
      assertThat(s.next()).isNull();
      s.close();
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void refusesBeyondCapacity() throws Exception {
    try (FakeChatCompletionsServer server =
            new FakeChatCompletionsServer(
                r -> Sse.of(List.of(chunk(delta("content", "ok"), "stop"))));
        ChatCompletionsResponder r =
            new ChatCompletionsResponder(
                ChatCompletionsConfig.of(server.baseUrl(), "m").withMaxConcurrent(1))) {
      ResponseStream first = r.respond(ResponseRequest.of(new Turn.UserText("a")));
      assertThatThrownBy(() -> r.respond(ResponseRequest.of(new Turn.UserText("b"))))
          .isInstanceOf(ResponderOverloadedException.class)
          .hasMessageContaining("1 upstream slots");
      List<ResponseChunk> a = drain(first);
      assertThat(a.get(0)).isEqualTo(new TextDelta("ok"));
      assertThat(((Done) a.get(1)).finishReason()).isEqualTo("stop");
      // reaching Done freed the slot
      List<ResponseChunk> b = drain(r.respond(ResponseRequest.of(new Turn.UserText("b"))));
      assertThat(b).hasSize(2);
      ResponseStream c = r.respond(ResponseRequest.of(new Turn.UserText("c")));
      c.close(); // closing frees it too
      drain(r.respond(ResponseRequest.of(new Turn.UserText("d"))));
      r.close();
      assertThatThrownBy(() -> r.respond(ResponseRequest.of(new Turn.UserText("e"))))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void settingsAndFactory() {
    ResponderSettings s =
        ResponderSettings.fromMap(
            Map.of(
                "engine", "openai-compatible",
                "openai.base-url", "http://vllm.internal:8000/v1/",
                "openai.api-key", "sk-local",
                "openai.model", "Qwen/Qwen2.5-7B-Instruct",
                "openai.timeout-ms", "15000",
                "openai.max-concurrent", "3"));
    assertThat(s.chatCompletions())
        .isEqualTo(
            new ChatCompletionsConfig(
                "http://vllm.internal:8000/v1",
                "sk-local",
                "Qwen/Qwen2.5-7B-Instruct",
                Duration.ofSeconds(15),
                3));
    assertThat(s.toString()).doesNotContain("sk-local");
    try (Responder r = Responders.create(s)) {
      assertThat(r).isInstanceOf(ChatCompletionsResponder.class);
      assertThat(r.name()).isEqualTo("openai-compatible/Qwen/Qwen2.5-7B-Instruct");
    }
    assertThatThrownBy(
            () ->
                ResponderSettings.fromMap(
                    Map.of("engine", "openai-compatible", "openai.model", "m")))
        .hasMessageContaining("openai.base-url");
    assertThatThrownBy(
            () ->
                ResponderSettings.fromMap(
                    Map.of("engine", "openai-compatible", "openai.base-url", "http://h/v1")))
        .hasMessageContaining("openai.model");
    assertThatThrownBy(() -> ChatCompletionsConfig.of("ftp://h/v1", "m"))
        .hasMessageContaining("http(s)");
  }
}
