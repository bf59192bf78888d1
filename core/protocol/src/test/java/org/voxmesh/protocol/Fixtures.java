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
    return out;
  }
}
