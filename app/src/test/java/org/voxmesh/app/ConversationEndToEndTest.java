package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.app.ConversationLog.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.corpus.WordErrorRate;
import org.voxmesh.testkit.node.ConversationArgs;
import org.voxmesh.testkit.node.ConversationSteps;
import org.voxmesh.testkit.node.NodeResult;

/**
 * Conversation sessions ({@code ?model=gpt-realtime}) through the official {@code openai} npm SDK
 * ({@code OpenAIRealtimeWS}, over wss://) against the running platform with its embedded rule-based
 * responder and Flite speech: the documented event orders of REALTIME_PROTOCOL.md §9.3–9.7, item
 * operations (§7.6/7.7), response overrides (§5.4, §7.8), cancellation and errors (§7.9, §9.11), and
 * every emitted event valid for the official Java SDK.
 */
class ConversationEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPLETED = NodeResult.COMPLETED;
  private static final String GREETING_START = "Hello! I'm the Voxmesh embedded responder";
  /** A user text whose echo keeps the assistant speaking for a long while (one sentence at a time). */
  static final String LONG_TEXT = IntStream.rangeClosed(1, 24)
      .mapToObj(i -> "This is sentence number " + i + " of a long message that keeps the assistant talking for a while.")
      .collect(Collectors.joining(" "));
  private static final String WEATHER_TOOL = "{\"type\":\"function\",\"name\":\"get_weather\","
      + "\"description\":\"Get the current weather for a city\",\"parameters\":{\"type\":\"object\","
      + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}";
  private static final String TINY_PNG = "data:image/png;base64,"
      + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  private static Corpus corpus;

  @TempDir
  Path dir;

  @BeforeAll
  static void startPlatform() {
    RunningPlatform.get();
    corpus = Corpus.load();
  }

  // ---------------------------------------------------------------------------------------------
  // §9.4 text in, text out

  @Test
  void textTurnWithTextOutputFollowsTheDocumentedOrderExactly() {
    ConversationLog log = run("text-text", ConversationSteps.create()
        .sessionUpdate("{\"type\":\"realtime\",\"output_modalities\":[\"text\"]}").waitFor("session.updated")
        .userText("Hello there").waitFor("conversation.item.done")
        .responseCreate("text_1", null).waitFor("response.done"));

    assertThat(log.events().get(0).path("type").asText()).isEqualTo("session.created");
    assertThat(log.events().get(0).at("/session/type").asText()).isEqualTo("realtime");
    assertThat(log.only("session.updated").at("/session/output_modalities").toString()).isEqualTo("[\"text\"]");
    assertThat(collapsed(log.events())).as(log.describe()).containsExactly(
        "session.created", "session.updated",
        "conversation.item.added", "conversation.item.done",
        "response.created", "response.output_item.added", "conversation.item.added", "response.content_part.added",
        "response.output_text.delta*", "response.output_text.done", "response.content_part.done",
        "response.output_item.done", "conversation.item.done", "response.done", "rate_limits.updated");

    JsonNode userAdded = log.ofType("conversation.item.added").get(0);
    String user = userAdded.at("/item/id").asText();
    assertThat(user).startsWith("item_");
    assertThat(userAdded.get("previous_item_id").isNull()).isTrue();
    assertThat(userAdded.at("/item/type").asText()).isEqualTo("message");
    assertThat(userAdded.at("/item/role").asText()).isEqualTo("user");
    assertThat(userAdded.at("/item/status").asText()).isEqualTo("completed");
    assertThat(userAdded.at("/item/content").toString()).isEqualTo("[{\"type\":\"input_text\",\"text\":\"Hello there\"}]");
    assertThat(log.ofType("conversation.item.done").get(0).get("item")).isEqualTo(userAdded.get("item"));

    JsonNode created = log.only("response.created");
    String r = created.at("/response/id").asText();
    assertThat(r).startsWith("resp_");
    assertThat(created.at("/response/object").asText()).isEqualTo("realtime.response");
    assertThat(created.at("/response/status").asText()).isEqualTo("in_progress");
    assertThat(created.at("/response/output").toString()).isEqualTo("[]");
    assertThat(created.at("/response/usage").isNull()).isTrue();
    assertThat(created.at("/response/status_details").isNull()).isTrue();
    assertThat(created.at("/response/conversation_id").asText()).startsWith("conv_");
    assertThat(created.at("/response/output_modalities").toString()).isEqualTo("[\"text\"]");

    JsonNode itemAdded = log.only("response.output_item.added");
    String a = itemAdded.at("/item/id").asText();
    assertThat(itemAdded.path("response_id").asText()).isEqualTo(r);
    assertThat(itemAdded.path("output_index").asInt()).isZero();
    assertThat(itemAdded.at("/item/type").asText()).isEqualTo("message");
    assertThat(itemAdded.at("/item/role").asText()).isEqualTo("assistant");
    assertThat(itemAdded.at("/item/status").asText()).isEqualTo("in_progress");
    assertThat(itemAdded.at("/item/content").toString()).isEqualTo("[]");
    JsonNode assistantAdded = log.ofType("conversation.item.added").get(1);
    assertThat(assistantAdded.at("/item/id").asText()).isEqualTo(a);
    assertThat(assistantAdded.path("previous_item_id").asText()).isEqualTo(user);

    JsonNode partAdded = log.only("response.content_part.added");
    assertThat(partAdded.path("item_id").asText()).isEqualTo(a);
    assertThat(partAdded.path("content_index").asInt()).isZero();
    assertThat(partAdded.get("part").toString()).isEqualTo("{\"type\":\"text\",\"text\":\"\"}");

    String text = log.only("response.output_text.done").path("text").asText();
    assertThat(text).startsWith(GREETING_START);
    assertThat(log.concatenated("response.output_text.delta", a)).isEqualTo(text);
    assertThat(log.ofType("response.output_text.delta")).allSatisfy(d -> {
      assertThat(d.path("response_id").asText()).isEqualTo(r);
      assertThat(d.path("item_id").asText()).isEqualTo(a);
      assertThat(d.path("output_index").asInt()).isZero();
      assertThat(d.path("content_index").asInt()).isZero();
    });
    assertThat(log.only("response.content_part.done").get("part").toString())
        .isEqualTo(JSON.createObjectNode().put("type", "text").put("text", text).toString());
    JsonNode itemDone = log.only("response.output_item.done");
    assertThat(itemDone.at("/item/status").asText()).isEqualTo("completed");
    assertThat(itemDone.at("/item/content").toString()).isEqualTo(
        JSON.createArrayNode().add(JSON.createObjectNode().put("type", "output_text").put("text", text)).toString());
    JsonNode assistantDone = log.ofType("conversation.item.done").get(1);
    assertThat(assistantDone.get("item")).isEqualTo(itemDone.get("item"));
    assertThat(assistantDone.path("previous_item_id").asText()).isEqualTo(user);

    JsonNode done = log.only("response.done");
    assertThat(done.at("/response/id").asText()).isEqualTo(r);
    assertThat(done.at("/response/status").asText()).isEqualTo("completed");
    assertThat(done.at("/response/status_details").isNull()).isTrue();
    assertThat(done.at("/response/conversation_id").asText()).isEqualTo(created.at("/response/conversation_id").asText());
    assertThat(done.at("/response/output")).hasSize(1);
    assertThat(done.at("/response/output/0")).isEqualTo(itemDone.get("item"));
    assertThat(done.at("/response/output_modalities").toString()).isEqualTo("[\"text\"]");
    JsonNode usage = done.at("/response/usage");
    assertThat(usage.path("output_tokens").asInt()).isPositive();
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("input_tokens").asInt() + usage.path("output_tokens").asInt());

    assertDistinctServerEventIds(log);
    log.assertValidForOfficialJavaSdk();
  }

  // ---------------------------------------------------------------------------------------------
  // §9.3 steps 7-17: text in, audio + transcript out

  @Test
  void textTurnWithAudioOutputStreamsSpeechAndItsTranscript() {
    String said = "Please repeat the quick brown fox jumps over the lazy dog";
    ConversationLog log = run("text-audio", ConversationSteps.create()
        .userText(said).waitFor("conversation.item.done")
        .responseCreate("audio_1", null).waitFor("response.done"));

    assertThat(log.ofType("session.created").get(0).at("/session/output_modalities").toString())
        .as("default output modality").isEqualTo("[\"audio\"]");
    String r = log.only("response.created").at("/response/id").asText();
    assertAudioResponseShape(log, r);
    JsonNode created = log.created(r);
    assertThat(created.at("/response/output_modalities").toString()).isEqualTo("[\"audio\"]");
    assertThat(created.at("/response/audio/output/format").toString()).isEqualTo("{\"type\":\"audio/pcm\",\"rate\":24000}");
    assertThat(created.at("/response/audio/output/voice").asText()).isEqualTo("alloy");

    String a = log.only("response.output_item.added").at("/item/id").asText();
    String transcript = log.only("response.output_audio_transcript.done").path("transcript").asText();
    assertThat(transcript).isEqualTo("You said: " + said);
    assertThat(log.concatenated("response.output_audio_transcript.delta", a)).isEqualTo(transcript);
    assertThat(log.only("response.content_part.added").get("part").toString()).isEqualTo("{\"type\":\"audio\",\"transcript\":\"\"}");
    assertThat(log.only("response.content_part.done").get("part").toString())
        .isEqualTo(JSON.createObjectNode().put("type", "audio").put("transcript", transcript).toString());
    JsonNode item = log.only("response.output_item.done").get("item");
    assertThat(item.path("status").asText()).isEqualTo("completed");
    assertThat(item.path("content")).hasSize(1);
    assertThat(item.at("/content/0/type").asText()).isEqualTo("output_audio");
    assertThat(item.at("/content/0/transcript").asText()).isEqualTo(transcript);
    assertThat(item.at("/content/0").has("audio")).as("item events carry no audio bytes").isFalse();
    assertThat(log.only("response.done").at("/response/output/0")).isEqualTo(item);

    byte[] pcm = log.audioOf(a);
    assertPlausibleSpeech(pcm, transcript);
    // The audio really is 24 kHz speech saying the transcript: the platform's own ASR hears it.
    String heard = transcribeBack(pcm);
    assertThat(WordErrorRate.rate(transcript, heard)).as("assistant audio transcribed back: %s", heard).isLessThanOrEqualTo(0.5);

    log.assertValidForOfficialJavaSdk();
  }

  // ---------------------------------------------------------------------------------------------
  // §9.3 audio in (server VAD), audio out

  @Test
  void spokenTurnWithServerVadGetsASpokenAnswerThatReferencesIt() {
    Utterance utterance = corpus.utterance("flite_slt", "s01");
    ConversationLog log = run("audio-audio", ConversationSteps.create()
        .sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"transcription\":{\"model\":\"gpt-4o-transcribe\","
            + "\"language\":\"en\"},\"turn_detection\":{\"type\":\"server_vad\",\"silence_duration_ms\":500}}}}")
        .waitFor("session.updated")
        .audio(pcm16(utterance), 400, 1500)
        .waitFor("response.done")
        .waitFor(COMPLETED, 1, "start", Map.of()));

    JsonNode updated = log.only("session.updated");
    assertThat(updated.at("/session/audio/input/turn_detection/type").asText()).isEqualTo("server_vad");
    assertThat(updated.at("/session/audio/output/format").toString()).as("partial update keeps the output block")
        .isEqualTo("{\"type\":\"audio/pcm\",\"rate\":24000}");
    String user = log.only("input_audio_buffer.speech_started").path("item_id").asText();
    List<JsonNode> userEvents = log.events().stream().filter(e -> user.equals(e.path("item_id").asText(null))
        || user.equals(e.at("/item/id").asText(null))).toList();
    assertThat(ConversationLog.types(userEvents)).as(log.describe()).startsWith(
        "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed",
        "conversation.item.added", "conversation.item.done");
    JsonNode committed = log.only("input_audio_buffer.committed");
    assertThat(committed.get("previous_item_id").isNull()).isTrue();
    JsonNode userAdded = userEvents.get(3);
    assertThat(userAdded.at("/item/role").asText()).isEqualTo("user");
    assertThat(userAdded.at("/item/status").asText()).isEqualTo("completed");
    assertThat(userAdded.at("/item/content").toString()).as("transcript: null is sent explicitly")
        .isEqualTo("[{\"type\":\"input_audio\",\"transcript\":null}]");

    assertThat(log.responseIds()).hasSize(1);
    String r = log.responseIds().get(0);
    assertThat(log.indexOf(log.created(r))).as("the response starts after the turn was committed")
        .isGreaterThan(log.indexOf(committed));
    assertAudioResponseShape(log, r);
    String a = log.only("response.output_item.added").at("/item/id").asText();
    JsonNode assistantAdded = log.ofType("conversation.item.added").stream()
        .filter(e -> a.equals(e.at("/item/id").asText())).findFirst().orElseThrow();
    assertThat(assistantAdded.path("previous_item_id").asText()).isEqualTo(user);

    JsonNode completed = log.only(COMPLETED);
    assertThat(completed.path("item_id").asText()).isEqualTo(user);
    String heard = completed.path("transcript").asText();
    assertThat(WordErrorRate.rate(utterance.text(), heard)).as("user transcript %s", heard).isLessThanOrEqualTo(0.25);
    String answer = log.only("response.output_audio_transcript.done").path("transcript").asText();
    assertThat(answer).as("the embedded responder echoes the spoken turn").isEqualTo("You said: " + heard);
    assertPlausibleSpeech(log.audioOf(a), answer);

    log.assertValidForOfficialJavaSdk();
  }

  // ---------------------------------------------------------------------------------------------
  // §9.5 function call round trip

  @Test
  void functionCallRoundTrip() {
    ConversationLog log = run("function-call", ConversationSteps.create()
        .sessionUpdate("{\"type\":\"realtime\",\"output_modalities\":[\"text\"],\"tools\":[" + WEATHER_TOOL + "],"
            + "\"tool_choice\":\"auto\"}").waitFor("session.updated")
        .userText("What's the weather in Paris?").waitFor("conversation.item.done")
        .responseCreate("call_1", null).waitFor("response.done")
        .send("{\"type\":\"conversation.item.create\",\"event_id\":\"tool_output\",\"item\":{\"type\":\"function_call_output\","
            + "\"call_id\":\"$last.call_id\",\"output\":\"{\\\"temp_c\\\":21}\"}}")
        .waitFor("conversation.item.done")
        .sleep(700)
        .responseCreate("after_tool", null).waitFor("response.done"));

    assertThat(log.only("session.updated").at("/session/tools/0/name").asText()).isEqualTo("get_weather");
    assertThat(log.responseIds()).hasSize(2);
    String r1 = log.responseIds().get(0);
    assertThat(log.responseShape(r1)).as(log.describe()).containsExactly(
        "response.created", "response.output_item.added", "conversation.item.added",
        "response.function_call_arguments.delta*", "response.function_call_arguments.done",
        "response.output_item.done", "conversation.item.done", "response.done", "rate_limits.updated");

    JsonNode added = log.responseEventsOfType(r1, "response.output_item.added").get(0);
    JsonNode fAdded = added.get("item");
    String f = fAdded.path("id").asText();
    String callId = fAdded.path("call_id").asText();
    assertThat(fAdded.path("type").asText()).isEqualTo("function_call");
    assertThat(fAdded.path("status").asText()).as("agents-js runs tools on status completed only").isEqualTo("in_progress");
    assertThat(fAdded.path("name").asText()).isEqualTo("get_weather");
    assertThat(callId).startsWith("call_");
    assertThat(fAdded.path("arguments").asText()).isEmpty();

    JsonNode argsDone = log.only("response.function_call_arguments.done");
    assertThat(argsDone.path("name").asText()).isEqualTo("get_weather");
    assertThat(argsDone.path("call_id").asText()).isEqualTo(callId);
    assertThat(argsDone.path("item_id").asText()).isEqualTo(f);
    String arguments = argsDone.path("arguments").asText();
    assertThat(readJson(arguments)).isEqualTo(readJson("{\"city\":\"Paris\"}"));
    assertThat(log.ofType("response.function_call_arguments.delta")).allSatisfy(d -> {
      assertThat(d.path("call_id").asText()).isEqualTo(callId);
      assertThat(d.path("item_id").asText()).isEqualTo(f);
    });
    assertThat(log.concatenated("response.function_call_arguments.delta", f)).isEqualTo(arguments);

    JsonNode fDone = log.responseEventsOfType(r1, "response.output_item.done").get(0).get("item");
    assertThat(fDone.path("status").asText()).isEqualTo("completed");
    assertThat(fDone.path("arguments").asText()).isEqualTo(arguments);
    assertThat(fDone.path("call_id").asText()).isEqualTo(callId);
    assertThat(fDone.path("name").asText()).isEqualTo("get_weather");
    JsonNode done1 = log.done(r1);
    assertThat(done1.at("/response/status").asText()).isEqualTo("completed");
    assertThat(done1.at("/response/output")).hasSize(1);
    assertThat(done1.at("/response/output/0")).isEqualTo(fDone);

    JsonNode outputAdded = log.ofType("conversation.item.added").stream()
        .filter(e -> "function_call_output".equals(e.at("/item/type").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no conversation.item.added for the function_call_output\n" + log.describe()));
    assertThat(outputAdded.at("/item/call_id").asText()).isEqualTo(callId);
    assertThat(outputAdded.at("/item/output").asText()).isEqualTo("{\"temp_c\":21}");
    assertThat(outputAdded.path("previous_item_id").asText()).isEqualTo(f);
    assertThat(log.result().errors()).as(log.describe()).isEmpty();

    // the server does not answer the tool output by itself
    long createdBeforeAsking = log.ofType("response.created").stream()
        .filter(e -> log.line(e) < log.sentLine("after_tool")).count();
    assertThat(createdBeforeAsking).isEqualTo(1);
    String r2 = log.responseIds().get(1);
    assertThat(log.done(r2).at("/response/status").asText()).isEqualTo("completed");
    String answer = log.responseEventsOfType(r2, "response.output_text.done").get(0).path("text").asText();
    assertThat(answer).isEqualTo("The get_weather tool returned: {\"temp_c\":21}.");

    log.assertValidForOfficialJavaSdk();
  }

  // ---------------------------------------------------------------------------------------------
  // §9.6 barge-in

  @Test
  void speakingOverTheAssistantCancelsItsResponseAndTruncatesItsAudio() {
    Utterance utterance = corpus.utterance("flite_slt", "s19");
    ConversationLog log = run("barge-in", ConversationSteps.create()
        .sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"transcription\":{\"model\":\"gpt-4o-transcribe\","
            + "\"language\":\"en\"},\"turn_detection\":{\"type\":\"server_vad\",\"silence_duration_ms\":500}}}}")
        .waitFor("session.updated")
        .userText(LONG_TEXT).waitFor("conversation.item.done")
        .responseCreate("long_answer", null)
        .waitFor("response.output_audio.delta", 5)
        .audio(pcm16(utterance), 200, 1500)
        .waitFor("response.done", 1, "send", Map.of("/response/status", "completed")));

    assertThat(log.responseIds()).as(log.describe()).hasSize(2);
    String r1 = log.responseIds().get(0);
    String r2 = log.responseIds().get(1);
    JsonNode done1 = log.done(r1);
    JsonNode speech = log.only("input_audio_buffer.speech_started");
    assertThat(log.indexOf(speech)).as("speech started while the first response was running")
        .isLessThan(log.indexOf(done1))
        .isGreaterThan(log.firstIndex(type("response.output_audio.delta")));
    assertThat(done1.at("/response/status").asText()).as(log.describe()).isEqualTo("cancelled");
    assertThat(done1.at("/response/status_details").toString())
        .isEqualTo("{\"type\":\"cancelled\",\"reason\":\"turn_detected\"}");
    log.assertEverythingClosedBeforeDone(r1);
    List<JsonNode> r1Events = log.responseEvents(r1);
    List<String> afterSpeech = ConversationLog.types(r1Events.stream().filter(e -> log.indexOf(e) > log.indexOf(speech)).toList());
    assertThat(afterSpeech).as("cancellation closes the open part and item, then ends the response").containsSubsequence(
        "response.output_audio.done", "response.output_audio_transcript.done", "response.content_part.done",
        "response.output_item.done", "conversation.item.done", "response.done");
    String a = log.responseEventsOfType(r1, "response.output_item.added").get(0).at("/item/id").asText();
    JsonNode aDone = log.responseEventsOfType(r1, "response.output_item.done").get(0);
    assertThat(aDone.at("/item/status").asText()).isEqualTo("incomplete");
    assertThat(done1.at("/response/output/0/status").asText()).isEqualTo("incomplete");
    String partial = log.responseEventsOfType(r1, "response.output_audio_transcript.done").get(0).path("transcript").asText();
    assertThat("You said: " + LONG_TEXT).as("the transcript so far is a prefix of the whole answer").startsWith(partial);

    JsonNode truncated = log.only("conversation.item.truncated");
    assertThat(truncated.path("item_id").asText()).isEqualTo(a);
    assertThat(truncated.path("content_index").asInt()).isZero();
    long generatedMs = log.audioOf(a).length / 48;
    assertThat(truncated.path("audio_end_ms").asLong()).isBetween(0L, generatedMs + 1);

    String u2 = speech.path("item_id").asText();
    JsonNode committed = log.only("input_audio_buffer.committed");
    assertThat(committed.path("item_id").asText()).isEqualTo(u2);
    assertThat(log.indexOf(log.created(r2))).isGreaterThan(log.indexOf(committed));
    assertThat(log.done(r2).at("/response/status").asText()).isEqualTo("completed");
    assertAudioResponseShape(log, r2);
    String answer = log.responseEventsOfType(r2, "response.output_audio_transcript.done").get(0).path("transcript").asText();
    assertThat(answer).startsWith("You said: ");
    assertThat(WordErrorRate.rate(utterance.text(), answer.substring("You said: ".length())))
        .as("answer %s", answer).isLessThanOrEqualTo(0.4);
    JsonNode a2Added = log.responseEventsOfType(r2, "conversation.item.added").get(0);
    assertThat(a2Added.path("previous_item_id").asText()).isEqualTo(u2);
    assertThat(log.result().errors()).as(log.describe()).isEmpty();

    log.assertValidForOfficialJavaSdk();
  }

  // ---------------------------------------------------------------------------------------------
  // §9.7 client cancel, idle cancel

  @Test
  void responseCancelEndsTheResponseAndAnIdleCancelIsAnErrorEchoingTheEventId() {
    ConversationLog log = run("cancel", ConversationSteps.create()
        .userText(LONG_TEXT).waitFor("conversation.item.done")
        .responseCreate("long_answer", null)
        .waitFor("response.output_audio.delta", 3)
        .send("{\"type\":\"response.cancel\",\"event_id\":\"cancel_active\"}").waitFor("response.done")
        .send("{\"type\":\"response.cancel\",\"event_id\":\"cancel_idle\"}").waitForError("cancel_idle")
        .userText("Hello there").waitFor("conversation.item.done")
        .responseCreate("after_cancel", "{\"output_modalities\":[\"text\"]}").waitFor("response.done"));

    assertThat(log.responseIds()).as(log.describe()).hasSize(2);
    String r1 = log.responseIds().get(0);
    JsonNode done1 = log.done(r1);
    assertThat(done1.at("/response/status").asText()).isEqualTo("cancelled");
    assertThat(done1.at("/response/status_details").toString())
        .isEqualTo("{\"type\":\"cancelled\",\"reason\":\"client_cancelled\"}");
    assertThat(log.line(done1)).isGreaterThan(log.sentLine("cancel_active"));
    log.assertEverythingClosedBeforeDone(r1);
    assertThat(log.responseEventsOfType(r1, "response.output_item.done").get(0).at("/item/status").asText())
        .isEqualTo("incomplete");

    assertThat(log.result().errors()).as("only the idle cancel fails\n%s", log.describe()).hasSize(1);
    JsonNode error = log.errorFor("cancel_idle");
    assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.at("/error/code").asText()).isEqualTo("response_cancel_not_active");
    assertThat(error.path("event_id").asText()).startsWith("event_");

    String r2 = log.responseIds().get(1);
    assertThat(log.done(r2).at("/response/status").asText()).as("the session goes on").isEqualTo("completed");
    assertThat(log.responseEventsOfType(r2, "response.output_text.done").get(0).path("text").asText())
        .startsWith(GREETING_START);

    log.assertValidForOfficialJavaSdk();
  }

  @Test
  void aSecondResponseCreateWhileOneRunsIsRejectedEchoingTheEventId() {
    ConversationLog log = run("second-create", ConversationSteps.create()
        .userText(LONG_TEXT).waitFor("conversation.item.done")
        .responseCreate("first_create", null)
        .responseCreate("second_create", null)
        .waitForError("second_create")
        .send("{\"type\":\"response.cancel\",\"event_id\":\"cleanup\"}")
        .waitFor("response.done", 1, "start", Map.of()));

    assertThat(log.responseIds()).as(log.describe()).hasSize(1);
    String r1 = log.responseIds().get(0);
    JsonNode error = log.errorFor("second_create");
    assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.at("/error/code").asText()).isEqualTo("conversation_already_has_active_response");
    assertThat(error.at("/error/message").asText()).contains(r1);
    assertThat(log.result().errors()).as(log.describe())
        .noneMatch(e -> "first_create".equals(e.at("/error/event_id").asText(null)));
    assertThat(log.ofType("response.done")).hasSize(1);

    log.assertValidForOfficialJavaSdk();
  }

  // ---------------------------------------------------------------------------------------------
  // §5.4 / §7.8 out-of-band response

  @Test
  void outOfBandResponseStaysOutOfTheConversationAndEchoesItsMetadata() {
    ConversationLog log = run("out-of-band", ConversationSteps.create()
        .userText("Hello there").waitFor("conversation.item.done")
        .save("user", "$last.user.item_id")
        .responseCreate("oob", "{\"conversation\":\"none\",\"output_modalities\":[\"text\"],"
            + "\"instructions\":\"Answer the question.\",\"metadata\":{\"topic\":\"classification\",\"source\":\"test\"},"
            + "\"input\":[{\"type\":\"item_reference\",\"id\":\"$var:user\"},{\"type\":\"message\",\"role\":\"user\","
            + "\"content\":[{\"type\":\"input_text\",\"text\":\"What time is it?\"}]}]}")
        .waitFor("response.done")
        .send("{\"type\":\"conversation.item.retrieve\",\"event_id\":\"retrieve_oob\","
            + "\"item_id\":\"$last:response.done/response/output/0/id\"}")
        .waitForError("retrieve_oob")
        .responseCreate("in_band", "{\"output_modalities\":[\"text\"]}").waitFor("response.done"));

    assertThat(log.responseIds()).as(log.describe()).hasSize(2);
    String oob = log.responseIds().get(0);
    JsonNode created = log.created(oob);
    JsonNode done = log.done(oob);
    for (JsonNode e : List.of(created, done)) {
      assertThat(e.at("/response").has("conversation_id")).isTrue();
      assertThat(e.at("/response/conversation_id").isNull()).as("conversation_id of %s", e).isTrue();
      assertThat(e.at("/response/metadata")).isEqualTo(readJson("{\"topic\":\"classification\",\"source\":\"test\"}"));
      assertThat(e.at("/response/output_modalities").toString()).isEqualTo("[\"text\"]");
    }
    List<String> between = ConversationLog.types(log.events().subList(log.indexOf(created), log.indexOf(done) + 1));
    assertThat(between).as("no conversation.item.* events for out-of-band output\n%s", log.describe())
        .noneMatch(t -> t.startsWith("conversation.item."));
    assertThat(log.responseShape(oob)).containsExactly(
        "response.created", "response.output_item.added", "response.content_part.added",
        "response.output_text.delta*", "response.output_text.done", "response.content_part.done",
        "response.output_item.done", "response.done", "rate_limits.updated");
    assertThat(done.at("/response/status").asText()).isEqualTo("completed");
    String text = done.at("/response/output/0/content/0/text").asText();
    assertThat(text).as("the input array (a referenced item and a new message) was the context")
        .matches("It's \\d{1,2}:\\d{2} (AM|PM)\\.");
    assertThat(log.errorFor("retrieve_oob").at("/error/type").asText()).isEqualTo("invalid_request_error");

    String inBand = log.responseIds().get(1);
    JsonNode inBandCreated = log.created(inBand);
    assertThat(inBandCreated.at("/response/conversation_id").asText()).startsWith("conv_");
    assertThat(inBandCreated.at("/response/metadata").isNull()).isTrue();
    String user = log.ofType("conversation.item.added").get(0).at("/item/id").asText();
    assertThat(log.responseEventsOfType(inBand, "conversation.item.added").get(0).path("previous_item_id").asText())
        .as("the out-of-band output never entered the default conversation").isEqualTo(user);
    assertThat(log.responseEventsOfType(inBand, "response.output_text.done").get(0).path("text").asText())
        .startsWith(GREETING_START);

    log.assertValidForOfficialJavaSdk();
  }

  // ---------------------------------------------------------------------------------------------
  // §7.7 retrieve / truncate / delete

  @Test
  void itemsCanBeRetrievedTruncatedAndDeleted() {
    ConversationLog log = run("items", ConversationSteps.create()
        .userText("Hello there").waitFor("conversation.item.done")
        .save("user", "$last.user.item_id")
        .responseCreate("speak", null).waitFor("response.done")
        .save("assistant", "$last.assistant.item_id")
        .send("{\"type\":\"conversation.item.retrieve\",\"event_id\":\"get_assistant\",\"item_id\":\"$var:assistant\"}")
        .waitFor("conversation.item.retrieved")
        .send("{\"type\":\"conversation.item.retrieve\",\"event_id\":\"get_user\",\"item_id\":\"$var:user\"}")
        .waitFor("conversation.item.retrieved")
        .send("{\"type\":\"conversation.item.truncate\",\"event_id\":\"cut\",\"item_id\":\"$var:assistant\","
            + "\"content_index\":0,\"audio_end_ms\":1000}")
        .waitFor("conversation.item.truncated")
        .send("{\"type\":\"conversation.item.retrieve\",\"event_id\":\"get_cut\",\"item_id\":\"$var:assistant\"}")
        .waitFor("conversation.item.retrieved")
        .send("{\"type\":\"conversation.item.truncate\",\"event_id\":\"cut_too_far\",\"item_id\":\"$var:assistant\","
            + "\"content_index\":0,\"audio_end_ms\":600000}")
        .waitForError("cut_too_far")
        .send("{\"type\":\"conversation.item.truncate\",\"event_id\":\"cut_user\",\"item_id\":\"$var:user\","
            + "\"content_index\":0,\"audio_end_ms\":0}")
        .waitForError("cut_user")
        .send("{\"type\":\"conversation.item.delete\",\"event_id\":\"delete_user\",\"item_id\":\"$var:user\"}")
        .waitFor("conversation.item.deleted")
        .send("{\"type\":\"conversation.item.retrieve\",\"event_id\":\"get_deleted\",\"item_id\":\"$var:user\"}")
        .waitForError("get_deleted"));

    String user = log.ofType("conversation.item.added").get(0).at("/item/id").asText();
    String a = log.only("response.output_item.added").at("/item/id").asText();
    String transcript = log.only("response.output_audio_transcript.done").path("transcript").asText();
    byte[] spoken = log.audioOf(a);
    List<JsonNode> retrieved = log.ofType("conversation.item.retrieved");
    assertThat(retrieved).as(log.describe()).hasSize(3);

    JsonNode assistant = retrieved.get(0).get("item");
    assertThat(assistant.path("id").asText()).isEqualTo(a);
    assertThat(assistant.path("role").asText()).isEqualTo("assistant");
    assertThat(assistant.path("status").asText()).isEqualTo("completed");
    assertThat(assistant.at("/content/0/type").asText()).isEqualTo("output_audio");
    assertThat(assistant.at("/content/0/transcript").asText()).isEqualTo(transcript);
    byte[] kept = Base64.getDecoder().decode(assistant.at("/content/0/audio").asText());
    assertThat(kept.length).as("retrieved audio = the audio that was streamed").isEqualTo(spoken.length);
    assertThat(kept).isEqualTo(spoken);

    JsonNode userItem = retrieved.get(1).get("item");
    assertThat(userItem.path("id").asText()).isEqualTo(user);
    assertThat(userItem.path("content").toString()).isEqualTo("[{\"type\":\"input_text\",\"text\":\"Hello there\"}]");

    JsonNode truncated = log.only("conversation.item.truncated");
    assertThat(truncated.path("item_id").asText()).isEqualTo(a);
    assertThat(truncated.path("content_index").asInt()).isZero();
    assertThat(truncated.path("audio_end_ms").asInt()).isEqualTo(1000);
    JsonNode cut = retrieved.get(2).get("item");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(Base64.getDecoder().decode(cut.at("/content/0/audio").asText()))
        .as("the audio ends at audio_end_ms").hasSize(1000 * 48);
    soft.assertThat(ConversationLog.textOrNull(cut.at("/content/0/transcript")))
        .as("§6: truncation removes the unheard transcript").isNullOrEmpty();

    JsonNode tooFar = log.errorFor("cut_too_far");
    soft.assertThat(tooFar.at("/error/type").asText()).isEqualTo("invalid_request_error");
    soft.assertThat(tooFar.at("/error/message").asText()).contains("already shorter than 600000ms");
    soft.assertThat(log.errorFor("cut_user").at("/error/message").asText())
        .contains("Only model output audio messages can be truncated");
    soft.assertThat(log.only("conversation.item.deleted").path("item_id").asText()).isEqualTo(user);
    soft.assertThat(log.errorFor("get_deleted").at("/error/type").asText()).isEqualTo("invalid_request_error");
    soft.assertThat(log.result().errors()).hasSize(3);
    soft.assertAll();

    log.assertValidForOfficialJavaSdk();
  }

  // ---------------------------------------------------------------------------------------------
  // §7.6 item kinds

  @Test
  void clientItemsOfEveryKindJoinTheConversation() {
    Utterance utterance = corpus.utterance("flite_slt", "s04");
    Path audio = pcm16(utterance);
    ConversationLog log = run("item-kinds", ConversationSteps.create()
        .sessionUpdate("{\"type\":\"realtime\",\"output_modalities\":[\"text\"]}").waitFor("session.updated")
        .send("{\"type\":\"conversation.item.create\",\"event_id\":\"user_audio\",\"item\":{\"type\":\"message\","
            + "\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"audio\":\"$base64:" + audio + "\"}]}}")
        .waitFor("conversation.item.done")
        .responseCreate("answer_audio", null).waitFor("response.done")
        .send("{\"type\":\"conversation.item.create\",\"event_id\":\"system\",\"item\":{\"type\":\"message\","
            + "\"role\":\"system\",\"content\":[{\"type\":\"input_text\",\"text\":\"The user switched to billing questions.\"}]}}")
        .waitFor("conversation.item.done")
        .send("{\"type\":\"conversation.item.create\",\"event_id\":\"image\",\"item\":{\"type\":\"message\",\"role\":\"user\","
            + "\"content\":[{\"type\":\"input_text\",\"text\":\"What's in this picture?\"},"
            + "{\"type\":\"input_image\",\"image_url\":\"" + TINY_PNG + "\"}]}}")
        .waitFor("conversation.item.done")
        .responseCreate("answer_image", null).waitFor("response.done")
        .send("{\"type\":\"conversation.item.create\",\"event_id\":\"at_root\",\"previous_item_id\":\"root\","
            + "\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"First!\"}]}}")
        .waitFor("conversation.item.done"));

    List<JsonNode> added = log.ofType("conversation.item.added").stream()
        .filter(e -> "user".equals(e.at("/item/role").asText()) || "system".equals(e.at("/item/role").asText())).toList();
    assertThat(added).as(log.describe()).hasSize(4);
    assertThat(log.responseIds()).hasSize(2);
    assertThat(log.result().errors()).as(log.describe()).isEmpty();
    String r1 = log.responseIds().get(0);
    String r2 = log.responseIds().get(1);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(added.get(0).at("/item/content").toString()).as("item events omit the audio bytes")
        .isEqualTo("[{\"type\":\"input_audio\",\"transcript\":null}]");
    String answer = log.responseEventsOfType(r1, "response.output_text.done").get(0).path("text").asText();
    soft.assertThat(answer).as("the client's input_audio item is transcribed for the responder, which echoes it")
        .startsWith("You said: ");
    if (answer.startsWith("You said: ")) {
      soft.assertThat(WordErrorRate.rate(utterance.text(), answer.substring("You said: ".length()))).isLessThanOrEqualTo(0.4);
    }
    soft.assertThat(added.get(1).at("/item/role").asText()).isEqualTo("system");
    soft.assertThat(added.get(2).at("/item/content/1/type").asText()).isEqualTo("input_image");
    soft.assertThat(log.responseEventsOfType(r2, "response.output_text.done").get(0).path("text").asText())
        .isEqualTo("You said: What's in this picture? I can't see images, though.");
    soft.assertThat(millisBetween(log, log.sentLine("answer_image"), log.line(log.done(r2))))
        .as("answering the image turn takes no transcript wait (ms from response.create to response.done)")
        .isLessThan(2000.0);
    soft.assertThat(added.get(3).get("previous_item_id").isNull()).as("previous_item_id root inserts first").isTrue();
    soft.assertAll();
    log.assertValidForOfficialJavaSdk();
  }

  @Test
  void invalidItemsAreRefusedWithAnErrorEchoingTheEventId() {
    ConversationLog log = run("item-errors", ConversationSteps.create()
        .userText("Hello there").waitFor("conversation.item.done")
        .save("user", "$last.user.item_id")
        .send("{\"type\":\"conversation.item.create\",\"event_id\":\"bad_previous\",\"previous_item_id\":\"item_doesnotexist\","
            + "\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Lost\"}]}}")
        .waitForError("bad_previous")
        .send("{\"type\":\"conversation.item.create\",\"event_id\":\"duplicate_id\",\"item\":{\"id\":\"$var:user\","
            + "\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Again\"}]}}")
        .waitForError("duplicate_id")
        .send("{\"type\":\"conversation.item.create\",\"event_id\":\"assistant_audio\",\"item\":{\"type\":\"message\","
            + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_audio\",\"transcript\":\"hi\",\"audio\":\"AAAAAA==\"}]}}")
        .waitForError("assistant_audio")
        .send("{\"type\":\"conversation.item.create\",\"event_id\":\"orphan_output\",\"item\":{\"type\":\"function_call_output\","
            + "\"call_id\":\"call_doesnotexist\",\"output\":\"42\"}}")
        .waitForError("orphan_output")
        .send("{\"type\":\"conversation.item.create\",\"event_id\":\"assistant_text\",\"item\":{\"type\":\"message\","
            + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Earlier answer.\"}]}}")
        .waitFor("conversation.item.done"));

    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("bad_previous", "duplicate_id", "assistant_audio", "orphan_output")) {
      List<JsonNode> errors = log.result().errors().stream()
          .filter(e -> id.equals(e.at("/error/event_id").asText(null))).toList();
      soft.assertThat(errors).as("error echoing %s (%s)", id, switch (id) {
        case "bad_previous" -> "unknown previous_item_id";
        case "duplicate_id" -> "an item id already in the conversation";
        case "assistant_audio" -> "§6: conversation.item.create cannot create assistant audio messages";
        default -> "§6: function_call_output.call_id must match an existing function_call";
      }).hasSize(1);
      errors.forEach(e -> soft.assertThat(e.at("/error/type").asText()).isEqualTo("invalid_request_error"));
    }
    List<String> addedTexts = log.ofType("conversation.item.added").stream()
        .map(e -> e.at("/item/content/0/text").asText(e.at("/item/type").asText())).toList();
    soft.assertThat(addedTexts).as("only valid items join the conversation")
        .containsExactly("Hello there", "Earlier answer.");
    soft.assertAll();
    log.assertValidForOfficialJavaSdk();
  }

  // ---------------------------------------------------------------------------------------------
  // §5.1 session.update in a conversation session

  @Test
  void sessionUpdatesApplyAndTheVoiceLocksOnceAudioWasProduced() {
    ConversationLog log = run("session-update", ConversationSteps.create()
        .sessionUpdate("{\"type\":\"realtime\",\"instructions\":\"Be brief.\",\"tools\":[" + WEATHER_TOOL + "],"
            + "\"tool_choice\":\"auto\",\"audio\":{\"output\":{\"voice\":\"echo\"}}}", "before_audio")
        .waitFor("session.updated")
        .userText("Hello there").waitFor("conversation.item.done")
        .responseCreate("speak", null).waitFor("response.done")
        .sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":\"shimmer\"}}}", "new_voice")
        .waitForError("new_voice")
        .sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":\"echo\"}}}", "same_voice")
        .waitFor("session.updated")
        .sessionUpdate("{\"type\":\"realtime\",\"instructions\":\"Be very brief.\",\"tools\":[]}", "after_audio")
        .waitFor("session.updated"));

    List<JsonNode> updated = log.ofType("session.updated");
    assertThat(updated).as(log.describe()).hasSize(3);
    JsonNode first = updated.get(0).get("session");
    assertThat(updated.get(0).path("event_id").asText()).startsWith("event_");
    assertThat(first.path("instructions").asText()).isEqualTo("Be brief.");
    assertThat(first.at("/tools/0/name").asText()).isEqualTo("get_weather");
    assertThat(first.path("tool_choice").asText()).isEqualTo("auto");
    assertThat(first.at("/audio/output/voice").asText()).isEqualTo("echo");
    assertThat(first.at("/audio/input/format").toString()).as("nested merge keeps audio.input")
        .isEqualTo("{\"type\":\"audio/pcm\",\"rate\":24000}");
    assertThat(first.at("/audio/input/turn_detection/type").asText()).isEqualTo("server_vad");
    assertThat(first.at("/audio/input/turn_detection").has("interrupt_response"))
        .as("agents-js reads interrupt_response from session.updated").isTrue();
    assertThat(first.at("/audio/output/format").toString()).isEqualTo("{\"type\":\"audio/pcm\",\"rate\":24000}");

    String r = log.responseIds().get(0);
    assertThat(log.created(r).at("/response/audio/output/voice").asText()).isEqualTo("echo");
    assertThat(log.done(r).at("/response/status").asText()).isEqualTo("completed");
    assertThat(log.ofType("response.output_audio.delta")).isNotEmpty();

    JsonNode error = log.errorFor("new_voice");
    assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.at("/error/code").asText()).isEqualTo("cannot_update_voice");
    assertThat(log.result().errors()).hasSize(1);
    assertThat(updated.get(1).at("/session/audio/output/voice").asText()).isEqualTo("echo");
    JsonNode last = updated.get(2).get("session");
    assertThat(last.path("instructions").asText()).isEqualTo("Be very brief.");
    assertThat(last.path("tools")).isEmpty();
    assertThat(last.at("/audio/output/voice").asText()).isEqualTo("echo");

    log.assertValidForOfficialJavaSdk();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private ConversationLog run(String name, ConversationSteps steps) {
    NodeResult result = RunningPlatform.node().invocation(ConversationArgs.SCRIPT).ca(RunningPlatform.ca())
        .args(ConversationArgs.create(RunningPlatform.baseUrl(), RunningPlatform.API_KEY)
            .steps(steps, dir.resolve(name + ".steps.json")).toArgs())
        .timeout(Duration.ofSeconds(30))
        .run();
    keepLog(name, result);
    result.requireSuccess();
    ConversationLog log = new ConversationLog(result);
    log.assertNoClientFailures();
    assertThat(log.events()).as("events").isNotEmpty();
    assertThat(log.events().get(0).path("type").asText()).isEqualTo("session.created");
    return log;
  }

  /** Milliseconds between two stdout lines (by their client "t" stamps around them). */
  static double millisBetween(ConversationLog log, int fromLine, int toLine) {
    return clientTimeNear(log, toLine) - clientTimeNear(log, fromLine);
  }

  private static double clientTimeNear(ConversationLog log, int line) {
    List<JsonNode> lines = log.result().lines();
    for (int i = line; i < lines.size(); i++) {
      if (lines.get(i).has("__client") && lines.get(i).has("t")) {
        return lines.get(i).path("t").asDouble();
      }
    }
    return lines.get(lines.size() - 1).path("t").asDouble();
  }

  /** Keeps the client's whole stdout in {@code target/node-logs/<name>.jsonl} for diagnosis. */
  static void keepLog(String name, NodeResult result) {
    try {
      Path logs = Path.of("target", "node-logs");
      Files.createDirectories(logs);
      Files.write(logs.resolve(name + ".jsonl"), result.rawStdout());
      Files.writeString(logs.resolve(name + ".stderr.txt"), result.stderr());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** §9.3 steps 7-17 for one audio response. */
  static void assertAudioResponseShape(ConversationLog log, String responseId) {
    List<String> types = ConversationLog.types(log.responseEvents(responseId));
    assertThat(types).as("events of %s\n%s", responseId, log.describe()).startsWith(
        "response.created", "response.output_item.added", "conversation.item.added", "response.content_part.added");
    assertThat(types).endsWith(
        "response.output_audio.done", "response.output_audio_transcript.done", "response.content_part.done",
        "response.output_item.done", "conversation.item.done", "response.done", "rate_limits.updated");
    List<String> middle = types.subList(4, types.size() - 7);
    assertThat(middle).as("between content_part.added and output_audio.done").isNotEmpty()
        .allMatch(t -> t.equals("response.output_audio.delta") || t.equals("response.output_audio_transcript.delta"));
    assertThat(middle).as("audio and transcript deltas of %s\n%s", responseId, log.describe())
        .contains("response.output_audio.delta", "response.output_audio_transcript.delta");
  }

  /** PCM16 24 kHz of speech length for the words, clearly not silence. */
  static void assertPlausibleSpeech(byte[] pcm, String transcript) {
    assertThat(pcm.length % 2).as("whole PCM16 samples").isZero();
    int words = WordErrorRate.words(transcript).size();
    double seconds = pcm.length / 48_000.0;
    assertThat(seconds).as("%d words of speech at 24 kHz", words).isBetween(words * 0.15, words * 1.0 + 1.0);
    int frame = 480; // 20 ms
    int loud = 0;
    int frames = 0;
    double sumSquares = 0;
    for (int f = 0; f + frame * 2 <= pcm.length; f += frame * 2) {
      double s2 = 0;
      for (int i = f; i < f + frame * 2; i += 2) {
        int sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
        s2 += (double) sample * sample;
      }
      sumSquares += s2;
      frames++;
      if (Math.sqrt(s2 / frame) > 500) {
        loud++;
      }
    }
    assertThat(Math.sqrt(sumSquares / Math.max(1, frames * frame))).as("overall RMS").isGreaterThan(300);
    assertThat((double) loud / Math.max(1, frames)).as("share of voiced 20 ms frames").isGreaterThan(0.3);
  }

  /** Transcribes 24 kHz PCM16 through a transcription session of the same platform. */
  private String transcribeBack(byte[] pcm) {
    Path file = dir.resolve("assistant.pcm16");
    try {
      Files.write(file, pcm);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NodeResult r = RunningPlatform.node().transcribe().ca(RunningPlatform.ca())
        .args(RunningPlatform.flow().format(SessionFormat.PCM16).turnDetection("none").audio(file).gapMs(300)
            .speed(0).commit("always").expectCompleted(1))
        .timeout(Duration.ofSeconds(40)).run().requireSuccess();
    List<String> transcripts = r.completedTranscripts();
    assertThat(transcripts).as(r.describe()).hasSize(1);
    return transcripts.get(0);
  }

  private Path pcm16(Utterance u) {
    return u.writeSessionAudio(dir, SessionFormat.PCM16);
  }

  /** Event types with each run of one delta type collapsed into {@code type*}. */
  static List<String> collapsed(List<JsonNode> events) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      String t = e.path("type").asText();
      String name = t.endsWith(".delta") ? t + "*" : t;
      if (t.endsWith(".delta") && !out.isEmpty() && out.get(out.size() - 1).equals(name)) {
        continue;
      }
      out.add(name);
    }
    return out;
  }

  static void assertDistinctServerEventIds(ConversationLog log) {
    Set<String> ids = new HashSet<>();
    for (JsonNode e : log.events()) {
      String id = e.path("event_id").asText("");
      assertThat(id).as("event_id of %s", e.path("type").asText()).startsWith("event_");
      assertThat(ids.add(id)).as("event_id %s is unique", id).isTrue();
    }
  }

  private static JsonNode readJson(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
