package org.voxmesh.transcript.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.transcript.publish.TranscriptTopicAssertions.transcript;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;

/**
 * Publishes a few hundred records one at a time and waits for a live consumer to see each before sending
 * the next. Asserts only what a consumer notices (everything arrives, in order); the latency figures are
 * printed for the record, since timing goals belong in bench/.
 */
class KafkaTranscriptSinkLatencyTest {

  private static final int WARMUP = 50;
  private static final int MEASURED = 300;

  @Test
  void sequentialPublishToConsume() throws Exception {
    String topic = "voxmesh.transcripts.v1.latency-" + UUID.randomUUID();
    String session = "sess_latency";
    Vertx vertx = Vertx.vertx();
    KafkaTranscriptSink sink = KafkaTranscriptSink.start(vertx,
        KafkaSinkSettings.defaults(EmbeddedKafka.bootstrapServers()).withTopic(topic)).await();
    BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch positioned = new CountDownLatch(1);
    Thread consumer = new Thread(() -> consume(topic, arrivals, running, positioned), "latency-consumer");
    consumer.start();
    try {
      assertThat(positioned.await(30, TimeUnit.SECONDS)).isTrue();
      long[] ack = new long[MEASURED];
      long[] endToEnd = new long[MEASURED];
      for (int i = 0; i < WARMUP + MEASURED; i++) {
        long t0 = System.nanoTime();
        sink.publish(transcript(session, i + 1)).await(30, TimeUnit.SECONDS);
        long acked = System.nanoTime();
        Arrival arrival = arrivals.poll(30, TimeUnit.SECONDS);
        assertThat(arrival).as("record " + (i + 1) + " consumed").isNotNull();
        assertThat(TranscriptRecord.fromJson(arrival.value()).sequence()).isEqualTo(i + 1);
        if (i >= WARMUP) {
          ack[i - WARMUP] = acked - t0;
          endToEnd[i - WARMUP] = arrival.nanos() - t0;
        }
      }
      assertThat(arrivals.poll(200, TimeUnit.MILLISECONDS)).as("no extra records").isNull();
      System.out.printf("publish->ack      over %d records: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", MEASURED,
          percentile(ack, 50), percentile(ack, 99), percentile(ack, 100));
      System.out.printf("publish->consume  over %d records: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", MEASURED,
          percentile(endToEnd, 50), percentile(endToEnd, 99), percentile(endToEnd, 100));
    } finally {
      running.set(false);
      consumer.join(5000);
      sink.close().await();
      vertx.close().await();
    }
  }

  private record Arrival(String value, long nanos) {}

  /** A plain consumer on all partitions from their current end, polling with a short broker wait. */
  private static void consume(String topic, BlockingQueue<Arrival> out, AtomicBoolean running, CountDownLatch positioned) {
    Properties props = new Properties();
    props.put("bootstrap.servers", EmbeddedKafka.bootstrapServers());
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", StringDeserializer.class.getName());
    props.put("enable.auto.commit", "false");
    props.put("fetch.max.wait.ms", "10");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve the end offsets before the first record is sent
      positioned.countDown();
      while (running.get()) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          out.add(new Arrival(r.value(), System.nanoTime()));
        }
      }
    }
  }

  private static double percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
