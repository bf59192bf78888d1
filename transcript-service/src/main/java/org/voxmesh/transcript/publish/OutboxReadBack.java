package org.voxmesh.transcript.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Before the outbox re-sends transcripts whose earlier delivery has an unknown outcome (the producer gave up
 * after its delivery timeout, or an earlier run stopped before recording the acknowledgement), this reads
 * the topic back to find the ones the broker did write, so they are not written twice.
 *
 * <p>Only the partitions the suspects' keys go to are read, each from the later of two lower bounds and up to
 * its end offset at the time of the check: every outbox transcript is produced with its outbox time as the
 * record timestamp, so a copy sits at or after {@code offsetsForTimes(its time - slack)}; and it was sent
 * only after the previous transcript of its session was acknowledged, so a copy sits after that one's offset.
 * A record matches a suspect when the key is the same and the value is byte for byte the same (pre-filtered by
 * length and CRC-32C here, compared in full by the caller). Blocking: runs on the sink's Kafka thread, never
 * on an event loop.
 */
final class OutboxReadBack {

  /** Room for a topic that stamps records with the broker's clock ({@code LogAppendTime}) instead of ours. */
  static final long SLACK_MS = 60_000;

  /**
   * A transcript to look for. {@code afterPartition}/{@code afterOffset}: where the previous transcript of its
   * session is in Kafka (-1 if unknown); it was sent only after that one was acknowledged, so a copy of it can
   * only be further on.
   */
  record Suspect(long id, String key, long createdAtMs, int valueLength, int valueCrc, int afterPartition,
      long afterOffset) {}

  record Match(long id, int partition, long offset, byte[] value) {}

  private OutboxReadBack() {}

  /** The default partitioner's choice for a keyed record: murmur2 of the key bytes. */
  static int partitionFor(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  static List<Match> find(String bootstrapServers, String topic, List<Suspect> suspects, Duration timeout) {
    if (suspects.isEmpty()) {
      return List.of();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "voxmesh-transcript-outbox-check");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(timeout.toMillis(), 30_000)));
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        return List.of();
      }
      int partitions = infos.size();
      // Suspects by the partition their key goes to, and per partition the earliest time to look from.
      Map<TopicPartition, List<Suspect>> byPartition = new HashMap<>();
      Map<TopicPartition, Long> fromTime = new HashMap<>();
      for (Suspect s : suspects) {
        TopicPartition tp = new TopicPartition(topic, partitionFor(s.key(), partitions));
        byPartition.computeIfAbsent(tp, k -> new ArrayList<>()).add(s);
        fromTime.merge(tp, Math.max(0, s.createdAtMs() - SLACK_MS), Math::min);
      }
      Map<TopicPartition, OffsetAndTimestamp> byTime = consumer.offsetsForTimes(fromTime, remaining(deadline));
      Map<TopicPartition, Long> ends = consumer.endOffsets(byPartition.keySet(), remaining(deadline));
      Map<TopicPartition, Long> starts = new HashMap<>();
      for (Map.Entry<TopicPartition, List<Suspect>> e : byPartition.entrySet()) {
        TopicPartition tp = e.getKey();
        OffsetAndTimestamp timeStart = byTime.get(tp);
        Long end = ends.get(tp);
        if (timeStart == null || end == null) {
          continue; // nothing in the partition as recent as the oldest suspect
        }
        // Both bounds hold for each suspect; the partition is read from the earliest any suspect needs.
        long start = Long.MAX_VALUE;
        for (Suspect s : e.getValue()) {
          long after = s.afterPartition() == tp.partition() ? s.afterOffset() + 1 : 0;
          start = Math.min(start, Math.max(timeStart.offset(), after));
        }
        if (start < end) {
          starts.put(tp, start);
        }
      }
      List<Match> matches = new ArrayList<>();
      if (starts.isEmpty()) {
        return matches;
      }
      Map<String, List<Suspect>> byKey = new HashMap<>();
      for (Suspect s : suspects) {
        byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
      }
      consumer.assign(starts.keySet());
      starts.forEach(consumer::seek);
      Set<Long> matched = new HashSet<>();
      Set<TopicPartition> open = new HashSet<>(starts.keySet());
      while (!open.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("reading " + topic + " back took longer than " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          Long end = ends.get(tp);
          if (end == null || r.offset() >= end || r.key() == null || r.value() == null) {
            continue;
          }
          List<Suspect> candidates = byKey.get(r.key());
          if (candidates == null) {
            continue;
          }
          Integer crc = null;
          for (Suspect s : candidates) {
            if (s.valueLength() != r.value().length || matched.contains(s.id())) {
              continue;
            }
            if (crc == null) {
              crc = TranscriptOutbox.crc(r.value(), 0, r.value().length);
            }
            if (s.valueCrc() == crc) {
              matched.add(s.id());
              matches.add(new Match(s.id(), r.partition(), r.offset(), r.value()));
              break;
            }
          }
        }
        open.removeIf(tp -> consumer.position(tp, remaining(deadline)) >= ends.get(tp));
      }
      return matches;
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }
}
