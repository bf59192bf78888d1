package org.voxmesh.transcript.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates a topic if it does not exist yet; an existing topic (any partition count) is left as it is. */
final class TopicEnsurer {

  private TopicEnsurer() {}

  static Future<Void> ensure(Vertx vertx, String bootstrapServers, String topic, int partitions, int replicationFactor) {
    // Creating the admin client resolves addresses and starts its thread: keep it off the event loop.
    return vertx.<KafkaAdminClient>executeBlocking(
            () -> KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", bootstrapServers,
                "client.id", "voxmesh-topic-ensurer")), false)
        .compose(admin -> admin
            .createTopics(List.of(new NewTopic(topic, partitions, (short) replicationFactor)))
            .recover(err -> alreadyExists(err) ? Future.succeededFuture() : Future.failedFuture(
                new IllegalStateException("cannot create Kafka topic " + topic + " on " + bootstrapServers
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
