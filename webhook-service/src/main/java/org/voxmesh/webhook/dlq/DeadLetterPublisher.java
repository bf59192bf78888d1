package org.voxmesh.webhook.dlq;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.webhook.delivery.Cancellation;

/**
 * Writes {@link DeadLetter}s through an idempotent {@code acks=all} producer (shared by all dispatchers of one
 * Vert.x instance). A dead letter counts as written only once the broker acknowledged it; until then the
 * dispatcher does not commit past its source record, so a dead letter is never lost to a crash.
 *
 * <p>Call from an event-loop context; the futures complete on the caller's context.
 */
public final class DeadLetterPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
  private static final long RETRY_MS = 2_000;

  private final Vertx vertx;
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  private DeadLetterPublisher(Vertx vertx, KafkaProducer<String, byte[]> producer, String topic) {
    this.vertx = vertx;
    this.producer = producer;
    this.topic = topic;
  }

  /** Creates (or joins) the shared producer; the kafka-clients constructor runs off the event loop. */
  public static Future<DeadLetterPublisher> create(Vertx vertx, String bootstrapServers, String topic) {
    return vertx.executeBlocking(() -> {
      KafkaProducer<String, byte[]> producer = KafkaProducer.createShared(vertx,
          "voxmesh-webhooks-dlq:" + bootstrapServers, producerConfig(bootstrapServers), String.class, byte[].class);
      producer.exceptionHandler(err -> LOG.warn("dead-letter producer error: {}", err.toString()));
      return new DeadLetterPublisher(vertx, producer, topic);
    }, false);
  }

  static Map<String, String> producerConfig(String bootstrapServers) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("bootstrap.servers", bootstrapServers);
    c.put("client.id", "voxmesh-webhooks-dlq");
    c.put("enable.idempotence", "true");
    c.put("acks", "all");
    c.put("max.in.flight.requests.per.connection", "5");
    c.put("delivery.timeout.ms", "120000");
    c.put("request.timeout.ms", "30000");
    c.put("linger.ms", "0");
    c.put("max.block.ms", "10000");
    return c;
  }

  /**
   * Sends until the broker acknowledges, retrying every 2 s after a failed send (the producer itself already
   * retried for its delivery timeout), or until {@code cancel} fires, which fails the future.
   */
  public Future<Void> publish(String key, DeadLetter letter, Cancellation cancel) {
    Promise<Void> done = Promise.promise();
    send(key, letter, cancel, done);
    return done.future();
  }

  private void send(String key, DeadLetter letter, Cancellation cancel, Promise<Void> done) {
    KafkaProducerRecord<String, byte[]> record = KafkaProducerRecord.create(topic, key, letter.toJsonBytes());
    record.addHeader("content-type", "application/json");
    record.addHeader("voxmesh-schema", "webhook-dead-letter.v" + DeadLetter.SCHEMA_VERSION);
    producer.send(record).onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete();
      } else if (cancel.isCancelled()) {
        done.fail(ar.cause());
      } else {
        LOG.warn("dead letter for {} / {} not written, retrying in {} ms: {}", letter.endpointId(), letter.eventId(),
            RETRY_MS, ar.cause().toString());
        vertx.setTimer(RETRY_MS, t -> send(key, letter, cancel, done));
      }
    });
  }

  public Future<Void> close() {
    return producer.close(10_000);
  }
}
