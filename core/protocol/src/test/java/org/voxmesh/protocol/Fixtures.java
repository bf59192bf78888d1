package org.voxmesh.protocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.voxmesh.protocol.error.ErrorCodes;
import org.voxmesh.protocol.error.RealtimeError;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.item.ContentPart;
import org.voxmesh.protocol.item.Item;
import org.voxmesh.protocol.item.ItemStatus;
import org.voxmesh.protocol.item.Role;
import org.voxmesh.protocol.response.RateLimit;
import org.voxmesh.protocol.response.Response;
import org.voxmesh.protocol.response.ResponseAudio;
import org.voxmesh.protocol.response.ResponsePart;
import org.voxmesh.protocol.response.StatusDetails;
import org.voxmesh.protocol.response.Usage;
import org.voxmesh.protocol.server.ConversationCreated;
import org.voxmesh.protocol.server.ConversationItemAdded;
import org.voxmesh.protocol.server.ConversationItemDeleted;
import org.voxmesh.protocol.server.ConversationItemDone;
import org.voxmesh.protocol.server.ConversationItemInputAudioTranscriptionCompleted;
import org.voxmesh.protocol.server.ConversationItemInputAudioTranscriptionDelta;
import org.voxmesh.protocol.server.ConversationItemInputAudioTranscriptionFailed;
import org.voxmesh.protocol.server.ConversationItemInputAudioTranscriptionSegment;
import org.voxmesh.protocol.server.ConversationItemRetrieved;
import org.voxmesh.protocol.server.ConversationItemTruncated;
import org.voxmesh.protocol.server.ErrorEvent;
import org.voxmesh.protocol.server.InputAudioBufferCleared;
import org.voxmesh.protocol.server.InputAudioBufferCommitted;
import org.voxmesh.protocol.server.InputAudioBufferSpeechStarted;
import org.voxmesh.protocol.server.InputAudioBufferSpeechStopped;
import org.voxmesh.protocol.server.InputAudioBufferTimeoutTriggered;
import org.voxmesh.protocol.server.LogProb;
import org.voxmesh.protocol.server.OutputAudioBufferCleared;
import org.voxmesh.protocol.server.OutputAudioBufferStarted;
import org.voxmesh.protocol.server.OutputAudioBufferStopped;
import org.voxmesh.protocol.server.RateLimitsUpdated;
import org.voxmesh.protocol.server.ResponseContentPartAdded;
import org.voxmesh.protocol.server.ResponseContentPartDone;
import org.voxmesh.protocol.server.ResponseCreated;
import org.voxmesh.protocol.server.ResponseDone;
import org.voxmesh.protocol.server.ResponseFunctionCallArgumentsDelta;
import org.voxmesh.protocol.server.ResponseFunctionCallArgumentsDone;
import org.voxmesh.protocol.server.ResponseOutputAudioDelta;
import org.voxmesh.protocol.server.ResponseOutputAudioDone;
import org.voxmesh.protocol.server.ResponseOutputAudioTranscriptDelta;
import org.voxmesh.protocol.server.ResponseOutputAudioTranscriptDone;
import org.voxmesh.protocol.server.ResponseOutputItemAdded;
import org.voxmesh.protocol.server.ResponseOutputItemDone;
import org.voxmesh.protocol.server.ResponseOutputTextDelta;
import org.voxmesh.protocol.server.ResponseOutputTextDone;
import org.voxmesh.protocol.server.ServerEvent;
import org.voxmesh.protocol.server.SessionCreated;
import org.voxmesh.protocol.server.SessionUpdated;
import org.voxmesh.protocol.server.TranscriptLanguage;
import org.voxmesh.protocol.server.TranscriptionError;
import org.voxmesh.protocol.server.TranscriptionUsage;
import org.voxmesh.protocol.session.AudioFormatSpec;
import org.voxmesh.protocol.session.AudioInput;
import org.voxmesh.protocol.session.AudioOutput;
import org.voxmesh.protocol.session.InputAudioTranscription;
import org.voxmesh.protocol.session.MaxOutputTokens;
import org.voxmesh.protocol.session.NoiseReduction;
import org.voxmesh.protocol.session.Prompt;
import org.voxmesh.protocol.session.RealtimeSessionConfig;
import org.voxmesh.protocol.session.Reasoning;
import org.voxmesh.protocol.session.SessionAudio;
import org.voxmesh.protocol.session.Tool;
import org.voxmesh.protocol.session.ToolChoice;
import org.voxmesh.protocol.session.Tracing;
import org.voxmesh.protocol.session.TranscriptionSessionAudio;
import org.voxmesh.protocol.session.TranscriptionSessionConfig;
import org.voxmesh.protocol.session.Truncation;
import org.voxmesh.protocol.session.TurnDetection;
import org.voxmesh.protocol.session.Voice;
import org.voxmesh.protocol.session.WireEnums;

/** Realistic instances of every server event we emit, and the path of the shared spec. */
public final class Fixtures {

  private Fixtures() {}

  public static Path specDir() {
    String home = System.getProperty("voxmesh.home");
    Path base = home != null ? Path.of(home) : Path.of("../..").toAbsolutePath().normalize();
    Path spec = base.resolve("../shared/spec").normalize();
    if (!Files.isDirectory(spec)) {
      spec = Path.of("/work/shared/spec");
    }
    return spec;
  }

  public static RealtimeSessionConfig realtimeDefault() {
    return RealtimeSessionConfig.initial(Ids.sessionId(), "gpt-realtime", 1767233035L,
        "You are a helpful, witty, and friendly AI.");
  }

  /** A realtime config with every optional knob set. */
  public static RealtimeSessionConfig realtimeRich() {
    com.fasterxml.jackson.databind.node.ObjectNode schema =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    schema.put("type", "object").putObject("properties").putObject("city").put("type", "string");
    AudioInput input = new AudioInput(AudioFormatSpec.PCMU,
        new InputAudioTranscription("gpt-4o-transcribe", "en", "names: Voxmesh", null, null, null),
        new NoiseReduction(WireEnums.NoiseReductionType.FAR_FIELD),
        new TurnDetection.SemanticVad(TurnDetection.Eagerness.HIGH, false, true, null));
    AudioOutput output = new AudioOutput(AudioFormatSpec.PCMA, new Voice.Named("marin"), 1.25);
    return new RealtimeSessionConfig(Ids.sessionId(), 1767233035L, "gpt-realtime", "Be brief.",
        List.of(WireEnums.OutputModality.TEXT), new SessionAudio(input, output),
        List.of(new Tool.Function("get_weather", "Weather for a city", schema)),
        ToolChoice.Function.named("get_weather"), true, new Reasoning(WireEnums.ReasoningEffort.MEDIUM),
        MaxOutputTokens.of(1024), new Truncation.RetentionRatio(null, 0.8, new Truncation.TokenLimits(1000)),
        new Prompt("pmpt_123", "2", null), Tracing.AUTO,
        List.of(WireEnums.IncludeOption.INPUT_AUDIO_TRANSCRIPTION_LOGPROBS));
  }

  public static TranscriptionSessionConfig transcriptionDefault() {
    return TranscriptionSessionConfig.initial(Ids.sessionId(), 1742188264L);
  }

  public static TranscriptionSessionConfig transcriptionRich() {
    AudioInput input = new AudioInput(AudioFormatSpec.PCM_24K,
        new InputAudioTranscription("gpt-4o-transcribe", "en", "", null, null, null),
        new NoiseReduction(WireEnums.NoiseReductionType.NEAR_FIELD),
        new TurnDetection.ServerVad(0.5, 300, 500, 6000, true, true));
    return new TranscriptionSessionConfig(Ids.sessionId(), 1742188264L, new TranscriptionSessionAudio(input),
        List.of(WireEnums.IncludeOption.INPUT_AUDIO_TRANSCRIPTION_LOGPROBS));
  }

  /** Every server event type: the GA ones of {@link #everyServerEvent()} plus the beta-only ones. */
  public static List<ServerEvent> everyServerEventOfBothDialects() {
    List<ServerEvent> out = new ArrayList<>(everyServerEvent());
    out.addAll(betaOnlyServerEvents());
    return out;
  }

  /** Instances of the beta-only server events (never written to GA clients). */
  public static List<ServerEvent> betaOnlyServerEvents() {
    return List.of(ConversationCreated.of(Ids.conversationId()));
  }

  /** A full audio response cycle (§9.3) and a text, a function-call and a cancelled one (§9.4–9.7). */
  public static List<ServerEvent> responseEvents() {
    List<ServerEvent> out = new ArrayList<>();
    String conv = Ids.conversationId();
    RealtimeSessionConfig session = realtimeDefault();

    // audio response
    Response audio = Response.inProgress(Ids.responseId(), conv, session, null);
    String a = Ids.itemId();
    out.add(ResponseCreated.of(audio));
    out.add(ResponseOutputItemAdded.of(audio.id(), 0,
        new Item.Message(a, null, ItemStatus.IN_PROGRESS, Role.ASSISTANT, List.of())));
    out.add(ResponseContentPartAdded.of(audio.id(), a, 0, 0, new ResponsePart.Audio("")));
    out.add(ResponseOutputAudioTranscriptDelta.of(audio.id(), a, 0, 0, "Hello"));
    out.add(new ResponseOutputAudioTranscriptDelta(Ids.eventId(), audio.id(), a, 0, 0, " there", "LBqdwEYsSEHbF"));
    out.add(ResponseOutputAudioDelta.of(audio.id(), a, 0, 0, new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe}));
    out.add(ResponseOutputAudioDone.of(audio.id(), a, 0, 0));
    out.add(ResponseOutputAudioTranscriptDone.of(audio.id(), a, 0, 0, "Hello there"));
    out.add(ResponseContentPartDone.of(audio.id(), a, 0, 0, new ResponsePart.Audio("Hello there")));
    Item.Message finalA = new Item.Message(a, null, ItemStatus.COMPLETED, Role.ASSISTANT,
        List.of(new ContentPart.OutputAudio(new byte[] {1, 2}, "Hello there")));
    out.add(ResponseOutputItemDone.of(audio.id(), 0, finalA));
    Usage usage = new Usage(320, 132, 188,
        new Usage.InputTokenDetails(59, 73, 0, 64, new Usage.CachedTokensDetails(0, 64, 0)),
        new Usage.OutputTokenDetails(41, 147));
    out.add(ResponseDone.of(audio.completed(List.of(finalA), usage)));
    out.add(RateLimitsUpdated.of(RateLimit.tokens(40000, 38490, 2.265)));
    out.add(RateLimitsUpdated.of(RateLimit.requests(5000, 4999, 0.012), RateLimit.tokens(40000, 38490, 2.265)));

    // WebRTC/SIP output buffer
    out.add(OutputAudioBufferStarted.of(audio.id()));
    out.add(OutputAudioBufferStopped.of(audio.id()));
    out.add(OutputAudioBufferCleared.of(audio.id()));

    // text response, out of band, with metadata and overrides
    var params = new org.voxmesh.protocol.client.ResponseCreateParams(List.of(WireEnums.OutputModality.TEXT),
        null, null, null, null, null, null, MaxOutputTokens.of(200), "none", java.util.Map.of("topic", "billing"),
        null, null);
    Response text = Response.inProgress(Ids.responseId(), conv, session, params);
    String t = Ids.itemId();
    out.add(ResponseCreated.of(text));
    out.add(ResponseContentPartAdded.of(text.id(), t, 0, 0, new ResponsePart.Text("")));
    out.add(ResponseOutputTextDelta.of(text.id(), t, 0, 0, "Sure"));
    out.add(ResponseOutputTextDone.of(text.id(), t, 0, 0, "Sure, I can help with that."));
    out.add(ResponseContentPartDone.of(text.id(), t, 0, 0, new ResponsePart.Text("Sure, I can help with that.")));
    Item.Message finalT = new Item.Message(t, null, ItemStatus.COMPLETED, Role.ASSISTANT,
        List.of(new ContentPart.OutputText("Sure, I can help with that.")));
    out.add(ResponseOutputItemDone.of(text.id(), 0, finalT));
    out.add(ResponseDone.of(text.incomplete(StatusDetails.Reason.MAX_OUTPUT_TOKENS, List.of(finalT),
        Usage.of(10, 0, 200, 0))));

    // function call
    Response fn = Response.inProgress(Ids.responseId(), conv, realtimeRich(), null);
    String f = Ids.itemId();
    String call = Ids.callId();
    out.add(ResponseCreated.of(fn));
    out.add(ResponseOutputItemAdded.of(fn.id(), 0,
        new Item.FunctionCall(f, null, ItemStatus.IN_PROGRESS, call, "get_weather", "")));
    out.add(ResponseFunctionCallArgumentsDelta.of(fn.id(), f, 0, call, "{\"city\": \"Pa"));
    out.add(ResponseFunctionCallArgumentsDone.of(fn.id(), f, 0, call, "get_weather", "{\"city\": \"Paris\"}"));
    Item.FunctionCall finalF = new Item.FunctionCall(f, null, ItemStatus.COMPLETED, call, "get_weather",
        "{\"city\": \"Paris\"}");
    out.add(ResponseOutputItemDone.of(fn.id(), 0, finalF));
    out.add(ResponseDone.of(fn.completed(List.of(finalF), Usage.of(80, 0, 12, 0))));

    // barge-in and failure
    Response cut = Response.inProgress(Ids.responseId(), conv, session, null);
    Item.Message partial = new Item.Message(Ids.itemId(), null, ItemStatus.INCOMPLETE, Role.ASSISTANT,
        List.of(new ContentPart.OutputAudio(null, "I was say")));
    out.add(ResponseDone.of(cut.cancelled(StatusDetails.Reason.TURN_DETECTED, List.of(partial), Usage.zero())));
    out.add(ResponseDone.of(cut.cancelled(StatusDetails.Reason.CLIENT_CANCELLED, List.of(), Usage.zero())));
    out.add(ResponseDone.of(cut.failed(StatusDetails.Error.of("server_error", "engine_unavailable"), List.of(),
        Usage.zero())));
    out.add(ResponseDone.of(Response.inProgress(Ids.responseId(), conv, List.of(WireEnums.OutputModality.AUDIO),
        null, ResponseAudio.of(AudioFormatSpec.PCMU, new Voice.Custom("voice_1234")), null)
        .incomplete(StatusDetails.Reason.CONTENT_FILTER, List.of(), Usage.zero())));
    return out;
  }

  /** One or more realistic instances of every server event type. */
  public static List<ServerEvent> everyServerEvent() {
    String user = Ids.itemId();
    String assistant = Ids.itemId();
    List<ServerEvent> out = new ArrayList<>();
    out.add(ErrorEvent.of(RealtimeError.invalidRequest(ErrorCodes.INVALID_VALUE,
        "Invalid value: 'scooby.dooby.doo'.", "type").withEventId("my_awesome_event")));
    out.add(ErrorEvent.of(RealtimeError.invalidRequest(ErrorCodes.RESPONSE_CANCEL_NOT_ACTIVE,
        "Cancellation failed: no active response found", null)));
    out.add(ErrorEvent.of(RealtimeError.serverError("boom")));
    out.add(SessionCreated.of(realtimeDefault()));
    out.add(SessionUpdated.of(realtimeRich()));
    out.add(SessionCreated.of(transcriptionDefault()));
    out.add(SessionUpdated.of(transcriptionRich()));
    out.add(InputAudioBufferSpeechStarted.of(1236, user));
    out.add(InputAudioBufferSpeechStopped.of(3808, user));
    out.add(InputAudioBufferCommitted.of(null, user));
    out.add(InputAudioBufferCommitted.of(assistant, user));
    out.add(InputAudioBufferCleared.of());
    out.add(InputAudioBufferTimeoutTriggered.of(13216, 19232, user));
    out.add(ConversationItemAdded.of(null, Item.Message.userAudio(user)));
    out.add(ConversationItemDone.of(null, Item.Message.userAudio(user)));
    out.add(ConversationItemAdded.of(user, new Item.Message(assistant, null, ItemStatus.IN_PROGRESS, Role.ASSISTANT,
        List.of())));
    out.add(ConversationItemDone.of(user, new Item.Message(assistant, null, ItemStatus.COMPLETED, Role.ASSISTANT,
        List.of(new ContentPart.OutputAudio(null, "Oh, I can hear you loud and clear!")))));
    out.add(ConversationItemAdded.of(user, new Item.Message(Ids.itemId(), Item.OBJECT, ItemStatus.COMPLETED,
        Role.USER, List.of(new ContentPart.InputText("What's in this picture?"),
            new ContentPart.InputImage("data:image/png;base64,iVBORw0KGgo=", ContentPart.ImageDetail.AUTO)))));
    out.add(ConversationItemAdded.of(null, new Item.Message(Ids.itemId(), null, ItemStatus.COMPLETED, Role.SYSTEM,
        List.of(new ContentPart.InputText("The user switched to billing questions.")))));
    out.add(ConversationItemDone.of(user, new Item.Message(Ids.itemId(), null, ItemStatus.COMPLETED, Role.ASSISTANT,
        List.of(new ContentPart.OutputText("Sure.")))));
    out.add(ConversationItemDone.of(assistant, new Item.FunctionCall(Ids.itemId(), null, ItemStatus.COMPLETED,
        Ids.callId(), "get_weather", "{\"city\":\"Paris\"}")));
    out.add(ConversationItemAdded.of(assistant, new Item.FunctionCallOutput(Ids.itemId(), null,
        ItemStatus.COMPLETED, "call_sHlR7iaFwQ2YQOqm", "{\"temp_c\":21}")));
    out.add(ConversationItemRetrieved.of(new Item.Message(user, null, ItemStatus.COMPLETED, Role.USER,
        List.of(new ContentPart.InputAudio(new byte[] {1, 2, 3, 4, 5, 6}, "Hey, can you hear me?")))));
    out.add(ConversationItemRetrieved.of(new Item.Message(assistant, null, ItemStatus.COMPLETED, Role.ASSISTANT,
        List.of(new ContentPart.OutputAudio(new byte[] {9, 8, 7}, "Loud and clear.")))));
    out.add(ConversationItemRetrieved.of(new Item.Message(user, null, ItemStatus.COMPLETED, Role.USER,
        List.of(new ContentPart.InputAudio(null, null)))));
    out.add(ConversationItemTruncated.of(assistant, 0, 1500));
    out.add(ConversationItemDeleted.of(user));
    out.add(ConversationItemInputAudioTranscriptionDelta.of(user, 0, "Hey"));
    out.add(new ConversationItemInputAudioTranscriptionDelta(Ids.eventId(), user, 0, " there", List.of(
        new LogProb(" there", -0.12, List.of(32, 116, 104, 101, 114, 101))), "aLxx0jTEciOGe"));
    out.add(ConversationItemInputAudioTranscriptionCompleted.of(user, 0, "Hey, can you hear me?",
        TranscriptionUsage.Tokens.ofAudio(13, 9)));
    out.add(ConversationItemInputAudioTranscriptionCompleted.of(user, 0, "Hello.",
        new TranscriptionUsage.Duration(1.4)));
    out.add(new ConversationItemInputAudioTranscriptionCompleted(Ids.eventId(), user, 0, "Hola.",
        new TranscriptionUsage.Duration(0.9), List.of(new LogProb("Hola", -0.01, List.of(72, 111, 108, 97))),
        List.of(new TranscriptLanguage("es"))));
    out.add(ConversationItemInputAudioTranscriptionFailed.of(user, 0,
        TranscriptionError.of("audio_unintelligible", "The audio could not be transcribed.")));
    out.add(new ConversationItemInputAudioTranscriptionSegment(Ids.eventId(), user, 0, "hello", "seg_0001",
        "spk_1", 0.0, 0.4));
    out.addAll(responseEvents());
    return out;
  }
}
