package org.voxmesh.testkit.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import com.openai.models.realtime.InputAudioBufferDtmfEventReceivedEvent;
import com.openai.models.realtime.InputAudioBufferSpeechStartedEvent;
import com.openai.models.realtime.InputAudioBufferSpeechStoppedEvent;
import com.openai.models.realtime.InputAudioBufferTimeoutTriggered;
import com.openai.models.realtime.McpListToolsCompleted;
import com.openai.models.realtime.McpListToolsFailed;
import com.openai.models.realtime.McpListToolsInProgress;
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
import com.openai.models.realtime.ResponseMcpCallArgumentsDelta;
import com.openai.models.realtime.ResponseMcpCallArgumentsDone;
import com.openai.models.realtime.ResponseMcpCallCompleted;
import com.openai.models.realtime.ResponseMcpCallFailed;
import com.openai.models.realtime.ResponseMcpCallInProgress;
import com.openai.models.realtime.ResponseOutputItemAddedEvent;
import com.openai.models.realtime.ResponseOutputItemDoneEvent;
import com.openai.models.realtime.ResponseTextDeltaEvent;
import com.openai.models.realtime.ResponseTextDoneEvent;
import com.openai.models.realtime.SessionCreatedEvent;
import com.openai.models.realtime.SessionUpdatedEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks server events against the official openai-java SDK (4.101.0), the way a Java client reads them: the
 * JSON is parsed with the SDK's own ObjectMapper into the SDK model for the event's {@code type} and validated
 * ({@code validate()} throws on a missing required field, a wrong JSON type, an unknown enum value or a wrong
 * literal), then parsed again through the SDK's {@code RealtimeServerEvent} union, which is what
 * {@code client.realtime()} dispatches on. Beta-only names the GA union still knows
 * ({@code conversation.created}, {@code conversation.item.created}) are rejected: a GA server must not emit them.
 *
 * <p>Use it on every frame a running server sends: {@code OpenAiJavaConformance.assertValidServerEvent(text)}.
 * The SDK is lenient about extra keys, so this is a floor, not the whole contract (see REALTIME_PROTOCOL.md §13
 * for the stricter agents-js rules).
 */
public final class OpenAiJavaConformance {

  /** GA server event type → the openai-java model that parses it. */
  public static final Map<String, Class<?>> MODELS = models();

  /** Names the SDK's GA union accepts but only the beta interface sends. */
  public static final Set<String> BETA_ONLY = Set.of("conversation.created", "conversation.item.created");

  /**
   * GA names a beta connection must never carry (REALTIME_PROTOCOL.md §8, §12): the renamed GA events and the
   * GA-only ones.
   */
  public static final Set<String> GA_ONLY = Set.of("conversation.item.added", "conversation.item.done",
      "response.output_text.delta", "response.output_text.done", "response.output_audio.delta",
      "response.output_audio.done", "response.output_audio_transcript.delta",
      "response.output_audio_transcript.done", "input_audio_buffer.timeout_triggered",
      "input_audio_buffer.dtmf_event_received", "conversation.item.input_audio_transcription.segment",
      "response.mcp_call_arguments.delta", "response.mcp_call_arguments.done", "response.mcp_call.in_progress",
      "response.mcp_call.completed", "response.mcp_call.failed", "mcp_list_tools.in_progress",
      "mcp_list_tools.completed", "mcp_list_tools.failed");

  private OpenAiJavaConformance() {}

  /**
   * Fails (with the SDK's own message) unless {@code json} is a server event that openai-java parses and
   * validates as its GA type.
   */
  public static void assertValidServerEvent(String json) {
    JsonNode tree;
    try {
      tree = ObjectMappers.jsonMapper().readTree(json);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new AssertionError("not JSON: " + e.getMessage() + "\n" + abbreviate(json), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new AssertionError("a server event must be a JSON object\n" + abbreviate(json));
    }
    JsonNode typeNode = tree.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw new AssertionError("a server event needs a string \"type\"\n" + abbreviate(json));
    }
    String type = typeNode.textValue();
    if (BETA_ONLY.contains(type)) {
      throw new AssertionError("beta-only event '" + type + "' must not be sent on a GA connection\n"
          + abbreviate(json));
    }
    Class<?> model = MODELS.get(type);
    if (model == null) {
      throw new AssertionError("openai-java has no GA model for server event type '" + type + "'\n"
          + abbreviate(json));
    }
    validate(type, model, json);
    validate(type, RealtimeServerEvent.class, json);
  }

  /**
   * Fails unless {@code json} is a server event that openai-java's <em>beta</em> models
   * ({@code com.openai.models.beta.realtime.RealtimeServerEvent}) parse and validate, and it carries no GA-only
   * name. Use it on every frame a beta connection receives. Known, deliberate differences from those models are
   * tolerated: a {@code transcription_session.created} (absent from the SDK's union) is checked as
   * {@code transcription_session.updated}; {@code client_secret: null} in transcription sessions (the secret only
   * exists in the REST response) and a session {@code model} outside the SDK's beta-era enum (it is the model the
   * client connected with) are not reported.
   */
  public static void assertValidBetaServerEvent(String json) {
    JsonNode tree;
    try {
      tree = ObjectMappers.jsonMapper().readTree(json);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new AssertionError("not JSON: " + e.getMessage() + "\n" + abbreviate(json), e);
    }
    if (tree == null || !tree.isObject() || !tree.path("type").isTextual()) {
      throw new AssertionError("a server event must be a JSON object with a string \"type\"\n" + abbreviate(json));
    }
    String type = tree.get("type").textValue();
    if (GA_ONLY.contains(type)) {
      throw new AssertionError("GA event '" + type + "' must not be sent on a beta connection\n"
          + abbreviate(json));
    }
    com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) tree)
        .deepCopy();
    if (type.equals("transcription_session.created")) {
      copy.put("type", "transcription_session.updated");
    }
    if (copy.get("session") instanceof com.fasterxml.jackson.databind.node.ObjectNode session) {
      if (session.path("model").isTextual()) {
        session.put("model", "gpt-4o-realtime-preview");
      }
      if (session.has("client_secret") && session.get("client_secret").isNull()) {
        session.putObject("client_secret").put("value", "ek_placeholder").put("expires_at", 0);
      }
    }
    validate(type, com.openai.models.beta.realtime.RealtimeServerEvent.class, copy.toString());
  }

  /** True when {@link #assertValidBetaServerEvent} would pass. */
  public static boolean isValidBetaServerEvent(String json) {
    try {
      assertValidBetaServerEvent(json);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /** True when {@link #assertValidServerEvent} would pass. */
  public static boolean isValidServerEvent(String json) {
    try {
      assertValidServerEvent(json);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  private static void validate(String type, Class<?> model, String json) {
    Object parsed;
    try {
      parsed = ObjectMappers.jsonMapper().readValue(json, model);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new AssertionError("openai-java could not read '" + type + "' as " + model.getSimpleName() + ": "
          + e.getMessage() + "\n" + abbreviate(json), e);
    }
    try {
      Method validate = model.getMethod("validate");
      validate.invoke(parsed);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new AssertionError("openai-java rejected '" + type + "' (" + model.getSimpleName() + "): "
          + cause.getMessage() + "\n" + abbreviate(json), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call validate() on " + model.getName(), e);
    }
  }

  private static String abbreviate(String json) {
    if (json == null) {
      return "null";
    }
    return json.length() <= 2000 ? json : json.substring(0, 2000) + "... (" + json.length() + " chars)";
  }

  private static Map<String, Class<?>> models() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("error", RealtimeErrorEvent.class);
    m.put("session.created", SessionCreatedEvent.class);
    m.put("session.updated", SessionUpdatedEvent.class);
    m.put("conversation.item.added", ConversationItemAdded.class);
    m.put("conversation.item.done", ConversationItemDone.class);
    m.put("conversation.item.retrieved", RealtimeServerEvent.ConversationItemRetrieved.class);
    m.put("conversation.item.truncated", ConversationItemTruncatedEvent.class);
    m.put("conversation.item.deleted", ConversationItemDeletedEvent.class);
    m.put("conversation.item.input_audio_transcription.delta", ConversationItemInputAudioTranscriptionDeltaEvent.class);
    m.put("conversation.item.input_audio_transcription.completed",
        ConversationItemInputAudioTranscriptionCompletedEvent.class);
    m.put("conversation.item.input_audio_transcription.failed",
        ConversationItemInputAudioTranscriptionFailedEvent.class);
    m.put("conversation.item.input_audio_transcription.segment", ConversationItemInputAudioTranscriptionSegment.class);
    m.put("input_audio_buffer.speech_started", InputAudioBufferSpeechStartedEvent.class);
    m.put("input_audio_buffer.speech_stopped", InputAudioBufferSpeechStoppedEvent.class);
    m.put("input_audio_buffer.committed", InputAudioBufferCommittedEvent.class);
    m.put("input_audio_buffer.cleared", InputAudioBufferClearedEvent.class);
    m.put("input_audio_buffer.timeout_triggered", InputAudioBufferTimeoutTriggered.class);
    m.put("input_audio_buffer.dtmf_event_received", InputAudioBufferDtmfEventReceivedEvent.class);
    m.put("output_audio_buffer.started", RealtimeServerEvent.OutputAudioBufferStarted.class);
    m.put("output_audio_buffer.stopped", RealtimeServerEvent.OutputAudioBufferStopped.class);
    m.put("output_audio_buffer.cleared", RealtimeServerEvent.OutputAudioBufferCleared.class);
    m.put("response.created", ResponseCreatedEvent.class);
    m.put("response.done", ResponseDoneEvent.class);
    m.put("response.output_item.added", ResponseOutputItemAddedEvent.class);
    m.put("response.output_item.done", ResponseOutputItemDoneEvent.class);
    m.put("response.content_part.added", ResponseContentPartAddedEvent.class);
    m.put("response.content_part.done", ResponseContentPartDoneEvent.class);
    m.put("response.output_text.delta", ResponseTextDeltaEvent.class);
    m.put("response.output_text.done", ResponseTextDoneEvent.class);
    m.put("response.output_audio.delta", ResponseAudioDeltaEvent.class);
    m.put("response.output_audio.done", ResponseAudioDoneEvent.class);
    m.put("response.output_audio_transcript.delta", ResponseAudioTranscriptDeltaEvent.class);
    m.put("response.output_audio_transcript.done", ResponseAudioTranscriptDoneEvent.class);
    m.put("response.function_call_arguments.delta", ResponseFunctionCallArgumentsDeltaEvent.class);
    m.put("response.function_call_arguments.done", ResponseFunctionCallArgumentsDoneEvent.class);
    m.put("response.mcp_call_arguments.delta", ResponseMcpCallArgumentsDelta.class);
    m.put("response.mcp_call_arguments.done", ResponseMcpCallArgumentsDone.class);
    m.put("response.mcp_call.in_progress", ResponseMcpCallInProgress.class);
    m.put("response.mcp_call.completed", ResponseMcpCallCompleted.class);
    m.put("response.mcp_call.failed", ResponseMcpCallFailed.class);
    m.put("mcp_list_tools.in_progress", McpListToolsInProgress.class);
    m.put("mcp_list_tools.completed", McpListToolsCompleted.class);
    m.put("mcp_list_tools.failed", McpListToolsFailed.class);
    m.put("rate_limits.updated", RateLimitsUpdatedEvent.class);
    return Collections.unmodifiableMap(m);
  }
}
