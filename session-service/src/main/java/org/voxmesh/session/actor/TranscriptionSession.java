package org.voxmesh.session.actor;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxmesh.audio.AudioFormat;
import org.voxmesh.bus.BusFailure;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;
import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.session.link.IngestLink;

/**
 * The audio side of one Realtime session: the input buffer's bookkeeping, manual commit and clear,
 * and the events coming back from the ingest and transcript services. Runs on the connection's
 * context only (single writer), so it needs no locks.
 *
 * <p>Order guarantee: a turn's transcription events reach the client only after its
 * {@code committed} event, even if the transcript service answers first; early ones wait here.
 */
public final class TranscriptionSession {

  /** OpenAI refuses to commit less than this. */
  static final long MIN_COMMIT_MS = 100;
  /** Items whose transcription events may wait for their commit; beyond this the oldest are dropped. */
  static final int MAX_PENDING_ITEMS = 64;

  private final SessionEvents events;
  private final IngestLink ingest;
  private final IdSource ids;
  private AudioFormat inputFormat;
  private long uncommittedBytes;
  private final Set<String> committedItems = new HashSet<>();
  private final Map<String, List<SessionInput>> pending = new LinkedHashMap<>();
  private String lastItemId;
  /** Buffer controls answer in the order the client sent them, though each waits on the pipeline. */
  private Future<?> controls = Future.succeededFuture();

  /** Makes item ids for manual commits. */
  public interface IdSource {
    String itemId();
  }

  public TranscriptionSession(SessionEvents events, IngestLink ingest, IdSource ids, AudioFormat inputFormat) {
    this.events = events;
    this.ingest = ingest;
    this.ids = ids;
    this.inputFormat = inputFormat;
  }

  /** Settings changed (session.updated already sent); audio after this uses them. */
  public Future<IngestReply> reconfigure(IngestRequest.IngestSettings settings) {
    if (!settings.inputFormat().equals(inputFormat)) {
      uncommittedBytes = 0; // the old bytes cannot be measured in the new format
      inputFormat = settings.inputFormat();
    }
    return ingest.request(new IngestRequest.Configure(settings));
  }

  /** Audio already validated and decoded from base64. The future completes when the pipeline took it. */
  public Future<IngestReply> append(byte[] audio) {
    uncommittedBytes += audio.length;
    return ingest.sendAudio(audio);
  }

  public void commit(String clientEventId) {
    long bufferedMs = inputFormat.durationMs(uncommittedBytes);
    if (bufferedMs < MIN_COMMIT_MS) {
      String message = "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, "
          + "but buffer only has " + String.format(java.util.Locale.ROOT, "%.2f", (double) bufferedMs) + "ms of audio.";
      afterEarlierControls(() -> {
        events.clientError("input_audio_buffer_commit_empty", message, null, clientEventId);
        return Future.succeededFuture();
      });
      return;
    }
    uncommittedBytes = 0;
    afterEarlierControls(() -> ingest.request(new IngestRequest.Commit(ids.itemId())).andThen(ar -> {
      if (ar.succeeded() && ar.result() instanceof IngestReply.Committed c) {
        onCommitted(c.itemId(), c.previousItemId());
      } else {
        events.serverError("The audio pipeline could not commit the buffer: " + failureText(ar.cause()), clientEventId);
      }
    }));
  }

  public void clear(String clientEventId) {
    uncommittedBytes = 0;
    afterEarlierControls(() -> ingest.request(new IngestRequest.Clear()).andThen(ar -> {
      if (ar.succeeded()) {
        events.cleared();
      } else {
        events.serverError("The audio pipeline could not clear the buffer: " + failureText(ar.cause()), clientEventId);
      }
    }));
  }

  private void afterEarlierControls(java.util.function.Supplier<Future<?>> control) {
    controls = controls.transform(ignored -> control.get()).otherwiseEmpty();
  }

  /**
   * Releases transcription events for an item that did not come from the input buffer (an audio
   * item the client created), so they are not held back waiting for a commit.
   */
  public void expectTranscriptFor(String itemId) {
    committedItems.add(itemId);
    List<SessionInput> early = pending.remove(itemId);
    if (early != null) {
      early.forEach(this::deliver);
    }
  }

  /** An event from the ingest or transcript service for this session. */
  public void onInput(SessionInput input) {
    if (input instanceof SessionInput.SpeechStarted started) {
      events.speechStarted(started.itemId(), started.audioStartMs());
    } else if (input instanceof SessionInput.IdleTimeout idle) {
      uncommittedBytes = 0;
      events.idleTimeout(idle.itemId(), idle.audioStartMs(), idle.audioEndMs());
      onCommitted(idle.itemId(), idle.previousItemId());
    } else if (input instanceof SessionInput.SpeechStopped stopped) {
      uncommittedBytes = 0;
      events.speechStopped(stopped.itemId(), stopped.audioEndMs());
      onCommitted(stopped.itemId(), stopped.previousItemId());
    } else if (committedItems.contains(input.itemId())) {
      deliver(input);
    } else {
      hold(input);
    }
  }

  private void onCommitted(String itemId, String previousItemId) {
    // The pipeline knows the previous item of its own turns; fall back to ours across pipelines.
    String previous = previousItemId != null ? previousItemId : lastItemId;
    events.committed(itemId, previous);
    lastItemId = itemId;
    committedItems.add(itemId);
    List<SessionInput> early = pending.remove(itemId);
    if (early != null) {
      early.forEach(this::deliver);
    }
  }

  private void deliver(SessionInput input) {
    if (input instanceof SessionInput.TranscriptDelta d) {
      events.transcriptionDelta(d.itemId(), d.delta());
    } else if (input instanceof SessionInput.TranscriptCompleted c) {
      committedItems.remove(c.itemId());
      events.transcriptionCompleted(c.itemId(), c.transcript(), c.audioSeconds());
    } else if (input instanceof SessionInput.TranscriptFailed f) {
      committedItems.remove(f.itemId());
      events.transcriptionFailed(f.itemId(), f.code(), f.message());
    }
  }

  private void hold(SessionInput input) {
    if (!pending.containsKey(input.itemId()) && pending.size() >= MAX_PENDING_ITEMS) {
      pending.remove(pending.keySet().iterator().next());
    }
    pending.computeIfAbsent(input.itemId(), k -> new ArrayList<>()).add(input);
  }

  private static String failureText(Throwable cause) {
    BusFailure kind = cause == null ? null : BusFailure.of(cause);
    return (kind == null ? "" : kind.name().toLowerCase() + ": ") + (cause == null ? "unknown" : cause.getMessage());
  }
}
