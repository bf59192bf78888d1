package org.voxmesh.webhook.dispatch;

import io.vertx.core.Future;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PartitionProgress} of every assigned partition of one dispatcher, and the commits built from them:
 * each partition commits the offset after its longest run of finished records, and only what is newer than its
 * last acknowledged commit. Confined to the dispatcher's event loop.
 */
final class OffsetTracker {

  private static final Logger LOG = LoggerFactory.getLogger(OffsetTracker.class);

  private final String endpointId;
  private final DispatchStats stats;
  private final Map<TopicPartition, PartitionProgress> partitions = new HashMap<>();
  private boolean commitRunning;

  OffsetTracker(String endpointId, DispatchStats stats) {
    this.endpointId = endpointId;
    this.stats = stats;
  }

  /** Fresh progress for newly assigned partitions (an old one for the same partition is revoked). */
  void assign(Set<TopicPartition> assigned) {
    for (TopicPartition tp : assigned) {
      PartitionProgress old = partitions.put(tp, new PartitionProgress());
      if (old != null) {
        old.revoke();
      }
    }
  }

  /** Forgets revoked partitions; their deliveries stop retrying and nothing more is committed for them. */
  void revoke(Set<TopicPartition> revoked) {
    for (TopicPartition tp : revoked) {
      PartitionProgress p = partitions.remove(tp);
      if (p != null) {
        p.revoke();
      }
    }
  }

  void revokeAll() {
    partitions.values().forEach(PartitionProgress::revoke);
  }

  /** A copy of the assigned partitions (safe to hand to the consumer's worker thread). */
  Set<TopicPartition> assigned() {
    return new HashSet<>(partitions.keySet());
  }

  /** The progress a record of {@code tp} at {@code offset} belongs to. */
  PartitionProgress progressFor(TopicPartition tp, long offset, PartitionProgress.Slot[] slot) {
    PartitionProgress progress = partitions.computeIfAbsent(tp, k -> new PartitionProgress());
    try {
      slot[0] = progress.track(offset);
    } catch (IllegalStateException e) {
      // Only a seek could do this; start a fresh run rather than commit over an unfinished record.
      LOG.warn("webhook endpoint {}: {} on {}, restarting its progress", endpointId, e.getMessage(), tp);
      progress.revoke();
      progress = new PartitionProgress();
      partitions.put(tp, progress);
      slot[0] = progress.track(offset);
    }
    return progress;
  }

  /**
   * Commits what finished; {@code force} issues it even while an earlier commit is unanswered. The future
   * completes when Kafka answered (which happens inside a later poll), successfully or not; a failed commit is
   * logged and simply retried by the next one.
   */
  Future<Void> commit(KafkaConsumer<?, ?> consumer, boolean force) {
    if (consumer == null || (commitRunning && !force)) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<TopicPartition, PartitionProgress> owners = new HashMap<>();
    partitions.forEach((tp, p) -> {
      if (!p.revoked() && p.hasUncommitted()) {
        offsets.put(tp, new OffsetAndMetadata(p.committable(), ""));
        owners.put(tp, p);
      }
    });
    if (offsets.isEmpty()) {
      return Future.succeededFuture();
    }
    commitRunning = true;
    return consumer.commit(offsets).transform(ar -> {
      commitRunning = false;
      if (ar.failed()) {
        LOG.warn("webhook endpoint {}: commit of {} partition(s) failed (the next one retries): {}", endpointId,
            offsets.size(), ar.cause().toString());
        return Future.succeededFuture();
      }
      stats.commits.incrementAndGet();
      offsets.forEach((tp, o) -> {
        owners.get(tp).committed(o.getOffset());
        stats.committed.merge(tp.getTopic() + "-" + tp.getPartition(), o.getOffset(), Math::max);
      });
      return Future.succeededFuture();
    });
  }
}
