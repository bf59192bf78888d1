package org.voxmesh.webhook.dlq;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the DLQ topic if it does not exist yet (retention 30 days, so dead letters outlive the source
 * topics' usual 7); an existing topic is left as it is.
 */
public final class TopicEnsurer {

  static final long RETENTION_MS = 30L * 24 * 3600 * 1000;

  private TopicEnsurer() {}

  public static Future<Void> ensure(Vertx vertx, String bootstrapServers, String topic, int partitions,
      int replicationFactor) {
    NewTopic newTopic = new NewTopic(topic, partitions, (short) replicationFactor)
        .setConfig(Map.of("retention.ms", Long.toString(RETENTION_MS)));
    // Creating the admin client resolves addresses and starts its thread: keep it off the event loop.
    return vertx.<KafkaAdminClient>executeBlocking(() -> KafkaAdminClient.create(vertx,
            Map.of("bootstrap.servers", bootstrapServers, "client.id", "voxmesh-webhooks-topics")), false)
        .compose(admin -> admin.createTopics(List.of(newTopic))
            .recover(err -> alreadyExists(err) ? Future.succeededFuture() : Future.failedFuture(
                new IllegalStateException("cannot create Kafka topic " + topic + " on " + bootstrapServers + ": "
                    + err.getMessage(), err)))
            .eventually(admin::close));
  }

  private static boolean alreadyExists(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof TopicExistsException) {
        return true;
      }
    }
    return false;
  }
}
