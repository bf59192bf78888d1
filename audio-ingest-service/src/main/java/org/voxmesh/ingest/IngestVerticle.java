package org.voxmesh.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.BusFailure;
import org.voxmesh.bus.message.BusMessage;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;
import org.voxmesh.runtime.log.SessionLog;
import org.voxmesh.runtime.ops.Telemetry;
import org.voxmesh.speech.vad.VadEngine;

/**
 * Serves {@code voxmesh.ingest.open}: each session that opens here gets its own pipeline and its
 * own address on this instance, so its VAD state lives in one place (sticky ownership).
 */
public final class IngestVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(IngestVerticle.class);

  private final IngestConfig config;
  private final VadEngine vadEngine;
  private final Supplier<String> itemIds;
  private final String instanceId = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, IngestSession> sessions = new HashMap<>();
  private WorkerExecutor vadPool;
  private IngestMetrics metrics;

  public IngestVerticle(IngestConfig config, VadEngine vadEngine, Supplier<String> itemIds) {
    this.config = config;
    this.vadEngine = vadEngine;
    this.itemIds = itemIds;
  }

  @Override
  public Future<?> start() {
    vadPool = vertx.createSharedWorkerExecutor("voxmesh-vad", config.vadThreads());
    metrics = IngestMetrics.register(Telemetry.registry(vertx), sessions::size);
    return Addresses.INGEST_OPEN.serve(vertx, this::open)
        .completion()
        .onSuccess(v -> log.info("audio ingest ready: instance={} vad={} threads={}",
            instanceId, vadEngine.name(), config.vadThreads()));
  }

  @Override
  public Future<?> stop() {
    sessions.values().forEach(IngestSession::close);
    return vadPool.close();
  }

  public String instanceId() {
    return instanceId;
  }

  private Future<IngestReply> open(IngestRequest request) {
    if (!(request instanceof IngestRequest.Open open)) {
      return Future.failedFuture(BusFailure.BAD_REQUEST.exception("expected Open, got " + request));
    }
    if (sessions.size() >= config.maxSessions()) {
      return Future.failedFuture(BusFailure.OVERLOADED.exception(
          "audio ingest at capacity: " + sessions.size() + " sessions (max: " + config.maxSessions() + ")"));
    }
    if (sessions.containsKey(open.sessionId())) {
      return Future.succeededFuture(new IngestReply.Opened(
          Addresses.ingestSession(instanceId, open.sessionId()).address(), instanceId));
    }
    var endpoint = Addresses.ingestSession(instanceId, open.sessionId());
    return vadPool.executeBlocking(() -> new IngestSession(vertx, config, vadPool, open, vadEngine, itemIds, metrics), false)
        .compose(session -> {
          sessions.put(open.sessionId(), session);
          SessionLog.of(IngestVerticle.class, open.sessionId()).info("audio pipeline open at {}", endpoint.address());
          MessageConsumer<BusMessage> consumer = endpoint.serve(vertx, session::handle);
          session.onClosed(() -> {
            sessions.remove(open.sessionId());
            consumer.unregister();
            SessionLog.of(IngestVerticle.class, open.sessionId()).info("audio pipeline closed ({} sessions here)", sessions.size());
          });
          return consumer.completion().map(v -> (IngestReply) new IngestReply.Opened(endpoint.address(), instanceId));
        });
  }

  /** Number of sessions whose pipeline lives here (for metrics and tests). */
  public int sessionCount() {
    return sessions.size();
  }
}
