package org.voxmesh.session.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.bus.kafka.SessionEventRecord;
import org.voxmesh.runtime.kafka.TopicEnsurer;
import org.voxmesh.runtime.log.SessionLog;

/**
 * Writes {@link SessionEventRecord}s to Kafka (key = session id, idempotent, {@code acks=all}), in the
 * order they were published per session. Fire-and-forget for the session: a record the broker does not
 * take within the delivery timeout, or one beyond {@code maxPending} waiting records, is dropped, logged
 * and counted ({@code voxmesh_kafka_producer_errors_total{topic=...}}); the session never waits for it.
 */
public final class SessionEventPublisher {

  private static final Logger log = LoggerFactory.getLogger(SessionEventPublisher.class);

  private final KafkaProducer<String, byte[]> producer;
  private final SessionEventsConfig config;
  private final AtomicInteger pending = new AtomicInteger();
  private final Counter errors;

  private SessionEventPublisher(KafkaProducer<String, byte[]> producer, SessionEventsConfig config, MeterRegistry registry) {
    this.producer = producer;
    this.config = config;
    this.errors = Counter.builder("voxmesh.kafka.producer.errors").tag("topic", config.topic())
        .description("Records a producer gave up on (broker unreachable past the delivery timeout, or too many waiting)")
        .register(registry);
    registry.gauge("voxmesh.kafka.producer.pending", java.util.List.of(io.micrometer.core.instrument.Tag.of("topic", config.topic())),
        pending);
  }

  /** Creates the topic if missing and the producer (both off the event loop). */
  public static Future<SessionEventPublisher> start(Vertx vertx, SessionEventsConfig config, MeterRegistry registry) {
    return TopicEnsurer.ensure(vertx, config.bootstrapServers(), config.topic(), config.partitions(), config.replicationFactor())
        .compose(v -> vertx.executeBlocking(() -> KafkaProducer.<String, byte[]>create(vertx, config.producerConfig(),
            String.class, byte[].class), false))
        .map(producer -> {
          producer.exceptionHandler(err -> log.warn("session events producer: {}", err.toString()));
          log.info("publishing session lifecycle events to {} on {}", config.topic(), config.bootstrapServers());
          return new SessionEventPublisher(producer, config, registry);
        });
  }

  public void publish(SessionEventRecord record) {
    SessionLog sessionLog = SessionLog.of(SessionEventPublisher.class, record.sessionId());
    if (pending.incrementAndGet() > config.maxPending()) {
      pending.decrementAndGet();
      errors.increment();
      sessionLog.warn("{} (sequence {}) dropped: {} records already wait for Kafka", record.type(), record.sequence(),
          config.maxPending());
      return;
    }
    KafkaProducerRecord<String, byte[]> kafkaRecord = KafkaProducerRecord.create(config.topic(), record.kafkaKey(),
        record.toJsonBytes(), record.createdAt().toEpochMilli(), null);
    kafkaRecord.addHeader("content-type", "application/json");
    kafkaRecord.addHeader("voxmesh-schema", "session-event-record.v" + SessionEventRecord.SCHEMA_VERSION);
    producer.send(kafkaRecord).onComplete(ar -> {
      pending.decrementAndGet();
      if (ar.failed()) {
        errors.increment();
        sessionLog.warn("{} (sequence {}) not published: {}", record.type(), record.sequence(), ar.cause().toString());
      }
    });
  }

  /** Waits up to {@code timeoutMs} for records in flight, then closes the producer. */
  public Future<Void> close(long timeoutMs) {
    return producer.close(timeoutMs);
  }
}
