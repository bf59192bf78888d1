package org.voxmesh.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.testkit.kafka.EmbeddedKafka;

/** Shared test helpers: unique topics, settings with short timings, a plain producer, offsets as Kafka sees them. */
final class Fixtures {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Fixtures() {}

  /** Topic and group names no other test uses. */
  record Names(String transcripts, String sessionEvents, String dlq, String group) {
    static Names unique(String test) {
      String id = test + "-" + UUID.randomUUID().toString().substring(0, 8);
      return new Names("wh." + id + ".transcripts", "wh." + id + ".session-events", "wh." + id + ".dlq",
          "wh-" + id);
    }
  }

  static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  /** One endpoint of the {@code webhook.endpoints} JSON. */
  static ObjectNode endpoint(String id, String url, String secret, String... eventTypes) {
    ObjectNode e = JSON.createObjectNode().put("id", id).put("url", url).put("secret", secret);
    if (eventTypes.length > 0) {
      ArrayNode types = e.putArray("event_types");
      for (String t : eventTypes) {
        types.add(t);
      }
    }
    return e;
  }

  static String endpoints(ObjectNode... endpoints) {
    ArrayNode arr = JSON.createArrayNode();
    for (ObjectNode e : endpoints) {
      arr.add(e);
    }
    return arr.toString();
  }

  /** Settings for a test: its own topics and group, fast commits, short backoffs, admin on a free port. */
  static Map<String, String> settings(Names names, String endpointsJson) {
    Map<String, String> s = new HashMap<>();
    s.put("kafka.bootstrap.servers", EmbeddedKafka.bootstrapServers());
    s.put("webhook.endpoints", endpointsJson);
    s.put("webhook.topic.transcripts", names.transcripts());
    s.put("webhook.topic.session.events", names.sessionEvents());
    s.put("webhook.topic.dlq", names.dlq());
    s.put("webhook.group.id", names.group());
    s.put("webhook.retry.initial.backoff.ms", "20");
    s.put("webhook.retry.max.backoff.ms", "200");
    s.put("webhook.retry.deadline.ms", "30000");
    s.put("webhook.request.timeout.ms", "2000");
    s.put("webhook.commit.interval.ms", "100");
    s.put("webhook.shutdown.grace.ms", "0");
    s.put("webhook.topic.refresh.ms", "1000");
    s.put("webhook.admin.port", "0");
    return s;
  }

  static WebhookConfig config(Map<String, String> settings) {
    return WebhookConfig.from(Settings.of(settings));
  }

  static TranscriptRecord transcript(String session, long sequence) {
    return TranscriptRecord.completed(session, "item_" + session + "_" + sequence,
        sequence == 1 ? null : "item_" + session + "_" + (sequence - 1), sequence, "words number " + sequence, "en",
        "gpt-4o-transcribe", "pocketsphinx-en-us", sequence * 1000, sequence * 1000 + 800,
        Instant.parse("2025-11-26T09:41:07.123Z").plusSeconds(sequence));
  }

  static KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(p);
  }

  /** Sends and waits for the acknowledgement; returns where the record landed. */
  static RecordMetadata send(KafkaProducer<String, String> producer, String topic, String key, String value) {
    try {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("produce to " + topic + " failed", e);
    }
  }

  static RecordMetadata send(KafkaProducer<String, String> producer, String topic, TranscriptRecord t) {
    return send(producer, topic, t.kafkaKey(), t.toJson());
  }

  /** Sends all (pipelined), waits for every acknowledgement, and returns where each landed, in order. */
  static List<RecordMetadata> sendAll(KafkaProducer<String, String> producer, String topic, List<TranscriptRecord> ts) {
    List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
    for (TranscriptRecord t : ts) {
      acks.add(producer.send(new ProducerRecord<>(topic, t.kafkaKey(), t.toJson())));
    }
    List<RecordMetadata> out = new ArrayList<>();
    for (java.util.concurrent.Future<RecordMetadata> ack : acks) {
      try {
        out.add(ack.get(30, TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new IllegalStateException("produce to " + topic + " failed", e);
      }
    }
    return out;
  }

  /** {@code sessions} sessions of {@code perSession} transcripts each, interleaved the way live sessions publish. */
  static List<TranscriptRecord> interleaved(String prefix, int sessions, int perSession) {
    List<TranscriptRecord> out = new ArrayList<>();
    for (int seq = 1; seq <= perSession; seq++) {
      for (int s = 0; s < sessions; s++) {
        out.add(transcript(prefix + s, seq));
      }
    }
    return out;
  }

  /** The group's committed offsets on {@code topic} (partition -> offset; absent when none), as Kafka has them. */
  static Map<Integer, Long> committed(String group, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> tps = new ArrayList<>();
      for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(10))) {
        tps.add(new TopicPartition(topic, info.partition()));
      }
      // kafka-clients' own Consumer#committed(Set, Duration), not the Vert.x wrapper the infra notes warn about.
      Map<TopicPartition, OffsetAndMetadata> offsets = c.committed(Set.copyOf(tps), Duration.ofSeconds(10));
      Map<Integer, Long> out = new LinkedHashMap<>();
      offsets.forEach((tp, o) -> {
        if (o != null) {
          out.put(tp.partition(), o.offset());
        }
      });
      return out;
    }
  }

  /** Waits for a Vert.x future from a test thread (never from an event loop). */
  static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out after 30 s", e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls {@code condition} every 20 ms until it holds; fails with {@code what} after {@code timeout}. */
  static void awaitUntil(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + ": " + what.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }
}
