package org.voxmesh.transcript;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.voxmesh.runtime.log.SessionLog;
import org.voxmesh.runtime.ops.Telemetry;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.BusFailure;
import org.voxmesh.bus.message.BusMessage;
import org.voxmesh.bus.message.TranscriptionReply;
import org.voxmesh.bus.message.TranscriptionRequest;
import org.voxmesh.speech.asr.SpeechRecognizer;

/** Serves {@code voxmesh.transcription.open}: sessions that open here get a per-session address on this instance. */
public final class TranscriptVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(TranscriptVerticle.class);

  private final TranscriptConfig config;
  private SpeechRecognizer recognizer;
  private final TranscriptSink sink;
  private final String instanceId = "transcript-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, MessageConsumer<BusMessage>> sessions = new HashMap<>();
  private WorkerExecutor asrPool;

  public TranscriptVerticle(TranscriptConfig config, SpeechRecognizer recognizer, TranscriptSink sink) {
    this.config = config;
    this.recognizer = recognizer;
    this.sink = sink;
  }

  @Override
  public Future<?> start() {
    asrPool = vertx.createSharedWorkerExecutor("voxmesh-asr", config.asrThreads());
    MeterRegistry registry = Telemetry.registry(vertx);
    recognizer = new MeteredRecognizer(recognizer, registry);
    Gauge.builder("voxmesh.transcript.sessions", sessions::size)
        .description("Sessions with a transcriber on this instance").register(registry);
    return Addresses.TRANSCRIPTION_OPEN.serve(vertx, this::open)
        .completion()
        .onSuccess(v -> log.info("transcript service ready: instance={} engine={} threads={}",
            instanceId, recognizer.name(), config.asrThreads()));
  }

  @Override
  public Future<?> stop() {
    return asrPool.close();
  }

  private Future<TranscriptionReply> open(TranscriptionRequest request) {
    if (!(request instanceof TranscriptionRequest.Open open)) {
      return Future.failedFuture(BusFailure.BAD_REQUEST.exception("expected Open, got " + request));
    }
    var endpoint = Addresses.transcriptionSession(instanceId, open.sessionId());
    if (!sessions.containsKey(open.sessionId())) {
      SessionTranscriber transcriber = new SessionTranscriber(vertx, asrPool, recognizer, sink, config,
          open.sessionId(), open.inboxAddress(), () -> forget(open.sessionId()));
      MessageConsumer<BusMessage> consumer = endpoint.serve(vertx, req -> {
        Future<TranscriptionReply> reply = transcriber.handle(req);
        if (req instanceof TranscriptionRequest.Close) {
          MessageConsumer<BusMessage> self = sessions.remove(open.sessionId());
          reply = reply.onComplete(ar -> {
            if (self != null) {
              self.unregister();
            }
          });
        }
        return reply;
      });
      sessions.put(open.sessionId(), consumer);
      SessionLog.of(TranscriptVerticle.class, open.sessionId()).info("transcribing the session at {}", endpoint.address());
      return consumer.completion().map(v -> new TranscriptionReply.Opened(endpoint.address(), instanceId));
    }
    return Future.succeededFuture(new TranscriptionReply.Opened(endpoint.address(), instanceId));
  }

  /**
   * Stops serving a session that went idle. A live ingest that later sends a turn finds no handler
   * and opens the session again, here or elsewhere.
   */
  private void forget(String sessionId) {
    MessageConsumer<BusMessage> consumer = sessions.remove(sessionId);
    if (consumer != null) {
      consumer.unregister();
    }
  }
}
