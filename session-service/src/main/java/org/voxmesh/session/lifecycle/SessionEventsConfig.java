package org.voxmesh.session.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.runtime.config.Settings;

/**
 * Where session lifecycle records go: {@code session.events.topic} (default
 * {@value Topics#SESSION_EVENTS}; {@code none} turns them off) on the platform's Kafka cluster.
 *
 * @param bootstrapServers null when no Kafka is configured (then there are no lifecycle records)
 * @param maxPending records waiting for the broker beyond which new ones are dropped (and counted)
 */
public record SessionEventsConfig(String bootstrapServers, String topic, int partitions, int replicationFactor,
    int maxPending, int deliveryTimeoutMs) {

  public static SessionEventsConfig from(Settings s, String bootstrapServers) {
    return new SessionEventsConfig(
        bootstrapServers,
        s.string("session.events.topic", Topics.SESSION_EVENTS),
        s.integer("session.events.partitions", 3, 1, 10_000),
        s.integer("session.events.replication.factor", 1, 1, 100),
        s.integer("session.events.max.pending", 10_000, 1, 1_000_000),
        s.integer("session.events.delivery.timeout.ms", 600_000, 1_000, Integer.MAX_VALUE));
  }

  public boolean enabled() {
    return bootstrapServers != null && !bootstrapServers.isBlank() && !"none".equals(topic);
  }

  Map<String, String> producerConfig() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("bootstrap.servers", bootstrapServers);
    c.put("client.id", "voxmesh-session-events");
    c.put("enable.idempotence", "true");
    c.put("acks", "all");
    // A broker outage up to this long loses nothing; after it the record is dropped and counted.
    c.put("delivery.timeout.ms", Integer.toString(deliveryTimeoutMs));
    c.put("request.timeout.ms", "30000");
    c.put("linger.ms", "5");
    c.put("buffer.memory", String.valueOf(4 * 1024 * 1024));
    // send() runs on vertx-kafka-client's worker, never an event loop; bound how long it may hold it.
    c.put("max.block.ms", "10000");
    return c;
  }
}
