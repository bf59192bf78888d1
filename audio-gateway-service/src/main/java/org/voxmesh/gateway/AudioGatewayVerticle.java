package org.voxmesh.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.voxmesh.runtime.ops.Telemetry;
import org.voxmesh.runtime.config.Settings;

/**
 * The audio gateway: internal services publish audio without a WebSocket, on the event bus
 * ({@code voxmesh.audio.streams}) or on Kafka ({@code voxmesh.audio-in.v1}); each stream becomes a
 * headless transcription session whose transcripts reach {@code voxmesh.transcripts.v1} through the
 * transcript service like any other. Contract: {@code docs/internal-audio.md}.
 */
public final class AudioGatewayVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(AudioGatewayVerticle.class);

  private final GatewayConfig config;
  private final String instanceId = "gateway-" + UUID.randomUUID().toString().substring(0, 8);
  private BusAudioStreams bus;
  private KafkaAudioIn kafka;
  private long idleTimer = -1;

  public AudioGatewayVerticle(GatewayConfig config) {
    this.config = config;
  }

  /** The gateway as configured by {@code settings}, consuming Kafka at {@code bootstrapServers}. */
  public static AudioGatewayVerticle create(Settings settings, String bootstrapServers) {
    return new AudioGatewayVerticle(GatewayConfig.from(settings, bootstrapServers));
  }

  @Override
  public Future<?> start() {
    Capacity capacity = new Capacity(config.maxStreams());
    bus = new BusAudioStreams(vertx, config, instanceId, capacity);
    kafka = config.kafkaEnabled() && config.bootstrapServers() != null
        ? new KafkaAudioIn(vertx, config, capacity) : null;
    MeterRegistry registry = Telemetry.registry(vertx);
    Gauge.builder("voxmesh.gateway.streams", bus, BusAudioStreams::size).tag("source", "bus")
        .description("Internal audio streams open on this instance").register(registry);
    if (kafka != null) {
      Gauge.builder("voxmesh.gateway.streams", kafka, KafkaAudioIn::streamCount).tag("source", "kafka")
          .description("Internal audio streams open on this instance").register(registry);
    }
    idleTimer = vertx.setPeriodic(Math.max(50, Math.min(1_000, config.idleTimeoutMs() / 4)), t -> {
      long now = System.currentTimeMillis();
      bus.endIdle(now);
      if (kafka != null) {
        kafka.endIdle(now);
      }
    });
    return bus.start()
        .compose(v -> kafka == null ? Future.succeededFuture() : kafka.start())
        .onSuccess(v -> log.info("audio gateway ready: instance={} bus=voxmesh.audio.streams kafka={}", instanceId,
            kafka == null ? "off" : config.topic()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(idleTimer);
    Future<?> k = kafka == null ? Future.succeededFuture() : kafka.stop();
    return k.otherwiseEmpty().transform(ignored -> bus == null ? Future.succeededFuture() : bus.stop());
  }

  public String instanceId() {
    return instanceId;
  }

  /** Streams open on this instance (for tests and metrics). */
  public int openStreams() {
    return (bus == null ? 0 : bus.size()) + (kafka == null ? 0 : kafka.streamCount());
  }
}
