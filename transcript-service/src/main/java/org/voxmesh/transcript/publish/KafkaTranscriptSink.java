package org.voxmesh.transcript.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.runtime.kafka.TopicEnsurer;
import org.voxmesh.bus.kafka.TranscriptRecord;

/**
 * Writes final transcripts to Kafka: key = session id, value = {@link TranscriptRecord} JSON, through an
 * idempotent {@code acks=all} producer (see {@link KafkaSinkSettings#producerConfig()}).
 *
 * <p>A publish future succeeds only once the broker has the record, so what it reports as published
 * survives a broker restart. Records of one session reach the topic in the order {@link #publish} was
 * called for them. Nothing here blocks the calling event loop: vertx-kafka-client runs the producer's
 * {@code send} on one ordered worker, and the start-up work runs on worker threads.
 */
public final class KafkaTranscriptSink implements org.voxmesh.transcript.TranscriptSink {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTranscriptSink.class);
  private static final long CLOSE_TIMEOUT_MS = 30_000;

  private final KafkaProducer<String, byte[]> producer;
  private final KafkaSinkSettings settings;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private KafkaTranscriptSink(KafkaProducer<String, byte[]> producer, KafkaSinkSettings settings) {
    this.producer = producer;
    this.settings = settings;
  }

  /**
   * Ensures the topic exists (created with the configured partitions and replication factor if missing),
   * creates the producer and waits for the topic's metadata, so the first publish does not wait for it.
   */
  public static Future<KafkaTranscriptSink> start(Vertx vertx, KafkaSinkSettings settings) {
    return TopicEnsurer.ensure(vertx, settings.bootstrapServers(), settings.topic(), settings.partitions(),
            settings.replicationFactor())
        .compose(v -> vertx.executeBlocking(() -> createProducer(vertx, settings), false))
        .compose(producer -> producer.partitionsFor(settings.topic())
            .map(partitions -> {
              LOG.info("Publishing transcripts to {} ({} partitions) on {}", settings.topic(), partitions.size(),
                  settings.bootstrapServers());
              return new KafkaTranscriptSink(producer, settings);
            })
            .recover(err -> producer.close().transform(ignored -> Future.failedFuture(err))));
  }

  /**
   * Sends one record. Succeeds with the record's partition and offset once the broker acknowledged it
   * ({@code acks=all}); fails after the delivery timeout, or at once with
   * {@link TranscriptSinkOverloadedException} when {@code maxPending} records are already waiting.
   */
  @Override
  public Future<RecordMetadata> publish(TranscriptRecord record) {
    return send(record.kafkaKey(), record.toJsonBytes(), null);
  }

  /**
   * Sends one already-serialized {@link TranscriptRecord}: {@code key} is the session id, {@code value} the
   * record's JSON, {@code timestampMs} the record timestamp (null: the producer's clock). Same outcome as
   * {@link #publish}; {@link DurableTranscriptSink} replays its outbox through this.
   */
  Future<RecordMetadata> send(String key, byte[] value, Long timestampMs) {
    if (closed.get()) {
      return Future.failedFuture(new IllegalStateException("the Kafka transcript sink is closed"));
    }
    if (pending.incrementAndGet() > settings.maxPending()) {
      pending.decrementAndGet();
      return Future.failedFuture(new TranscriptSinkOverloadedException(settings.maxPending()
          + " transcripts are already waiting for Kafka (" + settings.bootstrapServers() + ")"));
    }
    KafkaProducerRecord<String, byte[]> kafkaRecord =
        KafkaProducerRecord.create(settings.topic(), key, value, timestampMs, null);
    kafkaRecord.addHeader("content-type", "application/json");
    kafkaRecord.addHeader("voxmesh-schema", "transcript-record.v" + TranscriptRecord.SCHEMA_VERSION);
    return producer.send(kafkaRecord).andThen(ar -> pending.decrementAndGet());
  }

  /** Records handed to the producer and not acknowledged yet. */
  public int pending() {
    return pending.get();
  }

  /** Waits (off the event loop) up to 30 s for pending records, then closes the producer. */
  @Override
  public Future<Void> close() {
    return close(CLOSE_TIMEOUT_MS);
  }

  /**
   * Waits (off the event loop) up to {@code timeoutMs} for pending records, then closes the producer; records
   * still pending then fail.
   */
  public Future<Void> close(long timeoutMs) {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return producer.close(timeoutMs);
  }

  KafkaSinkSettings settings() {
    return settings;
  }

  private static KafkaProducer<String, byte[]> createProducer(Vertx vertx, KafkaSinkSettings settings) {
    KafkaProducer<String, byte[]> producer =
        KafkaProducer.create(vertx, settings.producerConfig(), String.class, byte[].class);
    producer.exceptionHandler(err -> LOG.warn("Kafka transcript producer error: {}", err.toString()));
    return producer;
  }
}
