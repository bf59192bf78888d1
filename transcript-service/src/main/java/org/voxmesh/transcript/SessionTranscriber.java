package org.voxmesh.transcript;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import io.vertx.core.shareddata.AsyncMap;
import org.voxmesh.runtime.log.SessionLog;
import org.voxmesh.bus.BusFailure;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.bus.message.IngestRequest.TranscriptionSettings;
import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.bus.message.TranscriptionReply;
import org.voxmesh.bus.message.TranscriptionRequest;
import org.voxmesh.speech.asr.RecognitionRequest;
import org.voxmesh.speech.asr.RecognitionResult;
import org.voxmesh.speech.asr.RecognitionStream;
import org.voxmesh.speech.asr.RecognizerOverloadedException;
import org.voxmesh.speech.asr.SpeechRecognizer;

/**
 * The turns of one session on this transcript instance. Engine calls run one at a time per session
 * on the ASR pool (a chain keeps stream order); deltas and the final transcript go to the session's
 * inbox, and the final transcript to the durable sink with a per-session sequence number.
 *
 * <p>An ingest that dies mid-turn never sends the turn's end, so a watchdog on the owning context
 * aborts a turn that heard nothing for {@code turnIdleTimeout} (its decoder goes back to the pool
 * and the session is told the turn failed), and calls {@code onIdle} once the session sent nothing
 * for {@code sessionIdleTimeout} with no turn open.
 */
final class SessionTranscriber {

  private final Vertx vertx;
  private final WorkerExecutor pool;
  private final SpeechRecognizer recognizer;
  private final TranscriptSink sink;
  private final TranscriptConfig config;
  private final String sessionId;
  private final SessionLog log;
  private final String inboxAddress;
  private final Map<String, Turn> turns = new HashMap<>(); // touched only on worker steps
  private final Runnable onIdle;
  // The watchdog's state, touched only on the owning context (where requests are handled).
  private final long turnIdleNanos;
  private final long sessionIdleNanos;
  /** Open turns and when each last heard from the ingest. */
  private final Map<String, Long> openTurns = new HashMap<>();
  /** Turns aborted for silence (bounded): a late end for one is not reported a second time. */
  private final Set<String> abandoned = Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 32;
    }
  });
  private long lastRequestNanos = System.nanoTime();
  private long watchdog = -1;
  private long watchdogDue;
  private boolean closed;
  private Future<?> chain = Future.succeededFuture();
  /** Cluster-wide last sequence per session; entries outlive the longest session. */
  static final long SEQUENCE_TTL_MS = 24L * 3600 * 1000;
  private final Future<AsyncMap<String, Long>> sequences;
  private Future<Void> publishing = Future.succeededFuture();
  private long sequence;

  SessionTranscriber(Vertx vertx, WorkerExecutor pool, SpeechRecognizer recognizer, TranscriptSink sink,
      TranscriptConfig config, String sessionId, String inboxAddress, Runnable onIdle) {
    this.vertx = vertx;
    this.pool = pool;
    this.recognizer = recognizer;
    this.sink = sink;
    this.config = config;
    this.sessionId = sessionId;
    this.log = SessionLog.of(SessionTranscriber.class, sessionId);
    this.inboxAddress = inboxAddress;
    this.onIdle = onIdle;
    this.turnIdleNanos = config.turnIdleTimeout().toNanos();
    this.sessionIdleNanos = config.sessionIdleTimeout().toNanos();
    this.sequences = vertx.sharedData().getAsyncMap("voxmesh.transcript-sequences");
  }

  private Future<Long> lastSequence() {
    return sequences.compose(map -> map.get(sessionId)).otherwise(err -> {
      log.warn("cannot read its last sequence from the cluster map: {}", err.toString());
      return 0L;
    });
  }

  /** Called on the owning context, in the order the ingest sent. */
  Future<TranscriptionReply> handle(TranscriptionRequest request) {
    if (closed) {
      // Only a request that was on its way while the session was closed for idleness: the ingest
      // reports the turn failed and opens a new link for its next one.
      return Future.failedFuture(BusFailure.SESSION_UNKNOWN.exception("session " + sessionId + " was closed here"));
    }
    heard(request);
    Future<?> done;
    if (request instanceof TranscriptionRequest.TurnEnd end && abandoned.contains(end.itemId())) {
      done = Future.succeededFuture(); // already reported failed when it was abandoned
    } else if (request instanceof TranscriptionRequest.TurnStart start) {
      done = onWorker(() -> {
        startTurn(start);
        return null;
      });
    } else if (request instanceof TranscriptionRequest.TurnAudio audio) {
      done = onWorker(() -> feed(audio));
    } else if (request instanceof TranscriptionRequest.TurnEnd end) {
      // The turn is done for the session once its transcript went out; Kafka publishing (durable
      // outbox first) completes on its own and never holds up the session's next turn.
      done = onWorker(() -> finish(end)).onSuccess(this::publish);
    } else if (request instanceof TranscriptionRequest.TurnAbort abort) {
      done = onWorker(() -> {
        closeTurn(abort.itemId());
        return null;
      });
    } else if (request instanceof TranscriptionRequest.Close) {
      done = close();
    } else {
      return Future.failedFuture("unexpected request " + request.getClass().getSimpleName());
    }
    return done.map(v -> new TranscriptionReply.Accepted());
  }

  /** Ends the session here: every turn still open is dropped and the watchdog stops. */
  private Future<Void> close() {
    closed = true;
    openTurns.clear();
    if (watchdog >= 0) {
      vertx.cancelTimer(watchdog);
      watchdog = -1;
    }
    return onWorker(() -> {
      turns.keySet().stream().toList().forEach(this::closeTurn);
      return null;
    });
  }

  /** Notes that the ingest is alive (and the turn it names, if open), then keeps the watchdog armed. */
  private void heard(TranscriptionRequest request) {
    long now = System.nanoTime();
    lastRequestNanos = now;
    if (request instanceof TranscriptionRequest.TurnStart start) {
      openTurns.put(start.itemId(), now);
    } else if (request instanceof TranscriptionRequest.TurnAudio audio) {
      openTurns.computeIfPresent(audio.itemId(), (id, at) -> now);
    } else if (request instanceof TranscriptionRequest.TurnEnd end) {
      openTurns.remove(end.itemId());
    } else if (request instanceof TranscriptionRequest.TurnAbort abort) {
      openTurns.remove(abort.itemId());
    }
    arm();
  }

  /**
   * One timer per session, due at the earliest deadline. Audio only moves a turn's deadline later,
   * so most requests leave the timer alone; when it fires it re-checks and re-arms.
   */
  private void arm() {
    if (closed) {
      return;
    }
    long due = lastRequestNanos + sessionIdleNanos;
    for (long at : openTurns.values()) {
      due = Math.min(due, at + turnIdleNanos);
    }
    if (watchdog >= 0) {
      if (due >= watchdogDue) {
        return;
      }
      vertx.cancelTimer(watchdog);
    }
    watchdogDue = due;
    long delayMs = Math.max(1, (due - System.nanoTime() + 999_999) / 1_000_000);
    watchdog = vertx.setTimer(delayMs, id -> {
      watchdog = -1;
      expire();
      arm();
    });
  }

  private void expire() {
    long now = System.nanoTime();
    openTurns.entrySet().removeIf(open -> {
      if (now - open.getValue() < turnIdleNanos) {
        return false;
      }
      abandon(open.getKey());
      return true;
    });
    if (openTurns.isEmpty() && now - lastRequestNanos >= sessionIdleNanos) {
      log.info("no requests for {} s, closing its transcriber", seconds(sessionIdleNanos));
      close();
      onIdle.run();
    }
  }

  /** The turn's ingest went quiet mid-turn (most likely it died): free the decoder and tell the session. */
  private void abandon(String itemId) {
    abandoned.add(itemId);
    String seconds = seconds(turnIdleNanos);
    log.warn("turn {} got no audio for {} s, aborting it", itemId, seconds);
    onWorker(() -> {
      if (closeTurn(itemId)) {
        send(new SessionInput.TranscriptFailed(itemId, "transcription_timeout",
            "The audio for this turn stopped arriving for " + seconds + " s (the audio pipeline serving the session was "
                + "probably lost), so the turn was dropped. Later turns are transcribed as usual."));
      }
      return null;
    });
  }

  private static String seconds(long nanos) {
    return java.math.BigDecimal.valueOf(nanos / 1_000_000, 3).stripTrailingZeros().toPlainString();
  }

  private void startTurn(TranscriptionRequest.TurnStart start) {
    closeTurn(start.itemId());
    TranscriptionSettings s = start.settings();
    Turn turn = new Turn(s == null || s.model() == null ? config.defaultModel() : s.model(), s == null ? null : s.language());
    try {
      turn.stream = recognizer.open(s == null
          ? new RecognitionRequest(null, null, null, start.sourceSampleRate())
          : new RecognitionRequest(config.engineModelFixed() ? null : s.model(), s.language(), s.prompt(),
              start.sourceSampleRate()));
    } catch (RecognizerOverloadedException e) {
      turn.failure = new SessionInput.TranscriptFailed(start.itemId(), "server_overloaded",
          "Transcription capacity is exhausted; try again later. (" + e.getMessage() + ")");
    } catch (RuntimeException e) {
      log.error("cannot open the ASR engine", e);
      turn.failure = new SessionInput.TranscriptFailed(start.itemId(), "transcription_error",
          "The transcription engine failed: " + e.getMessage());
    }
    turns.put(start.itemId(), turn);
  }

  private Void feed(TranscriptionRequest.TurnAudio audio) {
    Turn turn = turns.get(audio.itemId());
    if (turn == null || turn.stream == null) {
      return null; // aborted, failed or unknown: the audio has nowhere to go
    }
    short[] pcm = new short[audio.pcm16k().length / 2];
    ByteBuffer.wrap(audio.pcm16k()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
    // The engine decodes while the user speaks, so finishing the turn is quick. Its partial
    // hypotheses are not sent: the final pass often rewrites words, and deltas cannot be retracted.
    turn.stream.accept(pcm);
    return null;
  }

  private LongFunction<TranscriptRecord> finish(TranscriptionRequest.TurnEnd end) {
    Turn turn = turns.remove(end.itemId());
    if (turn == null) {
      send(new SessionInput.TranscriptFailed(end.itemId(), "transcription_error", "No audio reached the transcriber for this item."));
      return null;
    }
    if (turn.failure != null) {
      send(turn.failure);
      return null;
    }
    RecognitionResult result;
    try {
      result = turn.stream.finish();
    } catch (RuntimeException e) {
      log.error("ASR failed on {}", end.itemId(), e);
      send(new SessionInput.TranscriptFailed(end.itemId(), "transcription_error", "The transcription engine failed: " + e.getMessage()));
      return null;
    } finally {
      turn.stream.close();
    }
    String text = result.text() == null ? "" : result.text().trim();
    for (String delta : TranscriptDeltas.split(text)) {
      send(new SessionInput.TranscriptDelta(end.itemId(), delta));
    }
    String language = result.language() != null ? result.language() : turn.language;
    send(new SessionInput.TranscriptCompleted(end.itemId(), text, language, recognizer.name(), result.audioSeconds()));
    Instant at = Instant.now();
    return sequence -> TranscriptRecord.completed(sessionId, end.itemId(), end.previousItemId(), sequence, text, language,
        turn.model, recognizer.name(), end.audioStartMs(), end.audioEndMs(), at);
  }

  /**
   * Numbers the transcript and hands it to the durable sink, in turn order. The per-session counter
   * lives in the cluster-wide map, written before the record is published, so a session that moves
   * to another transcript instance (its own died, or its new ingest instance opened elsewhere)
   * continues its sequence instead of starting again at 1.
   */
  private void publish(LongFunction<TranscriptRecord> numbered) {
    if (numbered == null) {
      return;
    }
    // Read every time: the session may have been served elsewhere since this instance last numbered it.
    publishing = publishing.transform(ignored -> lastSequence()).compose(last -> {
      sequence = Math.max(sequence, last == null ? 0 : last) + 1;
      TranscriptRecord record = numbered.apply(sequence);
      return sequences.compose(map -> map.put(sessionId, sequence, SEQUENCE_TTL_MS))
          .recover(err -> {
            log.warn("sequence {} not stored in the cluster map: {}", record.sequence(), err.toString());
            return Future.succeededFuture();
          })
          .compose(v -> sink.publish(record))
          .onFailure(err -> log.error("transcript {} (sequence {}) not published: {}", record.itemId(), record.sequence(), err.getMessage()));
    }).<Void>mapEmpty().otherwiseEmpty();
  }

  /** Drops the turn and gives its decoder back; false when no such turn was open. */
  private boolean closeTurn(String itemId) {
    Turn turn = turns.remove(itemId);
    if (turn != null && turn.stream != null) {
      turn.stream.close();
    }
    return turn != null;
  }

  private void send(SessionInput event) {
    vertx.eventBus().send(inboxAddress, event);
  }

  private <T> Future<T> onWorker(Callable<T> task) {
    Future<T> result = chain.transform(ignored -> pool.executeBlocking(task, false));
    chain = result.otherwiseEmpty();
    return result;
  }

  /** One utterance being recognised. */
  private static final class Turn {
    final String model;
    final String language;
    RecognitionStream stream;
    SessionInput.TranscriptFailed failure;

    Turn(String model, String language) {
      this.model = model;
      this.language = language;
    }
  }
}
