package org.voxmesh.protocol.json;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.client.ConversationItemCreate;
import org.voxmesh.protocol.client.ConversationItemDelete;
import org.voxmesh.protocol.client.ConversationItemRetrieve;
import org.voxmesh.protocol.client.ConversationItemTruncate;
import org.voxmesh.protocol.client.InputAudioBufferAppend;
import org.voxmesh.protocol.client.InputAudioBufferClear;
import org.voxmesh.protocol.client.InputAudioBufferCommit;
import org.voxmesh.protocol.client.OutputAudioBufferClear;
import org.voxmesh.protocol.client.ResponseCancel;
import org.voxmesh.protocol.client.ResponseCreate;
import org.voxmesh.protocol.client.SessionUpdate;
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
import org.voxmesh.protocol.session.TranscriptionSessionConfig;

/**
 * The per-dialect table of wire event names (REALTIME_PROTOCOL.md §7, §8, §12): record class → {@code type}. The
 * same records serialise to the GA or beta name depending on the connection's table. A class missing from a table
 * does not exist in that dialect and is never written to it; such classes are declared in {@link #GA_ONLY_SERVER}
 * / {@link #BETA_ONLY_SERVER} (and the client counterparts), which the registry test keeps in step with the
 * tables.
 *
 * <p>Beta specifics: {@code conversation.item.added} is {@code conversation.item.created} and
 * {@code conversation.item.done} does not exist; text/audio/transcript deltas use the short names;
 * {@code session.created/updated} carrying a transcription session are {@code transcription_session.created/updated}
 * ({@link #nameOf} looks at the instance); the client name {@code transcription_session.update} is an alias that
 * parses to {@link SessionUpdate} ({@link #clientAliases}).
 */
public final class EventNames {

  /** Server events that exist only in GA (never written to a beta client). */
  public static final Set<Class<? extends ServerEvent>> GA_ONLY_SERVER = Set.of(ConversationItemDone.class,
      InputAudioBufferTimeoutTriggered.class, ConversationItemInputAudioTranscriptionSegment.class);

  /** Server events that exist only in beta (never written to a GA client). */
  public static final Set<Class<? extends ServerEvent>> BETA_ONLY_SERVER = Set.of(ConversationCreated.class);

  /** Client events that exist only in GA: none (beta's extra {@code transcription_session.update} is an alias). */
  public static final Set<Class<? extends ClientEvent>> GA_ONLY_CLIENT = Set.of();

  /** Client events that exist only in beta: none. */
  public static final Set<Class<? extends ClientEvent>> BETA_ONLY_CLIENT = Set.of();

  private static final EventNames GA = build(Dialect.GA);
  private static final EventNames BETA = build(Dialect.BETA);

  private final Dialect dialect;
  private final Map<Class<? extends ClientEvent>, String> client;
  private final Map<String, Class<? extends ClientEvent>> clientAliases;
  private final Map<Class<? extends ServerEvent>, String> server;
  private final Map<Class<? extends ServerEvent>, String> transcriptionVariants;

  private EventNames(Dialect dialect, Map<Class<? extends ClientEvent>, String> client,
                     Map<String, Class<? extends ClientEvent>> clientAliases,
                     Map<Class<? extends ServerEvent>, String> server,
                     Map<Class<? extends ServerEvent>, String> transcriptionVariants) {
    this.dialect = dialect;
    this.client = Collections.unmodifiableMap(client);
    this.clientAliases = Collections.unmodifiableMap(clientAliases);
    this.server = Collections.unmodifiableMap(server);
    this.transcriptionVariants = Collections.unmodifiableMap(transcriptionVariants);
  }

  /** The table of a dialect. */
  public static EventNames of(Dialect dialect) {
    requireNonNull(dialect, "dialect");
    return switch (dialect) {
      case GA -> GA;
      case BETA -> BETA;
    };
  }

  private static EventNames build(Dialect d) {
    boolean ga = d == Dialect.GA;
    Map<Class<? extends ClientEvent>, String> c = new LinkedHashMap<>();
    c.put(SessionUpdate.class, "session.update");
    c.put(InputAudioBufferAppend.class, "input_audio_buffer.append");
    c.put(InputAudioBufferCommit.class, "input_audio_buffer.commit");
    c.put(InputAudioBufferClear.class, "input_audio_buffer.clear");
    c.put(ConversationItemCreate.class, "conversation.item.create");
    c.put(ConversationItemRetrieve.class, "conversation.item.retrieve");
    c.put(ConversationItemTruncate.class, "conversation.item.truncate");
    c.put(ConversationItemDelete.class, "conversation.item.delete");
    c.put(ResponseCreate.class, "response.create");
    c.put(ResponseCancel.class, "response.cancel");
    c.put(OutputAudioBufferClear.class, "output_audio_buffer.clear");
    Map<String, Class<? extends ClientEvent>> aliases = new LinkedHashMap<>();
    if (!ga) {
      aliases.put("transcription_session.update", SessionUpdate.class);
    }

    Map<Class<? extends ServerEvent>, String> s = new LinkedHashMap<>();
    s.put(ErrorEvent.class, "error");
    s.put(SessionCreated.class, "session.created");
    s.put(SessionUpdated.class, "session.updated");
    if (!ga) {
      s.put(ConversationCreated.class, "conversation.created");
    }
    s.put(InputAudioBufferSpeechStarted.class, "input_audio_buffer.speech_started");
    s.put(InputAudioBufferSpeechStopped.class, "input_audio_buffer.speech_stopped");
    s.put(InputAudioBufferCommitted.class, "input_audio_buffer.committed");
    s.put(InputAudioBufferCleared.class, "input_audio_buffer.cleared");
    if (ga) {
      s.put(InputAudioBufferTimeoutTriggered.class, "input_audio_buffer.timeout_triggered");
    }
    s.put(ConversationItemAdded.class, ga ? "conversation.item.added" : "conversation.item.created");
    if (ga) {
      s.put(ConversationItemDone.class, "conversation.item.done");
    }
    s.put(ConversationItemRetrieved.class, "conversation.item.retrieved");
    s.put(ConversationItemTruncated.class, "conversation.item.truncated");
    s.put(ConversationItemDeleted.class, "conversation.item.deleted");
    s.put(ConversationItemInputAudioTranscriptionDelta.class, "conversation.item.input_audio_transcription.delta");
    s.put(ConversationItemInputAudioTranscriptionCompleted.class,
        "conversation.item.input_audio_transcription.completed");
    s.put(ConversationItemInputAudioTranscriptionFailed.class, "conversation.item.input_audio_transcription.failed");
    if (ga) {
      s.put(ConversationItemInputAudioTranscriptionSegment.class,
          "conversation.item.input_audio_transcription.segment");
    }
    s.put(ResponseCreated.class, "response.created");
    s.put(ResponseDone.class, "response.done");
    s.put(ResponseOutputItemAdded.class, "response.output_item.added");
    s.put(ResponseOutputItemDone.class, "response.output_item.done");
    s.put(ResponseContentPartAdded.class, "response.content_part.added");
    s.put(ResponseContentPartDone.class, "response.content_part.done");
    s.put(ResponseOutputTextDelta.class, ga ? "response.output_text.delta" : "response.text.delta");
    s.put(ResponseOutputTextDone.class, ga ? "response.output_text.done" : "response.text.done");
    s.put(ResponseOutputAudioDelta.class, ga ? "response.output_audio.delta" : "response.audio.delta");
    s.put(ResponseOutputAudioDone.class, ga ? "response.output_audio.done" : "response.audio.done");
    s.put(ResponseOutputAudioTranscriptDelta.class,
        ga ? "response.output_audio_transcript.delta" : "response.audio_transcript.delta");
    s.put(ResponseOutputAudioTranscriptDone.class,
        ga ? "response.output_audio_transcript.done" : "response.audio_transcript.done");
    s.put(ResponseFunctionCallArgumentsDelta.class, "response.function_call_arguments.delta");
    s.put(ResponseFunctionCallArgumentsDone.class, "response.function_call_arguments.done");
    s.put(RateLimitsUpdated.class, "rate_limits.updated");
    s.put(OutputAudioBufferStarted.class, "output_audio_buffer.started");
    s.put(OutputAudioBufferStopped.class, "output_audio_buffer.stopped");
    s.put(OutputAudioBufferCleared.class, "output_audio_buffer.cleared");

    Map<Class<? extends ServerEvent>, String> variants = new LinkedHashMap<>();
    if (!ga) {
      variants.put(SessionCreated.class, "transcription_session.created");
      variants.put(SessionUpdated.class, "transcription_session.updated");
    }
    return new EventNames(d, c, aliases, s, variants);
  }

  public Dialect dialect() { return dialect; }

  /** Client event classes → names, in table order (aliases excluded). */
  public Map<Class<? extends ClientEvent>, String> client() { return client; }

  /** Extra client names that parse to a record of another name (beta: {@code transcription_session.update}). */
  public Map<String, Class<? extends ClientEvent>> clientAliases() { return clientAliases; }

  /** Server event classes → names, in table order (for the session events, the realtime-session name). */
  public Map<Class<? extends ServerEvent>, String> server() { return server; }

  /**
   * The names {@code session.created/updated} take when they carry a transcription session (beta:
   * {@code transcription_session.created/updated}; empty in GA, where the name does not change).
   */
  public Map<Class<? extends ServerEvent>, String> transcriptionVariants() { return transcriptionVariants; }

  /** Every client name accepted, in table order, aliases last (for "Supported values are: ..."). */
  public List<String> clientNames() {
    List<String> out = new ArrayList<>(client.values());
    out.addAll(clientAliases.keySet());
    return out;
  }

  /** Every server name this dialect can emit. */
  public List<String> serverNames() {
    List<String> out = new ArrayList<>(server.values());
    out.addAll(transcriptionVariants.values());
    return out;
  }

  /** The record class of a client name (aliases included), or null when the dialect has no such event. */
  public Class<? extends ClientEvent> clientClassOf(String name) {
    for (Map.Entry<Class<? extends ClientEvent>, String> e : client.entrySet()) {
      if (e.getValue().equals(name)) {
        return e.getKey();
      }
    }
    return clientAliases.get(name);
  }

  /** The record class of a server name (variants included), or null when the dialect has no such event. */
  public Class<? extends ServerEvent> serverClassOf(String name) {
    for (Map.Entry<Class<? extends ServerEvent>, String> e : server.entrySet()) {
      if (e.getValue().equals(name)) {
        return e.getKey();
      }
    }
    for (Map.Entry<Class<? extends ServerEvent>, String> e : transcriptionVariants.entrySet()) {
      if (e.getValue().equals(name)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** True when records of this class can be written in this dialect. */
  public boolean exists(Class<? extends ServerEvent> type) { return server.containsKey(type); }

  /**
   * The wire name of a server event, or null when it does not exist in this dialect (GA-only events in beta,
   * beta-only events in GA).
   */
  public String nameOf(ServerEvent event) {
    String variant = transcriptionVariants.get(event.getClass());
    if (variant != null && transcriptionSession(event)) {
      return variant;
    }
    return server.get(event.getClass());
  }

  private static boolean transcriptionSession(ServerEvent event) {
    return event instanceof SessionCreated c && c.session() instanceof TranscriptionSessionConfig
        || event instanceof SessionUpdated u && u.session() instanceof TranscriptionSessionConfig;
  }
}
