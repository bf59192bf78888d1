package org.voxmesh.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.BusFailure;
import org.voxmesh.bus.Endpoint;
import org.voxmesh.bus.message.BusMessage;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;
import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.protocol.id.Ids;

/**
 * A transcription session without a socket: what the WebSocket session does for transcription, on the
 * core/bus contracts only. It opens a pipeline with {@code voxmesh.ingest.open}, sends audio to the
 * owning ingest instance under a credit window ({@code window} chunks unacknowledged; more wait in a
 * bounded queue), and listens on the session inbox for {@link SessionInput} events, which it logs and
 * hands to {@code listener}. The transcript service publishes the turns' transcripts to Kafka itself.
 *
 * <p>Confined to the context that created it (single writer, no locks).
 */
final class HeadlessSession {

  private static final Logger log = LoggerFactory.getLogger(HeadlessSession.class);
  /** How long the inbox stays open after Close for events already on their way. */
  private static final long INBOX_GRACE_MS = 1_000;

  private final Vertx vertx;
  private final String streamId;
  private final String sessionId;
  private final IngestRequest.IngestSettings settings;
  private final int window;
  private final int maxQueued;
  private final long timeoutMs;
  private final Consumer<SessionInput> listener;
  private final Deque<Queued> queue = new ArrayDeque<>();
  private MessageConsumer<BusMessage> inbox;
  private Future<Endpoint<IngestRequest, IngestReply>> endpoint;
  private int inFlight;
  private long seq;
  private String openTurn;
  private int turns;
  private Throwable failure;
  private boolean ending;
  private Promise<Void> drained;
  private Future<Integer> ended;

  private record Queued(byte[] audio, Promise<Void> taken) {}

  HeadlessSession(Vertx vertx, String streamId, String sessionId, IngestRequest.IngestSettings settings, int window,
      int maxQueued, long timeoutMs, Consumer<SessionInput> listener) {
    this.vertx = vertx;
    this.streamId = streamId;
    this.sessionId = sessionId;
    this.settings = settings;
    this.window = window;
    this.maxQueued = maxQueued;
    this.timeoutMs = timeoutMs;
    this.listener = listener;
  }

  String sessionId() {
    return sessionId;
  }

  String streamId() {
    return streamId;
  }

  /** Registers the inbox and opens the pipeline; audio sent before it is open waits for it, in order. */
  Future<Void> open() {
    String inboxAddress = Addresses.sessionInbox(sessionId);
    inbox = vertx.eventBus().consumer(inboxAddress, message -> {
      if (message.body() instanceof SessionInput input) {
        onInput(input);
      }
    });
    endpoint = inbox.completion()
        .compose(v -> Addresses.INGEST_OPEN.request(vertx, new IngestRequest.Open(sessionId, inboxAddress, settings),
            timeoutMs))
        .map(reply -> Addresses.ingestSession(((IngestReply.Opened) reply).instanceId(), sessionId));
    return endpoint.<Void>mapEmpty().onFailure(err -> {
      fail(err);
      inbox.unregister();
    });
  }

  /**
   * Sends one chunk; the future completes when the pipeline took it. Fails at once with
   * {@code OVERLOADED} when the window and the queue behind it are full, and after a pipeline failure.
   */
  Future<Void> audio(byte[] audio) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (ending) {
      return Future.failedFuture(BusFailure.SESSION_UNKNOWN.exception("stream " + streamId + " is ending"));
    }
    if (inFlight >= window && queue.size() >= maxQueued) {
      return Future.failedFuture(BusFailure.OVERLOADED.exception("stream " + streamId + ": " + inFlight
          + " chunks in flight and " + queue.size() + " queued (window " + window + "); wait for the replies"));
    }
    Promise<Void> taken = Promise.promise();
    queue.add(new Queued(audio, taken));
    pump();
    return taken.future();
  }

  /** Chunks accepted but not yet taken by the pipeline. */
  int pending() {
    return inFlight + queue.size();
  }

  private void pump() {
    while (inFlight < window && !queue.isEmpty() && failure == null) {
      Queued q = queue.poll();
      inFlight++;
      long s = ++seq;
      endpoint.compose(ep -> ep.request(vertx, new IngestRequest.Audio(s, q.audio()), timeoutMs))
          .onComplete(ar -> {
            inFlight--;
            if (ar.failed()) {
              fail(ar.cause());
              q.taken().fail(ar.cause());
            } else {
              q.taken().complete();
            }
            pump();
            checkDrained();
          });
    }
  }

  private void fail(Throwable err) {
    if (failure == null) {
      failure = err;
      if (!ending) {
        log.error("stream {} (session {}): audio pipeline failed, the stream's pending audio is lost: {}",
            streamId, sessionId, describe(err));
      }
    }
    while (!queue.isEmpty()) {
      queue.poll().taken().fail(err);
    }
    checkDrained();
  }

  private void checkDrained() {
    if (drained != null && inFlight == 0 && queue.isEmpty()) {
      drained.tryComplete();
    }
  }

  /**
   * No more audio: once every chunk was taken, a turn still in progress is committed, then the pipeline
   * closes. Completes with the number of committed turns. Idempotent.
   */
  Future<Integer> end() {
    if (ended != null) {
      return ended;
    }
    ending = true;
    drained = Promise.promise();
    checkDrained();
    ended = drained.future()
        .compose(v -> {
          if (failure != null || endpoint.failed()) {
            return Future.succeededFuture();
          }
          Future<?> commit = Future.succeededFuture();
          if (openTurn != null) {
            commit = request(new IngestRequest.Commit(Ids.itemId())).onSuccess(reply -> {
              if (reply instanceof IngestReply.Committed c) {
                turns++;
                log.info("stream {} (session {}): turn {} committed at the end of the stream ({}-{} ms)",
                    streamId, sessionId, c.itemId(), c.audioStartMs(), c.audioEndMs());
              }
            });
          }
          openTurn = null;
          return commit.transform(ignored -> request(new IngestRequest.Close()));
        })
        .transform(ar -> {
          if (ar.failed()) {
            log.warn("stream {} (session {}): closing the pipeline failed: {}", streamId, sessionId,
                describe(ar.cause()));
          }
          closeInboxLater();
          return Future.succeededFuture(turns);
        });
    return ended;
  }

  /** Closes without committing a turn in progress (shutdown, partition revoked). */
  Future<Void> abort() {
    if (ended != null) {
      return ended.mapEmpty();
    }
    ending = true;
    fail(BusFailure.SESSION_UNKNOWN.exception("stream " + streamId + " aborted"));
    openTurn = null;
    Future<Void> closed = endpoint == null || endpoint.failed()
        ? Future.succeededFuture()
        : request(new IngestRequest.Close()).<Void>mapEmpty().otherwiseEmpty();
    ended = closed.map(v -> turns);
    return closed.onComplete(ar -> closeInboxLater());
  }

  private Future<IngestReply> request(IngestRequest request) {
    return endpoint.compose(ep -> ep.request(vertx, request, timeoutMs));
  }

  private void closeInboxLater() {
    if (inbox != null) {
      vertx.setTimer(INBOX_GRACE_MS, t -> inbox.unregister());
    }
  }

  private void onInput(SessionInput input) {
    if (input instanceof SessionInput.SpeechStarted started) {
      openTurn = started.itemId();
      log.debug("stream {} (session {}): speech started at {} ms ({})", streamId, sessionId, started.audioStartMs(),
          started.itemId());
    } else if (input instanceof SessionInput.SpeechStopped stopped) {
      openTurn = null;
      turns++;
      log.debug("stream {} (session {}): speech stopped, turn {} ({}-{} ms)", streamId, sessionId, stopped.itemId(),
          stopped.audioStartMs(), stopped.audioEndMs());
    } else if (input instanceof SessionInput.IdleTimeout idle) {
      turns++;
    } else if (input instanceof SessionInput.TranscriptCompleted done) {
      log.info("stream {} (session {}): transcript of {}: \"{}\"", streamId, sessionId, done.itemId(),
          done.transcript());
    } else if (input instanceof SessionInput.TranscriptFailed failed) {
      log.warn("stream {} (session {}): transcription of {} failed: {} {}", streamId, sessionId, failed.itemId(),
          failed.code(), failed.message());
    }
    try {
      listener.accept(input);
    } catch (RuntimeException e) {
      log.warn("stream {}: event listener failed: {}", streamId, e.toString());
    }
  }

  static String describe(Throwable err) {
    BusFailure kind = err == null ? null : BusFailure.of(err);
    return (kind == null ? "" : kind.name().toLowerCase() + ": ") + (err == null ? "unknown" : err.getMessage());
  }
}
