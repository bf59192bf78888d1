package org.voxmesh.session.ws;

import java.util.function.Consumer;
import org.voxmesh.protocol.error.ErrorCodes;
import org.voxmesh.protocol.error.RealtimeError;
import org.voxmesh.protocol.item.Item;
import org.voxmesh.protocol.server.ConversationItemAdded;
import org.voxmesh.protocol.server.ConversationItemDone;
import org.voxmesh.protocol.server.ConversationItemInputAudioTranscriptionCompleted;
import org.voxmesh.protocol.server.ConversationItemInputAudioTranscriptionDelta;
import org.voxmesh.protocol.server.ConversationItemInputAudioTranscriptionFailed;
import org.voxmesh.protocol.server.ErrorEvent;
import org.voxmesh.protocol.server.InputAudioBufferCleared;
import org.voxmesh.protocol.server.InputAudioBufferCommitted;
import org.voxmesh.protocol.server.InputAudioBufferSpeechStarted;
import org.voxmesh.protocol.server.InputAudioBufferSpeechStopped;
import org.voxmesh.protocol.server.InputAudioBufferTimeoutTriggered;
import org.voxmesh.protocol.server.ServerEvent;
import org.voxmesh.protocol.server.TranscriptionError;
import org.voxmesh.protocol.server.TranscriptionUsage;
import org.voxmesh.session.actor.SessionEvents;

/** The one place where session happenings become Realtime server events. */
public final class ProtocolEvents implements SessionEvents {

  private final Consumer<ServerEvent> out;
  private final boolean emitItemEvents;

  /**
   * @param emitItemEvents whether a committed turn also gets conversation.item.added/done (always in
   *     conversation sessions; optional in transcription sessions, where OpenAI's guide promises only
   *     committed + transcription events)
   */
  public ProtocolEvents(Consumer<ServerEvent> out, boolean emitItemEvents) {
    this.out = out;
    this.emitItemEvents = emitItemEvents;
  }

  @Override
  public void speechStarted(String itemId, long audioStartMs) {
    out.accept(InputAudioBufferSpeechStarted.of(audioStartMs, itemId));
  }

  @Override
  public void speechStopped(String itemId, long audioEndMs) {
    out.accept(InputAudioBufferSpeechStopped.of(audioEndMs, itemId));
  }

  @Override
  public void committed(String itemId, String previousItemId) {
    out.accept(InputAudioBufferCommitted.of(previousItemId, itemId));
    if (emitItemEvents) {
      Item item = Item.Message.userAudio(itemId);
      out.accept(ConversationItemAdded.of(previousItemId, item));
      out.accept(ConversationItemDone.of(previousItemId, item));
    }
  }

  @Override
  public void idleTimeout(String itemId, long audioStartMs, long audioEndMs) {
    out.accept(InputAudioBufferTimeoutTriggered.of(audioStartMs, audioEndMs, itemId));
  }

  @Override
  public void cleared() {
    out.accept(InputAudioBufferCleared.of());
  }

  @Override
  public void transcriptionDelta(String itemId, String delta) {
    out.accept(ConversationItemInputAudioTranscriptionDelta.of(itemId, 0, delta));
  }

  @Override
  public void transcriptionCompleted(String itemId, String transcript, double audioSeconds) {
    out.accept(ConversationItemInputAudioTranscriptionCompleted.of(itemId, 0, transcript,
        new TranscriptionUsage.Duration(Math.round(audioSeconds * 1000) / 1000.0)));
  }

  @Override
  public void transcriptionFailed(String itemId, String code, String message) {
    out.accept(ConversationItemInputAudioTranscriptionFailed.of(itemId, 0, TranscriptionError.of(code, message)));
  }

  @Override
  public void clientError(String code, String message, String param, String clientEventId) {
    out.accept(ErrorEvent.of(new RealtimeError(ErrorCodes.INVALID_REQUEST_ERROR, code, message, param, clientEventId)));
  }

  @Override
  public void serverError(String message, String clientEventId) {
    out.accept(ErrorEvent.of(RealtimeError.serverError(message).withEventId(clientEventId)));
  }
}
