package org.voxmesh.transcript.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the durable transcript outbox ({@link TranscriptOutbox}) and of the
 * {@link DurableTranscriptSink} that drains it to Kafka.
 *
 * @param dir folder of the outbox segment files (created if missing; one process at a time, enforced by a lock)
 * @param slots 1: {@code dir} or nothing. More: when another sink holds {@code dir}, the next free of
 *     {@code dir-1 .. dir-(slots-1)} is used instead, so several instances can share one data folder; each
 *     replays what an earlier instance left in the slot it takes
 * @param maxBytes most bytes the segment files may hold; a publish that would go beyond fails with
 *     {@link TranscriptOutboxFullException}
 * @param segmentBytes a segment file is closed and a new one started once it reaches this size; a segment is
 *     deleted once every transcript in it (and in every older segment) is in Kafka
 * @param fsync when appended transcripts are forced to disk, see {@link Fsync}
 * @param fsyncInterval for {@link Fsync#INTERVAL}: at most this long between two forces
 * @param probeInterval while Kafka is unreachable, how often the sink asks the broker whether it is back
 * @param probeTimeout how long one such question may take
 * @param closeTimeout how long {@link DurableTranscriptSink#close()} waits for transcripts still on their way
 *     to Kafka; what is not acknowledged by then stays in the outbox for the next start
 */
public record OutboxSettings(
    Path dir,
    int slots,
    long maxBytes,
    long segmentBytes,
    Fsync fsync,
    Duration fsyncInterval,
    Duration probeInterval,
    Duration probeTimeout,
    Duration closeTimeout) {

  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
  public static final long DEFAULT_SEGMENT_BYTES = 4L * 1024 * 1024;
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(3);
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  /** The smallest outbox accepted: a few transcripts. */
  public static final long MIN_MAX_BYTES = 4096;

  /** When an appended transcript is forced to the disk ({@code FileChannel.force}). */
  public enum Fsync {
    /**
     * Before its publish future completes (group commit: one force for all transcripts appended meanwhile).
     * A completed publish survives a crash of the process and of the machine.
     */
    ALWAYS,
    /**
     * At most every {@code fsyncInterval}; a publish completes once the transcript is written to the file.
     * A crash of the process loses nothing (the data is in the OS page cache); a crash of the machine can
     * lose the last interval.
     */
    INTERVAL,
    /** Never forced by Voxmesh: the OS writes the pages back when it likes (Linux: within about 30 s). */
    NEVER;

    public static Fsync parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("fsync: '" + value + "' (expected: always, interval or never)");
      }
    }
  }

  public OutboxSettings {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(fsync, "fsync");
    if (slots < 1 || slots > 100) {
      throw new IllegalArgumentException("slots: " + slots + " (expected: 1..100)");
    }
    if (maxBytes < MIN_MAX_BYTES) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= " + MIN_MAX_BYTES + ")");
    }
    if (segmentBytes < 1024 || segmentBytes > maxBytes) {
      throw new IllegalArgumentException("segmentBytes: " + segmentBytes + " (expected: 1024 .. maxBytes)");
    }
    requirePositive(fsyncInterval, "fsyncInterval");
    requirePositive(probeInterval, "probeInterval");
    requirePositive(probeTimeout, "probeTimeout");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    if (closeTimeout.isNegative()) {
      throw new IllegalArgumentException("closeTimeout: " + closeTimeout + " (expected: >= 0)");
    }
  }

  /** 256 MiB, 4 MiB segments (or maxBytes/8 if smaller), fsync always, probe every 2 s, one slot. */
  public static OutboxSettings defaults(Path dir) {
    return new OutboxSettings(dir, 1, DEFAULT_MAX_BYTES, DEFAULT_SEGMENT_BYTES, Fsync.ALWAYS, DEFAULT_FSYNC_INTERVAL,
        DEFAULT_PROBE_INTERVAL, DEFAULT_PROBE_TIMEOUT, DEFAULT_CLOSE_TIMEOUT);
  }

  /** Also shrinks the segment size to an eighth of {@code maxBytes} when it would not fit eight times. */
  public OutboxSettings withMaxBytes(long maxBytes) {
    long segment = Math.max(1024, Math.min(segmentBytes, maxBytes / 8));
    return new OutboxSettings(dir, slots, maxBytes, segment, fsync, fsyncInterval, probeInterval, probeTimeout,
        closeTimeout);
  }

  public OutboxSettings withDir(Path dir, int slots) {
    return new OutboxSettings(dir, slots, maxBytes, segmentBytes, fsync, fsyncInterval, probeInterval, probeTimeout,
        closeTimeout);
  }

  public OutboxSettings withSegmentBytes(long segmentBytes) {
    return new OutboxSettings(dir, slots, maxBytes, segmentBytes, fsync, fsyncInterval, probeInterval, probeTimeout,
        closeTimeout);
  }

  public OutboxSettings withFsync(Fsync fsync, Duration interval) {
    return new OutboxSettings(dir, slots, maxBytes, segmentBytes, fsync, interval, probeInterval, probeTimeout,
        closeTimeout);
  }

  public OutboxSettings withProbe(Duration interval, Duration timeout) {
    return new OutboxSettings(dir, slots, maxBytes, segmentBytes, fsync, fsyncInterval, interval, timeout,
        closeTimeout);
  }

  public OutboxSettings withCloseTimeout(Duration closeTimeout) {
    return new OutboxSettings(dir, slots, maxBytes, segmentBytes, fsync, fsyncInterval, probeInterval, probeTimeout,
        closeTimeout);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
  }
}
