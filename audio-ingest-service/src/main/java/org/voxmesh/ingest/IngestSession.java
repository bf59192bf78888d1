package org.voxmesh.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;
import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.bus.message.TranscriptionRequest;
import org.voxmesh.ingest.pipeline.PipelineOutput;
import org.voxmesh.ingest.pipeline.SessionPipeline;
import org.voxmesh.runtime.log.SessionLog;
import org.voxmesh.speech.vad.VadEngine;

/**
 * One session on this ingest instance: runs its pipeline steps one at a time on the VAD pool (a
 * per-session chain keeps stream order while different sessions run in parallel) and sends what
 * each step produced. The reply to an audio chunk — the sender's credit — comes only after the
 * transcriber took the chunk's audio, so a slow engine slows the client instead of growing queues.
 */
final class IngestSession {

  private final SessionLog log;
  private final IngestMetrics metrics;
  private final Vertx vertx;
  private final WorkerExecutor pool;
  private final String sessionId;
  private final String inboxAddress;
  private final SessionPipeline pipeline;
  private final TranscriberLink transcriber;
  private final Set<String> failedItems = new HashSet<>();
  private Future<?> chain = Future.succeededFuture();
  private Runnable onClosed = () -> {};
  private boolean closed;

  IngestSession(Vertx vertx, IngestConfig config, WorkerExecutor pool, IngestRequest.Open open,
      VadEngine vadEngine, Supplier<String> itemIds, IngestMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.log = SessionLog.of(IngestSession.class, open.sessionId());
    this.pool = pool;
    this.sessionId = open.sessionId();
    this.inboxAddress = open.inboxAddress();
    this.pipeline = new SessionPipeline(open.settings(), vadEngine, itemIds);
    this.transcriber = new TranscriberLink(vertx, sessionId, inboxAddress, config.transcriberTimeoutMs());
  }

  void onClosed(Runnable callback) {
    this.onClosed = callback;
  }

  Future<IngestReply> handle(IngestRequest request) {
    if (closed) {
      return Future.succeededFuture(new IngestReply.Ack());
    }
    if (request instanceof IngestRequest.Audio audio) {
      return step(() -> metrics.vadStep().recordCallable(() -> pipeline.onAudio(audio.audio()))).map(v -> new IngestReply.ChunkAck(audio.seq()));
    } else if (request instanceof IngestRequest.Configure configure) {
      return step(() -> pipeline.configure(configure.settings())).map(v -> new IngestReply.Ack());
    } else if (request instanceof IngestRequest.Commit commit) {
      return this.<SessionPipeline.CommitResult>onWorker(() -> pipeline.commit(commit.itemId()))
          .compose(result -> dispatch(result.outputs()).map(v -> (IngestReply) result.reply()));
    } else if (request instanceof IngestRequest.TranscribeItem item) {
      return step(() -> pipeline.transcribeItem(item.itemId(), item.audio())).map(v -> new IngestReply.Ack());
    } else if (request instanceof IngestRequest.Clear) {
      return step(pipeline::clear).map(v -> new IngestReply.Ack());
    } else if (request instanceof IngestRequest.Close) {
      close();
      return Future.succeededFuture(new IngestReply.Ack());
    }
    return Future.failedFuture("unexpected request " + request.getClass().getSimpleName());
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    step(pipeline::close)
        .compose(v -> transcriber.close())
        .onComplete(ar -> onClosed.run());
  }

  private Future<Void> step(Callable<List<PipelineOutput>> task) {
    return onWorker(task).compose(this::dispatch);
  }

  /** Runs the task after every earlier task of this session, on the VAD pool. */
  private <T> Future<T> onWorker(Callable<T> task) {
    Future<T> result = chain.transform(ignored -> pool.executeBlocking(task, false));
    chain = result.otherwiseEmpty();
    return result;
  }

  /** Sends outputs in order; completes when the transcriber took every request (failures reported, not thrown). */
  private Future<Void> dispatch(List<PipelineOutput> outputs) {
    List<Future<?>> pending = new ArrayList<>();
    for (PipelineOutput output : outputs) {
      if (output instanceof PipelineOutput.ToSession toSession) {
        vertx.eventBus().send(inboxAddress, toSession.event());
      } else if (output instanceof PipelineOutput.ToTranscriber toTranscriber) {
        TranscriptionRequest request = toTranscriber.request();
        if (request instanceof TranscriptionRequest.TurnEnd) {
          metrics.turns().increment();
        }
        pending.add(transcriber.send(request).otherwise(err -> {
          reportTranscriberFailure(request, err);
          return null;
        }));
      }
    }
    return Future.join(pending).mapEmpty();
  }

  private void reportTranscriberFailure(TranscriptionRequest request, Throwable err) {
    String itemId = itemOf(request);
    if (itemId != null && failedItems.add(itemId)) {
      log.warn("transcription of {} failed: {}", itemId, err.getMessage());
      vertx.eventBus().send(inboxAddress, new SessionInput.TranscriptFailed(
          itemId, "transcription_unavailable", "Transcription is unavailable: " + err.getMessage()));
    }
  }

  private static String itemOf(TranscriptionRequest request) {
    if (request instanceof TranscriptionRequest.TurnStart r) {
      return r.itemId();
    } else if (request instanceof TranscriptionRequest.TurnAudio r) {
      return r.itemId();
    } else if (request instanceof TranscriptionRequest.TurnEnd r) {
      return r.itemId();
    }
    return null;
  }
}
