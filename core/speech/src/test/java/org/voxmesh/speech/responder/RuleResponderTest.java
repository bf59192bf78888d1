package org.voxmesh.speech.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.voxmesh.speech.responder.ResponseChunk.Done;
import org.voxmesh.speech.responder.ResponseChunk.FunctionCallDelta;
import org.voxmesh.speech.responder.ResponseChunk.FunctionCallDone;
import org.voxmesh.speech.responder.ResponseChunk.TextDelta;

class RuleResponderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Tuesday 2025-11-25 15:07:00 in Paris
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-11-25T14:07:00Z"), ZoneOffset.UTC);
  private static final RuleResponderConfig PARIS =
      RuleResponderConfig.defaults().withTimeZone(ZoneId.of("Europe/Paris"));

  private static final Tool WEATHER =
      new Tool(
          "get_weather",
          "Current weather for a place",
          """
          {"type":"object","properties":{"location":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},
           "required":["location"]}\
          """);
  private static final Tool LOOKUP_ORDER =
      new Tool(
          "lookupOrder",
          "Finds an order",
          """
          {"type":"object","properties":{"order_id":{"type":"string"},"carrier":{"type":"string","enum":["ups","fedex"]},
           "verbose":{"type":"boolean"}},"required":["order_id","carrier","verbose"]}\
          """);

  /** Everything a stream yielded. */
  record Drained(
      List<ResponseChunk> chunks, String text, List<FunctionCallDone> calls, Done done) {}

  static Drained drain(ResponseStream s) {
    List<ResponseChunk> chunks = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    List<FunctionCallDone> calls = new ArrayList<>();
    Done done = null;
    try (s) {
      for (ResponseChunk c; (c = s.next()) != null; ) {
        assertThat(done).as("nothing after Done").isNull();
        chunks.add(c);
        if (c instanceof TextDelta t) {
          text.append(t.text());
        } else if (c instanceof FunctionCallDone f) {
          calls.add(f);
        } else if (c instanceof Done d) {
          done = d;
        }
      }
      assertThat(s.next()).isNull();
    }
    assertThat(done).as("ends with Done").isNotNull();
    return new Drained(chunks, text.toString(), calls, done);
  }

  private static Drained ask(ResponseRequest request) {
    try (RuleResponder r = new RuleResponder(PARIS, CLOCK)) {
      return drain(r.respond(request));
    }
  }

  private static Drained say(String text) {
    return ask(ResponseRequest.of(new Turn.UserText(text)));
  }

  @Test
  void nameIsHonest() {
    try (RuleResponder r = new RuleResponder()) {
      assertThat(r.name()).isEqualTo("voxmesh-embedded-responder");
    }
  }

  @Test
  void echoesWhatItHeardWordByWord() {
    Drained d = say("The quick brown fox jumps.");
    assertThat(d.text()).isEqualTo("You said: The quick brown fox jumps.");
    assertThat(d.chunks())
        .containsExactly(
            new TextDelta("You"),
            new TextDelta(" said:"),
            new TextDelta(" The"),
            new TextDelta(" quick"),
            new TextDelta(" brown"),
            new TextDelta(" fox"),
            new TextDelta(" jumps."),
            d.done());
    assertThat(d.done().finishReason()).isEqualTo(Done.STOP);
    assertThat(d.done().usage().estimated()).isTrue();
    // "You said: The quick brown fox jumps." is 36 characters: 9 tokens at 4 characters a token
    assertThat(d.done().usage().outputTokens()).isEqualTo(9);
    // priming 3 + one turn (3 + "The quick brown fox jumps." 26 chars → 7)
    assertThat(d.done().usage().inputTokens()).isEqualTo(13);
  }

  @Test
  void audioTranscriptsAreHeardAndSilenceIsAdmitted() {
    assertThat(ask(ResponseRequest.of(new Turn.UserAudio("turn the lights on"))).text())
        .isEqualTo("You said: turn the lights on");
    assertThat(ask(ResponseRequest.of(new Turn.UserAudio(null))).text())
        .isEqualTo(RuleResponder.NOT_HEARD);
    assertThat(ask(ResponseRequest.of(new Turn.UserAudio("  "))).text())
        .isEqualTo(RuleResponder.NOT_HEARD);
  }

  @Test
  void greets() {
    for (String hello :
        List.of("Hello!", "hi there", "Hey, how are you?", "Good morning", "HOWDY")) {
      assertThat(say(hello).text()).as(hello).isEqualTo(RuleResponder.GREETING);
    }
    assertThat(say("Ship it").text()).isEqualTo("You said: Ship it");
    assertThat(say("This is high quality").text()).startsWith("You said:");
  }

  @Test
  void tellsTheTimeAndDateInItsZone() {
    assertThat(say("What time is it?").text()).isEqualTo("It's 3:07 PM.");
    assertThat(say("hey, what's the time").text()).isEqualTo("It's 3:07 PM.");
    assertThat(say("Can you tell me the time please").text()).isEqualTo("It's 3:07 PM.");
    assertThat(say("What's the date?").text()).isEqualTo("Today is Tuesday, November 25, 2025.");
  }

  @Test
  void introducesItselfWithoutUserInputAndIsHonestAboutImages() {
    assertThat(ask(ResponseRequest.builder().build()).text()).isEqualTo(RuleResponder.INTRO);
    assertThat(ask(ResponseRequest.of(new Turn.AssistantText("Hi."))).text())
        .isEqualTo(RuleResponder.INTRO);
    String png = "data:image/png;base64,iVBORw0KGgo=";
    assertThat(ask(ResponseRequest.of(new Turn.UserImage(png, null))).text())
        .isEqualTo(RuleResponder.IMAGE_ONLY);
    Drained both =
        ask(
            ResponseRequest.of(
                new Turn.UserText("Look at this"), new Turn.UserImage(png, "image/png")));
    assertThat(both.text()).isEqualTo("You said: Look at this " + RuleResponder.IMAGE_TOO);
    // one image costs 85 tokens in the estimate
    assertThat(both.done().usage().inputTokens()).isEqualTo(3 + 3 + 3 + 3 + 85);
  }

  @Test
  void systemTurnsAndInstructionsDoNotChangeTheRules() {
    Drained d =
        ask(
            ResponseRequest.builder()
                .instructions("You are a pirate.")
                .add(new Turn.UserText("Hello"))
                .add(new Turn.SystemText("Be brief."))
                .build());
    assertThat(d.text()).isEqualTo(RuleResponder.GREETING);
  }

  @Test
  void callsAMentionedToolWithObviousArgumentsThenReportsItsOutput() throws Exception {
    ResponseRequest ask =
        ResponseRequest.builder()
            .addTool(WEATHER)
            .add(new Turn.UserText("What's the weather in Paris?"))
            .build();
    Drained first = ask(ask);
    assertThat(first.text()).isEmpty();
    assertThat(first.calls()).hasSize(1);
    FunctionCallDone call = first.calls().get(0);
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.callId()).matches("call_[A-Za-z0-9]{16}");
    assertThat(JSON.readTree(call.arguments()))
        .isEqualTo(JSON.readTree("{\"location\":\"Paris\"}"));
    assertThat(first.done().finishReason()).isEqualTo(Done.TOOL_CALLS);
    // announced by an empty delta, then the arguments in pieces that add up
    List<FunctionCallDelta> deltas =
        first.chunks().stream()
            .filter(FunctionCallDelta.class::isInstance)
            .map(FunctionCallDelta.class::cast)
            .toList();
    assertThat(deltas.get(0).argumentsDelta()).isEmpty();
    assertThat(deltas).hasSizeGreaterThan(2).allMatch(x -> x.callId().equals(call.callId()));
    assertThat(String.join("", deltas.stream().map(FunctionCallDelta::argumentsDelta).toList()))
        .isEqualTo(call.arguments());
    assertThat(first.chunks().get(first.chunks().size() - 2)).isEqualTo(call);
    assertThat(first.done().usage().outputTokens())
        .isEqualTo(TokenEstimate.text("get_weather") + TokenEstimate.text(call.arguments()));

    ResponseRequest followUp =
        ask.toBuilder()
            .add(new Turn.FunctionCall(call.callId(), call.name(), call.arguments()))
            .add(new Turn.FunctionCallOutput(call.callId(), "{\"temp_c\":21,\"sky\":\"clear\"}"))
            .build();
    Drained second = ask(followUp);
    assertThat(second.text())
        .isEqualTo("The get_weather tool returned: {\"temp_c\":21,\"sky\":\"clear\"}.");
    assertThat(second.calls()).isEmpty();
    assertThat(second.done().finishReason()).isEqualTo(Done.STOP);
  }

  @Test
  void reportsSeveralOutputsAndAPendingCall() {
    Drained d =
        ask(
            ResponseRequest.builder()
                .addTool(WEATHER)
                .add(new Turn.UserText("weather in Paris and Rome"))
                .add(new Turn.FunctionCall("call_a", "get_weather", "{\"location\":\"Paris\"}"))
                .add(new Turn.FunctionCall("call_b", "get_weather", "{\"location\":\"Rome\"}"))
                .add(new Turn.FunctionCallOutput("call_a", "sunny"))
                .add(new Turn.FunctionCallOutput("call_b", "rain!"))
                .build());
    assertThat(d.text())
        .isEqualTo("The get_weather tool returned: sunny. The get_weather tool returned: rain!");
    Drained pending =
        ask(
            ResponseRequest.of(
                new Turn.UserText("x"), new Turn.FunctionCall("call_a", "get_weather", "{}")));
    assertThat(pending.text()).isEqualTo("I'm waiting for the result of the get_weather tool.");
  }

  @Test
  void argumentHeuristics() throws Exception {
    assertThat(args(WEATHER, "get weather Berlin")).isEqualTo(json("{\"location\":\"Berlin\"}"));
    assertThat(args(WEATHER, "getWeather for New York City, please."))
        .isEqualTo(json("{\"location\":\"New York City\"}"));
    assertThat(args(WEATHER, "use get_weather: location is Oslo and unit is celsius"))
        .isEqualTo(json("{\"location\":\"Oslo\"}")); // unit is optional: never filled
    // several required strings: only the obvious ones; the boolean is never filled
    assertThat(args(LOOKUP_ORDER, "Look up order, order id: A-17, carrier FedEx"))
        .isEqualTo(json("{\"order_id\":\"A-17\",\"carrier\":\"fedex\"}"));
    assertThat(args(LOOKUP_ORDER, "lookup order please")).isEqualTo(json("{}"));
    Tool noParams = new Tool("ping", null, null);
    assertThat(args(noParams, "ping")).isEqualTo(json("{}"));
  }

  private static JsonNode args(Tool tool, String text) throws Exception {
    Drained d = ask(ResponseRequest.builder().addTool(tool).add(new Turn.UserText(text)).build());
    assertThat(d.calls()).as(text).hasSize(1);
    return JSON.readTree(d.calls().get(0).arguments());
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void mentionMatching() {
    List<Tool> tools = List.of(WEATHER, LOOKUP_ORDER);
    assertThat(RuleResponder.mentioned(tools, "call GET-WEATHER now")).isEqualTo(WEATHER);
    assertThat(RuleResponder.mentioned(tools, "getweather")).isEqualTo(WEATHER);
    assertThat(RuleResponder.mentioned(tools, "where is my order?")).isEqualTo(LOOKUP_ORDER);
    assertThat(RuleResponder.mentioned(tools, "whether or not")).isNull();
    assertThat(RuleResponder.mentioned(tools, "the weatherman")).isNull();
    assertThat(RuleResponder.words("lookupOrderV2")).containsExactly("lookup", "order", "v2");
  }

  @Test
  void toolChoiceNoneNeverCalls() {
    Drained d =
        ask(
            ResponseRequest.builder()
                .addTool(WEATHER)
                .toolChoice(ToolChoice.NONE)
                .add(new Turn.UserText("What's the weather in Paris?"))
                .build());
    assertThat(d.calls()).isEmpty();
    assertThat(d.text()).isEqualTo("You said: What's the weather in Paris?");
  }

  @Test
  void toolChoiceRequiredCallsTheMentionedToolElseTheFirst() {
    Drained mentioned =
        ask(
            ResponseRequest.builder()
                .tools(List.of(WEATHER, LOOKUP_ORDER))
                .toolChoice(ToolChoice.REQUIRED)
                .add(new Turn.UserText("where is my order"))
                .build());
    assertThat(mentioned.calls()).extracting(FunctionCallDone::name).containsExactly("lookupOrder");
    Drained first =
        ask(
            ResponseRequest.builder()
                .tools(List.of(WEATHER, LOOKUP_ORDER))
                .toolChoice(ToolChoice.REQUIRED)
                .add(new Turn.UserText("Hello"))
                .build());
    assertThat(first.calls()).extracting(FunctionCallDone::name).containsExactly("get_weather");
    assertThat(first.calls().get(0).arguments()).isEqualTo("{\"location\":\"Hello\"}");
    // no tools: required is moot
    Drained none =
        ask(
            ResponseRequest.builder()
                .toolChoice(ToolChoice.REQUIRED)
                .add(new Turn.UserText("Hello"))
                .build());
    assertThat(none.text()).isEqualTo(RuleResponder.GREETING);
  }

  @Test
  void toolChoiceNamedCallsThatFunctionEvenAfterAnOutput() {
    ResponseRequest.Builder b =
        ResponseRequest.builder()
            .tools(List.of(WEATHER, LOOKUP_ORDER))
            .toolChoice(ToolChoice.function("lookupOrder"))
            .add(new Turn.UserText("what's the weather in Paris"));
    assertThat(ask(b.build()).calls())
        .extracting(FunctionCallDone::name)
        .containsExactly("lookupOrder");
    b.add(new Turn.FunctionCall("call_x", "lookupOrder", "{}"))
        .add(new Turn.FunctionCallOutput("call_x", "shipped"));
    assertThat(ask(b.build()).calls())
        .extracting(FunctionCallDone::name)
        .containsExactly("lookupOrder");
    assertThat(ask(b.toolChoice(ToolChoice.AUTO).build()).text())
        .isEqualTo("The lookupOrder tool returned: shipped.");
    assertThatThrownBy(
            () ->
                ResponseRequest.builder()
                    .addTool(WEATHER)
                    .toolChoice(ToolChoice.function("nope"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void maxOutputTokensTruncatesWithReasonLength() {
    Drained d =
        ask(
            ResponseRequest.builder()
                .maxOutputTokens(3)
                .add(new Turn.UserText("The quick brown fox jumps."))
                .build());
    // 3 tokens = 12 characters, cut mid-word
    assertThat(d.text()).isEqualTo("You said: Th");
    assertThat(d.done().finishReason()).isEqualTo(Done.LENGTH);
    assertThat(d.done().usage().outputTokens()).isEqualTo(3);

    Drained exact =
        ask(
            ResponseRequest.builder()
                .maxOutputTokens(9)
                .add(new Turn.UserText("The quick brown fox jumps."))
                .build());
    assertThat(exact.done().finishReason()).isEqualTo(Done.STOP);

    Drained call =
        ask(
            ResponseRequest.builder()
                .addTool(WEATHER)
                .maxOutputTokens(4)
                .add(new Turn.UserText("weather in Paris"))
                .build());
    // the name costs 3 tokens; 1 token (4 characters) of arguments is left
    assertThat(call.calls()).hasSize(1);
    assertThat(call.calls().get(0).arguments()).isEqualTo("{\"lo");
    assertThat(call.done().finishReason()).isEqualTo(Done.LENGTH);
  }

  @Test
  void cancelStopsAPacedStreamPromptly() throws Exception {
    try (RuleResponder r = new RuleResponder(PARIS.withWordDelay(Duration.ofSeconds(5)), CLOCK)) {
      ResponseStream s = r.respond(ResponseRequest.of(new Turn.UserText("one two three four")));
      assertThat(s.next()).isEqualTo(new TextDelta("You"));
      long t0 = System.nanoTime();
      CompletableFuture<ResponseChunk> blocked = CompletableFuture.supplyAsync(s::next);
      Thread.sleep(100);
      s.cancel();
      ResponseChunk c = blocked.get(2, TimeUnit.SECONDS);
      assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(2));
      assertThat(c).isInstanceOf(Done.class);
      assertThat(((Done) c).finishReason()).isEqualTo(Done.CANCELLED);
      assertThat(((Done) c).usage().outputTokens()).isEqualTo(1);
      assertThat(s.next()).isNull();
      s.close();
    }
  }

  @Test
  void refusesBeyondCapacityAndFreesSlotsOnDoneOrClose() {
    try (RuleResponder r = new RuleResponder(PARIS.withMaxConcurrent(2), CLOCK)) {
      ResponseStream a = r.respond(ResponseRequest.of(new Turn.UserText("a")));
      ResponseStream b = r.respond(ResponseRequest.of(new Turn.UserText("b")));
      assertThatThrownBy(() -> r.respond(ResponseRequest.of(new Turn.UserText("c"))))
          .isInstanceOf(ResponderOverloadedException.class);
      drain(a); // reaching Done frees the slot
      ResponseStream c = r.respond(ResponseRequest.of(new Turn.UserText("c")));
      b.close();
      b.close();
      ResponseStream d = r.respond(ResponseRequest.of(new Turn.UserText("d")));
      assertThatThrownBy(() -> r.respond(ResponseRequest.of(new Turn.UserText("e"))))
          .isInstanceOf(ResponderOverloadedException.class);
      c.close();
      d.close();
      r.close();
      assertThatThrownBy(() -> r.respond(ResponseRequest.of(new Turn.UserText("f"))))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void settingsAndFactory() {
    ResponderSettings dflt = ResponderSettings.fromMap(Map.of());
    assertThat(dflt.engine()).isEqualTo(ResponderSettings.Engine.EMBEDDED);
    try (Responder r = Responders.create(dflt)) {
      assertThat(r).isInstanceOf(RuleResponder.class);
    }
    ResponderSettings s =
        ResponderSettings.fromMap(
            Map.of(
                "embedded.max-concurrent",
                "3",
                "embedded.word-delay-ms",
                "40",
                "embedded.time-zone",
                "Asia/Tokyo"));
    assertThat(s.embedded())
        .isEqualTo(new RuleResponderConfig(3, Duration.ofMillis(40), ZoneId.of("Asia/Tokyo")));
    assertThatThrownBy(() -> ResponderSettings.fromMap(Map.of("engine", "gpt")))
        .hasMessageContaining("embedded, openai-compatible");
    assertThatThrownBy(() -> ResponderSettings.fromMap(Map.of("embedded.maxconcurrent", "3")))
        .hasMessageContaining("unknown responder setting");
    assertThatThrownBy(
            () -> ResponderSettings.fromMap(Map.of("embedded.time-zone", "Mars/Olympus")))
        .hasMessageContaining("time zone");
  }

  @Test
  void requestValidation() {
    assertThatThrownBy(() -> new Tool("x", null, "[1]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> new Tool("x", null, "{")).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> ResponseRequest.builder().tools(List.of(WEATHER, WEATHER)).build())
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> ResponseRequest.builder().maxOutputTokens(0).build())
        .hasMessageContaining("maxOutputTokens");
    assertThat(new Turn.UserImage("data:image/jpeg;base64,/9j/", null).mimeType())
        .isEqualTo("image/jpeg");
    assertThat(new Turn.UserImage("data:image/png;base64,AAAA", null).toString())
        .doesNotContain("AAAA");
  }
}
