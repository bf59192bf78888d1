package org.voxmesh.runtime.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a topic a service writes if it does not exist yet; an existing topic (any partition count or
 * configuration) is left as it is, so operators' own topic definitions (e.g. Strimzi) win.
 */
public final class TopicEnsurer {

  private TopicEnsurer() {}

  public static Future<Void> ensure(Vertx vertx, String bootstrapServers, String topic, int partitions,
      int replicationFactor) {
    return ensure(vertx, bootstrapServers, new NewTopic(topic, partitions, (short) replicationFactor));
  }

  public static Future<Void> ensure(Vertx vertx, String bootstrapServers, NewTopic topic) {
    // Creating the admin client resolves addresses and starts its thread: keep it off the event loop.
    return vertx.<KafkaAdminClient>executeBlocking(() -> KafkaAdminClient.create(vertx,
            Map.of("bootstrap.servers", bootstrapServers, "client.id", "voxmesh-topic-ensurer")), false)
        .compose(admin -> admin.createTopics(List.of(topic))
            .recover(err -> alreadyExists(err) ? Future.succeededFuture() : Future.failedFuture(
                new IllegalStateException("cannot create Kafka topic " + topic.getName() + " on " + bootstrapServers
                    + ": " + err.getMessage(), err)))
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
