package org.voxmesh.session.link;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.Endpoint;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;

/**
 * The session's side of its audio pipeline: opens it once on some ingest instance (which then owns
 * the session's audio), and sends audio under a credit window — at most {@code window} chunks
 * unacknowledged. {@link #writable()} turns false when the window is full; the connection pauses
 * the socket until {@code onWritable} fires. Nothing here grows without bound: the caller stops
 * reading instead.
 *
 * <p>Requests are sent in call order. Everything runs on the session's context.
 */
public final class IngestLink {

  private final Vertx vertx;
  private final int window;
  private final long timeoutMs;
  private final Future<Endpoint<IngestRequest, IngestReply>> endpoint;
  private final Deque<Runnable> writableWaiters = new ArrayDeque<>();
  private int inFlight;
  private long seq;

  private IngestLink(Vertx vertx, int window, long timeoutMs, Future<Endpoint<IngestRequest, IngestReply>> endpoint) {
    this.vertx = vertx;
    this.window = window;
    this.timeoutMs = timeoutMs;
    this.endpoint = endpoint;
  }

  /** Opens the pipeline; requests made before it is open wait for it, in order. */
  public static IngestLink open(Vertx vertx, IngestRequest.Open open, int window, long timeoutMs) {
    Future<Endpoint<IngestRequest, IngestReply>> endpoint = Addresses.INGEST_OPEN
        .request(vertx, open, timeoutMs)
        .map(reply -> Addresses.ingestSession(((IngestReply.Opened) reply).instanceId(), open.sessionId()));
    return new IngestLink(vertx, window, timeoutMs, endpoint);
  }

  /** Completes when the pipeline is open, or fails (e.g. no ingest instance, or all overloaded). */
  public Future<?> opened() {
    return endpoint;
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
    return request(new IngestRequest.Audio(++seq, audio)).onComplete(ar -> {
      inFlight--;
      while (writable() && !writableWaiters.isEmpty()) {
        writableWaiters.poll().run();
      }
    });
  }

  public Future<IngestReply> request(IngestRequest request) {
    return endpoint.compose(ep -> ep.request(vertx, request, timeoutMs));
  }
}
