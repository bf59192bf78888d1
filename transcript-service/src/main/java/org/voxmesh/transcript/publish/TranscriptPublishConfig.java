package org.voxmesh.transcript.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.voxmesh.runtime.ops.Telemetry;
import org.voxmesh.runtime.config.Settings;

/**
 * Where and how the transcript service publishes: Kafka producer settings plus the durable outbox, read from
 * the service settings (keys in {@code docs/configuration.md}, "Transcript service").
 */
public record TranscriptPublishConfig(KafkaSinkSettings kafka, OutboxSettings outbox) {

  public static final int DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;
  /** Instances that can share one default outbox folder ({@code transcripts}, {@code transcripts-1}, ...). */
  public static final int DEFAULT_SLOTS = 16;

  /**
   * @param dataDir the service's {@code data.dir}; the outbox defaults to {@code <data.dir>/outbox/transcripts}
   * @param bootstrapServers the Kafka bootstrap list already resolved by the caller
   */
  public static TranscriptPublishConfig from(Settings s, Path dataDir, String bootstrapServers) {
    int deliveryTimeoutMs = s.integer("kafka.delivery.timeout.ms", DEFAULT_DELIVERY_TIMEOUT_MS, 1_000, 3_600_000);
    KafkaSinkSettings kafka = KafkaSinkSettings.defaults(bootstrapServers)
        .withPartitions(s.integer("kafka.partitions", KafkaSinkSettings.DEFAULT_PARTITIONS, 1, 1000))
        .withProducerOverride("delivery.timeout.ms", Integer.toString(deliveryTimeoutMs))
        // The producer requires delivery.timeout.ms >= linger.ms (0) + request.timeout.ms.
        .withProducerOverride("request.timeout.ms", Integer.toString(Math.min(30_000, deliveryTimeoutMs)));

    String dir = s.stringOrNull("transcripts.outbox.dir");
    OutboxSettings.Fsync fsync;
    String fsyncValue = s.string("transcripts.outbox.fsync", "always");
    try {
      fsync = OutboxSettings.Fsync.parse(fsyncValue);
    } catch (IllegalArgumentException e) {
      throw new Settings.ConfigException("invalid configuration transcripts.outbox.fsync "
          + "(VOXMESH_TRANSCRIPTS_OUTBOX_FSYNC): '" + fsyncValue + "' (expected: always, interval or never)");
    }
    // An explicit folder is this instance's alone; the default one may be shared by several instances started
    // with the same data.dir, so each takes the first free of transcripts, transcripts-1, ...
    Path outboxDir = dir != null ? Path.of(dir) : dataDir.resolve("outbox").resolve("transcripts");
    OutboxSettings outbox = OutboxSettings.defaults(outboxDir)
        .withDir(outboxDir, dir != null ? 1 : DEFAULT_SLOTS)
        .withMaxBytes(s.integer("transcripts.outbox.max.mb", (int) (OutboxSettings.DEFAULT_MAX_BYTES >> 20), 1,
            1024 * 1024) * 1024L * 1024L)
        .withFsync(fsync, Duration.ofMillis(s.integer("transcripts.outbox.fsync.interval.ms", 1000, 10, 600_000)))
        .withProbe(Duration.ofMillis(s.integer("transcripts.outbox.probe.interval.ms", 2000, 100, 600_000)),
            OutboxSettings.DEFAULT_PROBE_TIMEOUT);
    return new TranscriptPublishConfig(kafka, outbox);
  }

  /** Starts the {@link DurableTranscriptSink} these settings describe. */
  public Future<DurableTranscriptSink> startSink(Vertx vertx) {
    return DurableTranscriptSink.start(vertx, kafka, outbox)
        .onSuccess(sink -> TranscriptSinkMetrics.register(Telemetry.registry(vertx), sink, kafka.topic()));
  }
}
