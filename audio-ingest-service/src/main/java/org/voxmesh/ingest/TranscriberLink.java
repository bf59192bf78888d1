package org.voxmesh.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxmesh.runtime.log.SessionLog;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.BusFailure;
import org.voxmesh.bus.Endpoint;
import org.voxmesh.bus.message.TranscriptionReply;
import org.voxmesh.bus.message.TranscriptionRequest;

/**
 * The session's link to the transcript instance that serves it, opened on first use. Requests are
 * sent in call order even while the link is still opening, because each waits on the same future.
 * A failed link is dropped so the next turn opens a new one (possibly on another instance).
 *
 * <p>When the linked instance is gone (no handler, or no answer in time), every request still
 * waiting on it fails at once rather than at its own timeout, so the turn in flight is reported
 * failed and the session's audio credit comes back. A turn never starts on a gone instance: the
 * turn's other requests follow its start, and a start that finds no handler (nothing reached
 * anyone) is sent once more on a newly opened link.
 */
final class TranscriberLink {

  private static final long PROBE_MS = 1000;
  /** Names no turn: aborting it is a no-op for a live transcriber. */
  private static final String PROBE_ITEM = "probe";

  private final Vertx vertx;
  private final String sessionId;
  private final SessionLog log;
  private final String inboxAddress;
  private final long timeoutMs;
  private Future<Endpoint<TranscriptionRequest, TranscriptionReply>> endpoint;
  /** Requests sent and not answered yet, by the instance address they went to. */
  private final Map<String, Set<Promise<TranscriptionReply>>> sent = new HashMap<>();
  private long answers;
  private long probeTimer = -1;

  TranscriberLink(Vertx vertx, String sessionId, String inboxAddress, long timeoutMs) {
    this.vertx = vertx;
    this.sessionId = sessionId;
    this.log = SessionLog.of(TranscriberLink.class, sessionId);
    this.inboxAddress = inboxAddress;
    this.timeoutMs = timeoutMs;
  }

  Future<TranscriptionReply> send(TranscriptionRequest request) {
    if (endpoint == null) {
      endpoint = openLink();
    }
    if (request instanceof TranscriptionRequest.TurnStart) {
      return startTurn(request);
    }
    return sendOn(endpoint, request);
  }

  /** The turn's later requests go where its start was accepted. */
  private Future<TranscriptionReply> startTurn(TranscriptionRequest start) {
    Future<Endpoint<TranscriptionRequest, TranscriptionReply>> before = endpoint;
    Promise<Endpoint<TranscriptionRequest, TranscriptionReply>> accepted = Promise.promise();
    endpoint = accepted.future();
    return sendOn(before, start)
        .map(reply -> {
          accepted.tryComplete(before.result());
          return reply;
        })
        .recover(err -> {
          if (!before.succeeded() || !BusFailure.isNoHandler(err)) {
            return Future.failedFuture(err);
          }
          Future<Endpoint<TranscriptionRequest, TranscriptionReply>> fresh = openLink();
          return sendOn(fresh, start).map(reply -> {
            accepted.tryComplete(fresh.result());
            return reply;
          });
        })
        .onFailure(accepted::tryFail);
  }

  private Future<TranscriptionReply> sendOn(Future<Endpoint<TranscriptionRequest, TranscriptionReply>> link,
      TranscriptionRequest request) {
    Promise<TranscriptionReply> result = Promise.promise();
    link.onComplete(opened -> {
      if (opened.failed()) {
        if (endpoint == link) {
          endpoint = null;
        }
        result.fail(opened.cause());
        return;
      }
      String address = opened.result().address();
      Set<Promise<TranscriptionReply>> group = sent.computeIfAbsent(address, a -> newWaitingSet());
      group.add(result);
      watch(opened.result());
      opened.result().request(vertx, request, timeoutMs).onComplete(ar -> {
        group.remove(result);
        if (ar.succeeded()) {
          answers++;
          result.tryComplete(ar.result());
          return;
        }
        if (endpoint == link) {
          endpoint = null;
        }
        if (gone(ar.cause())) {
          abandon(address, ar.cause());
        }
        result.tryFail(ar.cause());
      });
    });
    return result.future();
  }

  /**
   * While requests wait on {@code ep} and nothing answers for a probe interval, asks it something
   * harmless (aborting a turn that does not exist). An instance the cluster already dropped answers
   * "no handler" at once, so what waits on it fails now instead of at its timeout.
   */
  private void watch(Endpoint<TranscriptionRequest, TranscriptionReply> ep) {
    if (probeTimer >= 0) {
      return;
    }
    long[] answersAtLastTick = {answers};
    probeTimer = vertx.setPeriodic(PROBE_MS, id -> {
      Set<Promise<TranscriptionReply>> group = sent.get(ep.address());
      if (group == null || group.isEmpty()) {
        vertx.cancelTimer(id);
        probeTimer = -1;
        return;
      }
      if (answers == answersAtLastTick[0]) {
        ep.request(vertx, new TranscriptionRequest.TurnAbort(PROBE_ITEM), timeoutMs).onFailure(err -> {
          if (BusFailure.isNoHandler(err)) {
            if (endpoint != null && endpoint.succeeded() && endpoint.result().address().equals(ep.address())) {
              endpoint = null;
            }
            abandon(ep.address(), err);
          }
        });
      }
      answersAtLastTick[0] = answers;
    });
  }

  /** The instance at {@code address} is gone: what was sent to it would only time out one by one. */
  private void abandon(String address, Throwable cause) {
    Set<Promise<TranscriptionReply>> group = sent.remove(address);
    if (group != null) {
      List.copyOf(group).forEach(p -> p.tryFail(cause));
    }
  }

  private Future<Endpoint<TranscriptionRequest, TranscriptionReply>> openLink() {
    return Addresses.TRANSCRIPTION_OPEN
        .request(vertx, new TranscriptionRequest.Open(sessionId, inboxAddress), timeoutMs)
        .map(reply -> Addresses.transcriptionSession(((TranscriptionReply.Opened) reply).instanceId(), sessionId))
        .onSuccess(ep -> log.info("transcribed at {}", ep.address()));
  }

  private static boolean gone(Throwable err) {
    return BusFailure.isNoHandler(err) || err instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT;
  }

  private static Set<Promise<TranscriptionReply>> newWaitingSet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** Tells the transcriber the session ended, if a link was ever opened. */
  Future<Void> close() {
    if (endpoint == null) {
      return Future.succeededFuture();
    }
    return send(new TranscriptionRequest.Close()).<Void>mapEmpty().otherwiseEmpty();
  }
}
