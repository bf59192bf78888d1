package org.voxmesh.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.runtime.Node;
import org.voxmesh.runtime.ServiceMain;
import org.voxmesh.runtime.ops.Readiness;
import org.voxmesh.gateway.AudioGatewayVerticle;
import org.voxmesh.ingest.IngestConfig;
import org.voxmesh.ingest.IngestVerticle;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.runtime.kafka.KafkaBrokerOptions;
import org.voxmesh.runtime.kafka.KafkaBrokerProcess;
import org.voxmesh.session.SessionServerVerticle;
import org.voxmesh.session.SessionServiceConfig;
import org.voxmesh.session.lifecycle.SessionEventsConfig;
import org.voxmesh.speech.asr.SpeechRecognizer;
import org.voxmesh.speech.asr.Recognizers;
import org.voxmesh.speech.tts.Synthesizers;
import org.voxmesh.speech.responder.Responder;
import org.voxmesh.speech.responder.Responders;
import org.voxmesh.session.conversation.EngineSettings;
import org.voxmesh.speech.vad.SileroVadEngine;
import org.voxmesh.speech.vad.VadEngine;
import org.voxmesh.transcript.TranscriptConfig;
import org.voxmesh.transcript.TranscriptVerticle;
import org.voxmesh.transcript.publish.DurableTranscriptSink;
import org.voxmesh.transcript.publish.TranscriptPublishConfig;

/**
 * The whole platform in one JVM: an embedded Kafka broker (a child JVM, unless an external cluster
 * is configured), the embedded speech engines, and the four services deployed side by side. They
 * still talk only over the event bus, exactly as they do when each runs in its own process.
 */
public final class Platform implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Platform.class);

  private final Vertx vertx;
  private final KafkaBrokerProcess broker;
  private final String kafkaBootstrap;
  private final VadEngine vad;
  private final SpeechRecognizer recognizer;
  private final DurableTranscriptSink sink;
  private final SessionServerVerticle edge;
  private final SessionServiceConfig sessionConfig;
  private final Readiness readiness;
  private final int opsPort;

  private Platform(Vertx vertx, KafkaBrokerProcess broker, String kafkaBootstrap, VadEngine vad,
      SpeechRecognizer recognizer, DurableTranscriptSink sink, SessionServerVerticle edge, SessionServiceConfig sessionConfig,
      Readiness readiness, int opsPort) {
    this.vertx = vertx;
    this.broker = broker;
    this.kafkaBootstrap = kafkaBootstrap;
    this.vad = vad;
    this.recognizer = recognizer;
    this.sink = sink;
    this.edge = edge;
    this.sessionConfig = sessionConfig;
    this.readiness = readiness;
    this.opsPort = opsPort;
  }

  /** Starts everything; blocks the calling thread (never call it from an event loop). */
  public static Platform start(Settings settings) throws Exception {
    return start(settings, UnaryOperator.identity());
  }

  /**
   * As {@link #start(Settings)}, with the speech recognizer passed through {@code recognizerDecorator}
   * before the transcript service gets it (the benchmarks wrap it to time the engine in-process).
   */
  public static Platform start(Settings settings, UnaryOperator<SpeechRecognizer> recognizerDecorator)
      throws Exception {
    Path dataDir = dataDir(settings);
    SessionServiceConfig sessionConfig = SessionServiceConfig.from(settings, dataDir);
    IngestConfig ingestConfig = IngestConfig.from(settings);
    TranscriptConfig transcriptConfig = TranscriptConfig.from(settings);

    KafkaBrokerProcess broker = null;
    String bootstrap = settings.stringOrNull("kafka.bootstrap.servers");
    if (bootstrap == null) {
      KafkaBrokerOptions options = settings.bool("kafka.persistent", true)
          ? KafkaBrokerOptions.persistent(dataDir.resolve("kafka"))
          : KafkaBrokerOptions.temporary();
      broker = KafkaBrokerProcess.start(options.withPort(settings.integer("kafka.port", 9092, 0, 65535)));
      bootstrap = broker.bootstrapServers();
      log.info("embedded Kafka broker ready at {} (data in {})", bootstrap, broker.dataDir());
    }

    VadEngine vad = SileroVadEngine.load(settings.stringOrNull("vad.model") == null
        ? SileroVadEngine.defaultModelPath() : Path.of(settings.stringOrNull("vad.model")));
    SpeechRecognizer recognizer = recognizerDecorator.apply(Recognizers.create(transcriptConfig.recognizer()));
    Responder responder = Responders.create(EngineSettings.responder(settings));

    Vertx vertx = await(Node.start(settings));
    Readiness readiness = new Readiness();
    try {
      int opsPort = await(ServiceMain.startOps(vertx, settings, 9090, readiness));
      DurableTranscriptSink sink = await(TranscriptPublishConfig.from(settings, dataDir, bootstrap).startSink(vertx));
      await(vertx.deployVerticle(new IngestVerticle(ingestConfig, vad, Ids::itemId)));
      await(vertx.deployVerticle(new TranscriptVerticle(transcriptConfig, recognizer, sink)));
      await(vertx.deployVerticle(AudioGatewayVerticle.create(settings, bootstrap)));
      SessionServerVerticle edge = new SessionServerVerticle(sessionConfig, responder,
          Synthesizers.create(EngineSettings.synthesizer(settings)), SessionEventsConfig.from(settings, bootstrap));
      await(vertx.deployVerticle(edge));
      readiness.started();
      return new Platform(vertx, broker, bootstrap, vad, recognizer, sink, edge, sessionConfig, readiness, opsPort);
    } catch (Exception e) {
      vertx.close();
      if (broker != null) {
        broker.close();
      }
      throw e;
    }
  }

  /** The operator port: /metrics, /health/live, /health/ready. */
  public int opsPort() {
    return opsPort;
  }

  public int httpPort() {
    return edge.httpPort();
  }

  public int httpsPort() {
    return edge.httpsPort();
  }

  /** The development CA to trust for wss:// (null when operator PEM files are configured). */
  public Path devCaFile() {
    return edge.devCaFile();
  }

  public List<String> apiKeys() {
    return sessionConfig.apiKeys();
  }

  public boolean generatedApiKey() {
    return sessionConfig.generatedApiKey();
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrap;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Refuses new sessions and lets running ones finish until the drain deadline (then closes them with 1001). */
  public Future<Void> drain() {
    readiness.draining();
    return edge.drain();
  }

  @Override
  public void close() {
    try {
      await(drain());
    } catch (Exception e) {
      log.warn("drain: {}", e.toString());
    }
    try {
      await(sink.close().otherwiseEmpty().compose(v -> vertx.close()));
    } catch (Exception e) {
      log.warn("shutdown: {}", e.toString());
    }
    recognizer.close();
    vad.close();
    if (broker != null) {
      broker.close();
    }
  }

  private static Path dataDir(Settings settings) {
    String configured = settings.stringOrNull("data.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    String home = System.getProperty("voxmesh.home");
    return (home != null ? Path.of(home) : Path.of("").toAbsolutePath()).resolve(".voxmesh");
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
  }
}
