package org.voxmesh.protocol.json;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.voxmesh.protocol.server.ServerEvent;
import org.voxmesh.protocol.server.SessionCreated;
import org.voxmesh.protocol.server.SessionUpdated;

/**
 * The per-dialect table of wire event names: record class → {@code type}. The same records serialise to the GA or
 * beta name depending on the connection's table. A class missing from a table does not exist in that dialect.
 */
public final class EventNames {

  private static final EventNames GA = ga();

  private final Dialect dialect;
  private final Map<Class<? extends ClientEvent>, String> client;
  private final Map<Class<? extends ServerEvent>, String> server;

  private EventNames(Dialect dialect, Map<Class<? extends ClientEvent>, String> client,
                     Map<Class<? extends ServerEvent>, String> server) {
    this.dialect = dialect;
    this.client = Collections.unmodifiableMap(client);
    this.server = Collections.unmodifiableMap(server);
  }

  /** The table of a dialect; BETA throws {@link UnsupportedOperationException} for now. */
  public static EventNames of(Dialect dialect) {
    requireNonNull(dialect, "dialect");
    return switch (dialect) {
      case GA -> GA;
      case BETA -> throw new UnsupportedOperationException("dialect: BETA (expected: GA; beta is not yet supported)");
    };
  }

  private static EventNames ga() {
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

    Map<Class<? extends ServerEvent>, String> s = new LinkedHashMap<>();
    s.put(ErrorEvent.class, "error");
    s.put(SessionCreated.class, "session.created");
    s.put(SessionUpdated.class, "session.updated");
    s.put(InputAudioBufferSpeechStarted.class, "input_audio_buffer.speech_started");
    s.put(InputAudioBufferSpeechStopped.class, "input_audio_buffer.speech_stopped");
    s.put(InputAudioBufferCommitted.class, "input_audio_buffer.committed");
    s.put(InputAudioBufferCleared.class, "input_audio_buffer.cleared");
    s.put(InputAudioBufferTimeoutTriggered.class, "input_audio_buffer.timeout_triggered");
    s.put(ConversationItemAdded.class, "conversation.item.added");
    s.put(ConversationItemDone.class, "conversation.item.done");
    s.put(ConversationItemRetrieved.class, "conversation.item.retrieved");
    s.put(ConversationItemTruncated.class, "conversation.item.truncated");
    s.put(ConversationItemDeleted.class, "conversation.item.deleted");
    s.put(ConversationItemInputAudioTranscriptionDelta.class, "conversation.item.input_audio_transcription.delta");
    s.put(ConversationItemInputAudioTranscriptionCompleted.class,
        "conversation.item.input_audio_transcription.completed");
    s.put(ConversationItemInputAudioTranscriptionFailed.class, "conversation.item.input_audio_transcription.failed");
    s.put(ConversationItemInputAudioTranscriptionSegment.class,
        "conversation.item.input_audio_transcription.segment");
    return new EventNames(Dialect.GA, c, s);
  }

  public Dialect dialect() { return dialect; }

  /** Client event classes → names, in table order. */
  public Map<Class<? extends ClientEvent>, String> client() { return client; }

  /** Server event classes → names, in table order. */
  public Map<Class<? extends ServerEvent>, String> server() { return server; }

  /** The client event names in table order (for "Supported values are: ..."). */
  public List<String> clientNames() { return new ArrayList<>(client.values()); }

  /** The wire name of a server event record, or null when it does not exist in this dialect. */
  public String nameOf(ServerEvent event) { return server.get(event.getClass()); }
}
