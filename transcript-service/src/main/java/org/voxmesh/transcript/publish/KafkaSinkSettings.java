package org.voxmesh.transcript.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.voxmesh.bus.kafka.Topics;

/**
 * Settings of {@link KafkaTranscriptSink}.
 *
 * @param bootstrapServers Kafka bootstrap list, e.g. {@code 127.0.0.1:9092}
 * @param topic topic to write, {@link Topics#TRANSCRIPTS} unless a deployment prefixes its topics
 * @param partitions partition count used when the sink creates the topic (an existing topic is left alone)
 * @param replicationFactor replication factor used when the sink creates the topic
 * @param maxPending records handed to the producer and not yet acknowledged; above it publish fails fast
 *     with {@link TranscriptSinkOverloadedException} instead of queueing without bound
 * @param producerOverrides kafka-clients producer settings applied over {@link #producerConfig()}'s defaults
 */
public record KafkaSinkSettings(
    String bootstrapServers,
    String topic,
    int partitions,
    int replicationFactor,
    int maxPending,
    Map<String, String> producerOverrides) {

  public static final int DEFAULT_PARTITIONS = 3;
  public static final int DEFAULT_REPLICATION_FACTOR = 1;
  public static final int DEFAULT_MAX_PENDING = 10_000;

  public KafkaSinkSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers is required (expected: host:port[,host:port...])");
    }
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic is required");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions: " + partitions + " (expected: >= 1)");
    }
    if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
      throw new IllegalArgumentException("replicationFactor: " + replicationFactor + " (expected: >= 1)");
    }
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending: " + maxPending + " (expected: >= 1)");
    }
    producerOverrides = Map.copyOf(Objects.requireNonNull(producerOverrides, "producerOverrides"));
  }

  /** 3 partitions, replication factor 1, topic {@link Topics#TRANSCRIPTS}. */
  public static KafkaSinkSettings defaults(String bootstrapServers) {
    return new KafkaSinkSettings(bootstrapServers, Topics.TRANSCRIPTS, DEFAULT_PARTITIONS,
        DEFAULT_REPLICATION_FACTOR, DEFAULT_MAX_PENDING, Map.of());
  }

  public KafkaSinkSettings withTopic(String topic) {
    return new KafkaSinkSettings(bootstrapServers, topic, partitions, replicationFactor, maxPending, producerOverrides);
  }

  public KafkaSinkSettings withPartitions(int partitions) {
    return new KafkaSinkSettings(bootstrapServers, topic, partitions, replicationFactor, maxPending, producerOverrides);
  }

  public KafkaSinkSettings withReplicationFactor(int replicationFactor) {
    return new KafkaSinkSettings(bootstrapServers, topic, partitions, replicationFactor, maxPending, producerOverrides);
  }

  public KafkaSinkSettings withMaxPending(int maxPending) {
    return new KafkaSinkSettings(bootstrapServers, topic, partitions, replicationFactor, maxPending, producerOverrides);
  }

  public KafkaSinkSettings withProducerOverride(String key, String value) {
    Map<String, String> overrides = new LinkedHashMap<>(producerOverrides);
    overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new KafkaSinkSettings(bootstrapServers, topic, partitions, replicationFactor, maxPending, overrides);
  }

  /**
   * The producer configuration: idempotent with {@code acks=all} and at most 5 requests in flight, which is
   * what keeps one session's records in order and free of duplicates across retries and broker restarts.
   */
  public Map<String, String> producerConfig() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("bootstrap.servers", bootstrapServers);
    c.put("client.id", "voxmesh-transcripts");
    c.put("enable.idempotence", "true");
    c.put("acks", "all");
    c.put("max.in.flight.requests.per.connection", "5");
    // Retries are bounded by time, not count: a record fails after 2 minutes without an acknowledgement.
    c.put("delivery.timeout.ms", "120000");
    c.put("request.timeout.ms", "30000");
    // Transcripts are sparse and latency-visible: send at once rather than wait to batch.
    c.put("linger.ms", "0");
    // Records are ~300 bytes of JSON; compression would save little and every consumer can read plain bytes.
    c.put("compression.type", "none");
    // Bound memory, and how long a send may hold the producer's worker thread when the buffer is full or the
    // topic's metadata is missing (it never holds an event loop).
    c.put("buffer.memory", String.valueOf(8 * 1024 * 1024));
    c.put("max.block.ms", "10000");
    c.putAll(producerOverrides);
    return c;
  }
}
