package org.voxmesh.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.Endpoint;
import org.voxmesh.bus.message.TranscriptionReply;
import org.voxmesh.bus.message.TranscriptionRequest;

/**
 * The session's link to the transcript instance that serves it, opened on first use. Requests are
 * sent in call order even while the link is still opening, because each waits on the same future.
 * A failed link is dropped so the next turn opens a new one (possibly on another instance).
 */
final class TranscriberLink {

  private final Vertx vertx;
  private final String sessionId;
  private final String inboxAddress;
  private final long timeoutMs;
  private Future<Endpoint<TranscriptionRequest, TranscriptionReply>> endpoint;

  TranscriberLink(Vertx vertx, String sessionId, String inboxAddress, long timeoutMs) {
    this.vertx = vertx;
    this.sessionId = sessionId;
    this.inboxAddress = inboxAddress;
    this.timeoutMs = timeoutMs;
  }

  Future<TranscriptionReply> send(TranscriptionRequest request) {
    if (endpoint == null) {
      endpoint = Addresses.TRANSCRIPTION_OPEN
          .request(vertx, new TranscriptionRequest.Open(sessionId, inboxAddress), timeoutMs)
          .map(reply -> Addresses.transcriptionSession(((TranscriptionReply.Opened) reply).instanceId(), sessionId));
    }
    Future<Endpoint<TranscriptionRequest, TranscriptionReply>> current = endpoint;
    return current
        .compose(ep -> ep.request(vertx, request, timeoutMs))
        .onFailure(err -> {
          if (endpoint == current) {
            endpoint = null;
          }
        });
  }

  /** Tells the transcriber the session ended, if a link was ever opened. */
  Future<Void> close() {
    if (endpoint == null) {
      return Future.succeededFuture();
    }
    return send(new TranscriptionRequest.Close()).<Void>mapEmpty().otherwiseEmpty();
  }
}
