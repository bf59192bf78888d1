package org.voxmesh.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.models.realtime.ConversationItemAdded;
import com.openai.models.realtime.ConversationItemDeletedEvent;
import com.openai.models.realtime.ConversationItemDone;
import com.openai.models.realtime.ConversationItemInputAudioTranscriptionCompletedEvent;
import com.openai.models.realtime.ConversationItemInputAudioTranscriptionDeltaEvent;
import com.openai.models.realtime.ConversationItemInputAudioTranscriptionFailedEvent;
import com.openai.models.realtime.ConversationItemInputAudioTranscriptionSegment;
import com.openai.models.realtime.ConversationItemTruncatedEvent;
import com.openai.models.realtime.InputAudioBufferClearedEvent;
import com.openai.models.realtime.InputAudioBufferCommittedEvent;
import com.openai.models.realtime.InputAudioBufferSpeechStartedEvent;
import com.openai.models.realtime.InputAudioBufferSpeechStoppedEvent;
import com.openai.models.realtime.InputAudioBufferTimeoutTriggered;
import com.openai.models.realtime.RateLimitsUpdatedEvent;
import com.openai.models.realtime.RealtimeErrorEvent;
import com.openai.models.realtime.RealtimeServerEvent;
import com.openai.models.realtime.ResponseAudioDeltaEvent;
import com.openai.models.realtime.ResponseAudioDoneEvent;
import com.openai.models.realtime.ResponseAudioTranscriptDeltaEvent;
import com.openai.models.realtime.ResponseAudioTranscriptDoneEvent;
import com.openai.models.realtime.ResponseContentPartAddedEvent;
import com.openai.models.realtime.ResponseContentPartDoneEvent;
import com.openai.models.realtime.ResponseCreatedEvent;
import com.openai.models.realtime.ResponseDoneEvent;
import com.openai.models.realtime.ResponseFunctionCallArgumentsDeltaEvent;
import com.openai.models.realtime.ResponseFunctionCallArgumentsDoneEvent;
import com.openai.models.realtime.ResponseOutputItemAddedEvent;
import com.openai.models.realtime.ResponseOutputItemDoneEvent;
import com.openai.models.realtime.ResponseTextDeltaEvent;
import com.openai.models.realtime.ResponseTextDoneEvent;
import com.openai.models.realtime.SessionCreatedEvent;
import com.openai.models.realtime.SessionUpdatedEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxmesh.protocol.json.Dialect;
import org.voxmesh.protocol.json.EventNames;
import org.voxmesh.protocol.json.RealtimeJson;
import org.voxmesh.protocol.server.ServerEvent;

/**
 * Every GA server event we can emit is accepted by the official openai-java SDK: parsed with its own ObjectMapper
 * into the SDK model of its {@code type} and into its {@code RealtimeServerEvent} union, and validated (which
 * throws on a missing required field, a wrong type, an unknown enum or literal). The same check as the testkit's
 * {@code OpenAiJavaConformance} (which this module cannot depend on).
 */
class OpenAiJavaSdkConformanceTest {

  private static final RealtimeJson JSON = RealtimeJson.of(Dialect.GA);

  /** GA type → openai-java model. */
  static final Map<String, Class<?>> MODELS = Map.ofEntries(
      Map.entry("error", RealtimeErrorEvent.class),
      Map.entry("session.created", SessionCreatedEvent.class),
      Map.entry("session.updated", SessionUpdatedEvent.class),
      Map.entry("conversation.item.added", ConversationItemAdded.class),
      Map.entry("conversation.item.done", ConversationItemDone.class),
      Map.entry("conversation.item.retrieved", RealtimeServerEvent.ConversationItemRetrieved.class),
      Map.entry("conversation.item.truncated", ConversationItemTruncatedEvent.class),
      Map.entry("conversation.item.deleted", ConversationItemDeletedEvent.class),
      Map.entry("conversation.item.input_audio_transcription.delta",
          ConversationItemInputAudioTranscriptionDeltaEvent.class),
      Map.entry("conversation.item.input_audio_transcription.completed",
          ConversationItemInputAudioTranscriptionCompletedEvent.class),
      Map.entry("conversation.item.input_audio_transcription.failed",
          ConversationItemInputAudioTranscriptionFailedEvent.class),
      Map.entry("conversation.item.input_audio_transcription.segment",
          ConversationItemInputAudioTranscriptionSegment.class),
      Map.entry("input_audio_buffer.speech_started", InputAudioBufferSpeechStartedEvent.class),
      Map.entry("input_audio_buffer.speech_stopped", InputAudioBufferSpeechStoppedEvent.class),
      Map.entry("input_audio_buffer.committed", InputAudioBufferCommittedEvent.class),
      Map.entry("input_audio_buffer.cleared", InputAudioBufferClearedEvent.class),
      Map.entry("input_audio_buffer.timeout_triggered", InputAudioBufferTimeoutTriggered.class),
      Map.entry("output_audio_buffer.started", RealtimeServerEvent.OutputAudioBufferStarted.class),
      Map.entry("output_audio_buffer.stopped", RealtimeServerEvent.OutputAudioBufferStopped.class),
      Map.entry("output_audio_buffer.cleared", RealtimeServerEvent.OutputAudioBufferCleared.class),
      Map.entry("response.created", ResponseCreatedEvent.class),
      Map.entry("response.done", ResponseDoneEvent.class),
      Map.entry("response.output_item.added", ResponseOutputItemAddedEvent.class),
      Map.entry("response.output_item.done", ResponseOutputItemDoneEvent.class),
      Map.entry("response.content_part.added", ResponseContentPartAddedEvent.class),
      Map.entry("response.content_part.done", ResponseContentPartDoneEvent.class),
      Map.entry("response.output_text.delta", ResponseTextDeltaEvent.class),
      Map.entry("response.output_text.done", ResponseTextDoneEvent.class),
      Map.entry("response.output_audio.delta", ResponseAudioDeltaEvent.class),
      Map.entry("response.output_audio.done", ResponseAudioDoneEvent.class),
      Map.entry("response.output_audio_transcript.delta", ResponseAudioTranscriptDeltaEvent.class),
      Map.entry("response.output_audio_transcript.done", ResponseAudioTranscriptDoneEvent.class),
      Map.entry("response.function_call_arguments.delta", ResponseFunctionCallArgumentsDeltaEvent.class),
      Map.entry("response.function_call_arguments.done", ResponseFunctionCallArgumentsDoneEvent.class),
      Map.entry("rate_limits.updated", RateLimitsUpdatedEvent.class));

  static Stream<ServerEvent> events() {
    return Fixtures.everyServerEvent().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void sdkParsesAndValidates(ServerEvent event) throws Exception {
    String json = JSON.write(event);
    String type = JSON.names().nameOf(event);

    Class<?> model = MODELS.get(type);
    assertThat(model).as("openai-java model for " + type).isNotNull();
    Object typed = ObjectMappers.jsonMapper().readValue(json, model);
    try {
      model.getMethod("validate").invoke(typed);
    } catch (InvocationTargetException e) {
      fail("openai-java (" + model.getSimpleName() + ") rejected " + json + ": " + e.getCause().getMessage());
    }

    RealtimeServerEvent parsed = ObjectMappers.jsonMapper().readValue(json, RealtimeServerEvent.class);
    try {
      parsed.validate();
    } catch (RuntimeException e) {
      fail("openai-java rejected " + json + ": " + e.getMessage());
    }
    assertThat(parsed.isValid()).isTrue();
    // the SDK serialises it back with the same type
    JsonNode back = ObjectMappers.jsonMapper().valueToTree(parsed);
    assertThat(back.get("type").asText()).isEqualTo(type);
  }

  static Stream<String> goldenServerSamples() throws java.io.IOException {
    List<String> out = new java.util.ArrayList<>();
    try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
        OpenAiJavaSdkConformanceTest.class.getResourceAsStream("/golden/server-events.jsonl"),
        java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode sample = ObjectMappers.jsonMapper().readTree(line);
          out.add((sample.has("emitted") ? sample.get("emitted") : sample.get("wire")).toString());
        }
      }
    }
    return out.stream();
  }

  /** What we emit for each golden spec sample (read into our record and written back) is valid for the SDK too. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenServerSamples")
  void sdkAcceptsOurEmissionOfEveryGoldenSample(String sample) throws Exception {
    sdkParsesAndValidates(JSON.readServerEvent(sample));
  }

  @Test
  void fixturesCoverEveryGaServerEventType() {
    Set<Class<?>> covered = new HashSet<>();
    Fixtures.everyServerEvent().forEach(e -> covered.add(e.getClass()));
    Set<Class<?>> expected = new HashSet<>(List.of(ServerEvent.class.getPermittedSubclasses()));
    expected.removeAll(EventNames.BETA_ONLY_SERVER);
    assertThat(covered).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(Fixtures.everyServerEvent()).allSatisfy(e -> assertThat(JSON.emits(e)).isTrue());
  }

  @Test
  void sdkRejectsWhatWeMustNotSend() throws Exception {
    // sanity: the validator is live (a PCM rate other than 24000, a completed event without usage, an error
    // without event_id, a function call done without name, a response with an unknown status)
    for (String bad : List.of(
        "{\"type\":\"session.created\",\"event_id\":\"event_1\",\"session\":{\"type\":\"realtime\","
            + "\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":16000}}}}}",
        "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"event_id\":\"e\",\"item_id\":\"i\","
            + "\"content_index\":0,\"transcript\":\"Hi\"}",
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"m\"}}",
        "{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"e\",\"response_id\":\"r\","
            + "\"item_id\":\"i\",\"output_index\":0,\"call_id\":\"c\",\"arguments\":\"{}\"}",
        "{\"type\":\"response.done\",\"event_id\":\"e\",\"response\":{\"id\":\"r\",\"status\":\"finished\"}}")) {
      RealtimeServerEvent parsed = ObjectMappers.jsonMapper().readValue(bad, RealtimeServerEvent.class);
      assertThat(parsed.isValid()).as(bad).isFalse();
    }
  }
}
