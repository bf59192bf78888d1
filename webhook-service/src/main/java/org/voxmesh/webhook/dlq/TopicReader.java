package org.voxmesh.webhook.dlq;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.voxmesh.webhook.event.SourceRecord;

/**
 * Reads a time range of topics once, for a replay: from the first record at or after {@code since} (or the
 * beginning) up to the end offsets taken at the start, so records written meanwhile are not chased. No consumer
 * group: nothing is committed and the dispatchers' offsets are untouched.
 *
 * <p><b>Blocking</b>: call it on a worker thread.
 */
public final class TopicReader {

  /**
   * @param records in offset order within each partition
   * @param truncated true when {@code limit} stopped the read before the end
   */
  public record Result(List<SourceRecord> records, boolean truncated) {}

  private TopicReader() {}

  public static Result read(String bootstrapServers, List<String> topics, Instant since, Instant until, int limit,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "voxmesh-webhooks-replay");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    try (KafkaConsumer<String, byte[]> consumer =
             new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, remaining(deadline));
        if (infos != null) {
          infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
      }
      List<SourceRecord> out = new ArrayList<>();
      if (partitions.isEmpty()) {
        return new Result(out, false);
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
      Map<TopicPartition, Long> start = startOffsets(consumer, partitions, since, end, deadline);
      start.forEach(consumer::seek);
      boolean truncated = false;
      while (!reachedEnd(consumer, end) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() >= end.get(tp) || (until != null && r.timestamp() >= until.toEpochMilli())) {
            continue;
          }
          if (out.size() >= limit) {
            truncated = true;
            break;
          }
          out.add(new SourceRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value(), r.timestamp()));
        }
        if (truncated) {
          break;
        }
      }
      if (!truncated && !reachedEnd(consumer, end)) {
        throw new IllegalStateException("reading " + topics + " did not reach the end within " + timeout);
      }
      return new Result(out, truncated);
    }
  }

  private static Map<TopicPartition, Long> startOffsets(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
      Instant since, Map<TopicPartition, Long> end, long deadline) {
    if (since == null) {
      return consumer.beginningOffsets(partitions, remaining(deadline));
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, since.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, remaining(deadline));
    Map<TopicPartition, Long> start = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp o = found.get(tp);
      start.put(tp, o == null ? end.get(tp) : o.offset());
    }
    return start;
  }

  private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(Duration.ofMillis(100).toNanos(), deadline - System.nanoTime()));
  }
}
