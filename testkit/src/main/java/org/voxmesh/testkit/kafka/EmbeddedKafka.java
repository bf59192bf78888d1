package org.voxmesh.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.voxmesh.runtime.kafka.KafkaBrokerOptions;
import org.voxmesh.runtime.kafka.KafkaBrokerProcess;

/**
 * One real KRaft broker per test JVM, started on first use and shared by every test class in that surefire
 * fork; it stops (and its temporary folder goes) when the JVM exits. Plus plain kafka-clients helpers to
 * look at topics the way an outside consumer would.
 *
 * <p>Tests that share the broker should use their own topic names or session ids. A test that needs to stop
 * or restart a broker must start its own {@link KafkaBrokerProcess}, and can still use the helpers that take
 * a bootstrap address.
 */
public final class EmbeddedKafka {

  private static KafkaBrokerProcess broker;

  private EmbeddedKafka() {}

  /** The shared broker, started if needed (about 2 s the first time). */
  public static synchronized KafkaBrokerProcess broker() {
    if (broker == null || !broker.isRunning()) {
      broker = KafkaBrokerProcess.start(KafkaBrokerOptions.temporary());
    }
    return broker;
  }

  public static String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /** Creates a topic on the shared broker; an existing topic is left as it is. */
  public static void createTopic(String topic, int partitions) {
    createTopic(bootstrapServers(), topic, partitions);
  }

  public static void createTopic(String bootstrapServers, String topic, int partitions) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topic " + topic + " timed out", e);
    }
  }

  /** {@link #consumeAll(String, String, int, Duration)} on the shared broker. */
  public static List<ConsumedRecord> consumeAll(String topic, int expectedCount, Duration timeout) {
    return consumeAll(bootstrapServers(), topic, expectedCount, timeout);
  }

  /**
   * Reads the topic from the beginning of every partition until at least {@code expectedCount} records have
   * arrived, then on to the current end of every partition, so extra records (duplicates) show up too.
   * Returns what it has when the timeout passes, so a test can assert on the shortfall. Uses no consumer
   * group: nothing is committed and there is no group join to wait for. Order within a partition is kept.
   */
  public static List<ConsumedRecord> consumeAll(String bootstrapServers, String topic, int expectedCount,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumedRecord> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(bootstrapServers))) {
      List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
      if (partitions.isEmpty()) {
        return records;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (records.size() < expectedCount && System.nanoTime() < deadline) {
        poll(consumer, records);
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
      while (!reached(consumer, end) && System.nanoTime() < deadline) {
        poll(consumer, records);
      }
    }
    return records;
  }

  private static Properties consumerProps(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
    return props;
  }

  private static List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> consumer, String topic, long deadline) {
    while (true) {
      List<PartitionInfo> infos = partitionsFor(consumer, topic, deadline);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      }
      if (System.nanoTime() >= deadline) {
        return List.of();
      }
      sleep(50);
    }
  }

  private static List<PartitionInfo> partitionsFor(KafkaConsumer<?, ?> consumer, String topic, long deadline) {
    try {
      return consumer.partitionsFor(topic, remaining(deadline));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return List.of(); // the broker is not reachable (yet); the caller retries until its deadline
    }
  }

  private static void poll(KafkaConsumer<String, String> consumer, List<ConsumedRecord> into) {
    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
      into.add(new ConsumedRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value(), r.timestamp()));
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(Duration.ofMillis(100).toNanos(), deadline - System.nanoTime()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
