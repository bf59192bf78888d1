package org.voxmesh.session.link;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.voxmesh.runtime.log.SessionLog;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.BusFailure;
import org.voxmesh.bus.Endpoint;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;

/**
 * The session's side of its audio pipeline: opens it on some ingest instance (which then owns the
 * session's audio), and sends audio under a credit window — at most {@code window} chunks
 * unacknowledged. {@link #writable()} turns false when the window is full; the connection pauses
 * the socket until {@code onWritable} fires. Nothing here grows without bound: the caller stops
 * reading instead.
 *
 * <p>Failover: when the owning instance is gone (a request finds no handler, or gets no answer in
 * the bus timeout) the pipeline is opened again on a live instance with the session's current
 * settings, requests still waiting on the lost one fail at once (their credit comes back), and the
 * {@link Listener} hears about it: the turn being spoken when the instance died is lost. While the
 * window stays full with no answer, an empty audio chunk probes the owner so a dead one is noticed
 * as soon as the cluster dropped it, not only after the bus timeout.
 *
 * <p>Requests are sent in call order. Everything runs on the session's context.
 */
public final class IngestLink {

  /** Hears when the pipeline moved to another instance, or could not be opened again. */
  public interface Listener {
    void moved(String why);

    void unavailable(Throwable cause);
  }

  private final Vertx vertx;
  private final int window;
  private final long timeoutMs;
  private final String sessionId;
  private final SessionLog log;
  private final String inboxAddress;
  private final Future<Endpoint<IngestRequest, IngestReply>> firstOpen;
  private final Deque<Runnable> writableWaiters = new ArrayDeque<>();
  private IngestRequest.IngestSettings settings;
  private Future<Endpoint<IngestRequest, IngestReply>> endpoint;
  /** Requests waiting on {@link #endpoint}; failed at once when it is given up, so their credit comes back. */
  private Set<Promise<IngestReply>> waiting = newWaitingSet();
  private Listener listener = new Listener() {
    @Override
    public void moved(String why) {}

    @Override
    public void unavailable(Throwable cause) {}
  };
  private boolean closed;
  private int inFlight;
  private long seq;
  private long answers;
  private long probeTimer = -1;

  private IngestLink(Vertx vertx, IngestRequest.Open open, int window, long timeoutMs) {
    this.vertx = vertx;
    this.window = window;
    this.timeoutMs = timeoutMs;
    this.sessionId = open.sessionId();
    this.log = SessionLog.of(IngestLink.class, sessionId);
    this.inboxAddress = open.inboxAddress();
    this.settings = open.settings();
    this.endpoint = openPipeline();
    this.firstOpen = endpoint;
  }

  /** Opens the pipeline; requests made before it is open wait for it, in order. */
  public static IngestLink open(Vertx vertx, IngestRequest.Open open, int window, long timeoutMs) {
    return new IngestLink(vertx, open, window, timeoutMs);
  }

  /** Completes when the pipeline is first open, or fails (e.g. no ingest instance, or all overloaded). */
  public Future<?> opened() {
    return firstOpen;
  }

  /** Who hears about failover (one listener; the connection). */
  public void listen(Listener listener) {
    this.listener = listener;
  }

  public boolean writable() {
    return inFlight < window;
  }

  /** Runs {@code action} once the window has room again (at once if it has). */
  public void onWritable(Runnable action) {
    if (writable()) {
      action.run();
    } else {
      writableWaiters.add(action);
    }
  }

  /** Sends audio; the returned future completes when the pipeline processed it. */
  public Future<IngestReply> sendAudio(byte[] audio) {
    inFlight++;
    if (!writable()) {
      probeWhileStalled(answers);
    }
    return request(new IngestRequest.Audio(++seq, audio)).onComplete(ar -> {
      inFlight--;
      while (writable() && !writableWaiters.isEmpty()) {
        writableWaiters.poll().run();
      }
    });
  }

  public Future<IngestReply> request(IngestRequest request) {
    if (request instanceof IngestRequest.Configure configure) {
      settings = configure.settings(); // a re-opened pipeline starts with what the session has now
    } else if (request instanceof IngestRequest.Close) {
      closed = true;
      vertx.cancelTimer(probeTimer);
    }
    Future<Endpoint<IngestRequest, IngestReply>> current = endpoint;
    Set<Promise<IngestReply>> group = waiting;
    Promise<IngestReply> result = Promise.promise();
    group.add(result);
    current.compose(ep -> ep.request(vertx, request, timeoutMs)).onComplete(ar -> {
      group.remove(result);
      if (ar.succeeded()) {
        answers++;
        result.tryComplete(ar.result());
      } else {
        ownerMaybeLost(current, ar.cause());
        result.tryFail(ar.cause());
      }
    });
    return result.future();
  }

  private Future<Endpoint<IngestRequest, IngestReply>> openPipeline() {
    IngestRequest.Open open = new IngestRequest.Open(sessionId, inboxAddress, settings);
    return Addresses.INGEST_OPEN.request(vertx, open, timeoutMs)
        .map(reply -> Addresses.ingestSession(((IngestReply.Opened) reply).instanceId(), sessionId))
        .onSuccess(ep -> log.info("audio pipeline at {}", ep.address()));
  }

  /** A request to the owner failed: if the owner is gone, open the pipeline again elsewhere. */
  private void ownerMaybeLost(Future<Endpoint<IngestRequest, IngestReply>> failedOn, Throwable err) {
    if (closed || failedOn != endpoint || !failedOn.succeeded() || !ownerGone(err)) {
      return; // already handled, never opened (opened() reports it), or a refusal by a live owner
    }
    String why = BusFailure.isNoHandler(err) ? "its audio-ingest instance is gone"
        : "its audio-ingest instance did not answer within " + timeoutMs + " ms";
    long lostAt = System.nanoTime();
    log.warn("audio pipeline at {} lost ({}); opening it again", failedOn.result().address(), why);
    // Best effort, in case the owner is alive but slow: it must stop sending events for this session.
    failedOn.result().request(vertx, new IngestRequest.Close(), timeoutMs).onFailure(e -> {});
    List<Promise<IngestReply>> abandoned = List.copyOf(waiting);
    waiting = newWaitingSet();
    endpoint = openPipeline().recover(e -> ownerGone(e) ? openPipeline() : Future.failedFuture(e));
    IllegalStateException cause = new IllegalStateException("the audio pipeline was lost (" + why + ")");
    abandoned.forEach(p -> p.tryFail(cause));
    Future<Endpoint<IngestRequest, IngestReply>> reopened = endpoint;
    reopened.onComplete(ar -> {
      if (closed || reopened != endpoint) {
        return;
      }
      if (ar.succeeded()) {
        log.info("audio pipeline re-opened at {} in {} ms", ar.result().address(),
            (System.nanoTime() - lostAt) / 1_000_000);
        listener.moved(why);
      } else {
        log.warn("audio pipeline could not be opened again: {}", ar.cause().toString());
        listener.unavailable(ar.cause());
      }
    });
  }

  /**
   * The window is full and nothing answered: send an empty chunk now and then. A dead owner that
   * the cluster already dropped answers it with "no handler" at once, which starts the failover.
   */
  private void probeWhileStalled(long answersBefore) {
    if (probeTimer >= 0 || closed) {
      return;
    }
    long probeMs = Math.max(100, Math.min(1000, timeoutMs / 4));
    probeTimer = vertx.setTimer(probeMs, id -> {
      probeTimer = -1;
      if (closed || writable()) {
        return;
      }
      if (answers == answersBefore) {
        request(new IngestRequest.Audio(++seq, new byte[0]));
      }
      probeWhileStalled(answers);
    });
  }

  private static Set<Promise<IngestReply>> newWaitingSet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private static boolean ownerGone(Throwable err) {
    return BusFailure.isNoHandler(err)
        || err instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT;
  }
}
