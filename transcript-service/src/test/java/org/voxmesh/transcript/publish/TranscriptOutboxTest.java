package org.voxmesh.transcript.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.transcript.publish.TranscriptOutbox.Entry;
import org.voxmesh.transcript.publish.TranscriptOutbox.Resolution;

/** The outbox files alone: what survives a reopen, torn tails, rotation and deletion, the size limit, the lock. */
class TranscriptOutboxTest {

  @TempDir
  Path dir;

  private OutboxSettings settings() {
    return OutboxSettings.defaults(dir);
  }

  private static byte[] value(String key, int i) {
    return ("{\"session_id\":\"" + key + "\",\"sequence\":" + i + ",\"transcript\":\"words " + i + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void unresolvedTranscriptsComeBackInOrderAfterAReopen() throws Exception {
    try (TranscriptOutbox outbox = TranscriptOutbox.open(settings())) {
      assertThat(outbox.loaded()).isEmpty();
      List<Entry> entries = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        entries.add(outbox.append(i % 2 == 0 ? "sess_b" : "sess_a", value("s", i), 1000L + i));
      }
      outbox.resolve(entries.get(0), Resolution.ACKNOWLEDGED, 2, 17);
      outbox.resolve(entries.get(3), Resolution.FOUND_IN_KAFKA, 0, 4);
      assertThat(outbox.unresolved()).isEqualTo(3);
      outbox.sync();
    }
    try (TranscriptOutbox outbox = TranscriptOutbox.open(settings())) {
      List<Entry> loaded = outbox.loaded();
      assertThat(loaded).extracting(e -> e.key).containsExactly("sess_b", "sess_a", "sess_a");
      assertThat(loaded).extracting(e -> e.createdAtMs).containsExactly(1002L, 1003L, 1005L);
      assertThat(loaded).allMatch(e -> e.suspect);
      assertThat(outbox.value(loaded.get(1))).isEqualTo(value("s", 3));
      // New ids continue above the old ones.
      Entry next = outbox.append("sess_c", value("c", 1), 2000);
      assertThat(next.id).isGreaterThan(loaded.get(2).id);
    }
  }

  @Test
  void aWriteCutShortByACrashIsTruncatedAndTheRestKept() throws Exception {
    try (TranscriptOutbox outbox = TranscriptOutbox.open(settings())) {
      outbox.append("sess_a", value("a", 1), 1);
      outbox.append("sess_a", value("a", 2), 2);
    }
    Path segment = segments().get(0);
    long goodSize = Files.size(segment);
    // Half a frame: a length prefix that promises more than is there.
    Files.write(segment, new byte[] {0, 0, 1, 0, 9, 9, 9}, StandardOpenOption.APPEND);
    try (TranscriptOutbox outbox = TranscriptOutbox.open(settings())) {
      assertThat(outbox.loaded()).hasSize(2);
      assertThat(outbox.value(outbox.loaded().get(1))).isEqualTo(value("a", 2));
    }
    assertThat(Files.size(segment)).isEqualTo(goodSize);
  }

  @Test
  void aCorruptedFrameEndsItsSegmentAndIsDetectedByTheCrc() throws Exception {
    try (TranscriptOutbox outbox = TranscriptOutbox.open(settings())) {
      outbox.append("sess_a", value("a", 1), 1);
      outbox.append("sess_a", value("a", 2), 2);
    }
    Path segment = segments().get(0);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 3] ^= 0x55; // inside the second transcript's value
    Files.write(segment, bytes);
    try (TranscriptOutbox outbox = TranscriptOutbox.open(settings())) {
      assertThat(outbox.loaded()).hasSize(1);
    }
  }

  @Test
  void resolvedSegmentsAreDeletedSoAHealthyOutboxStaysSmall() throws Exception {
    OutboxSettings small = settings().withMaxBytes(64 * 1024).withSegmentBytes(1024);
    try (TranscriptOutbox outbox = TranscriptOutbox.open(small)) {
      for (int i = 1; i <= 500; i++) {
        Entry e = outbox.append("sess_a", value("a", i), i);
        outbox.resolve(e, Resolution.ACKNOWLEDGED, 0, i);
      }
      assertThat(outbox.unresolved()).isZero();
      assertThat(outbox.segments()).isLessThanOrEqualTo(2);
      assertThat(segments()).hasSize(outbox.segments());
      assertThat(outbox.bytes()).isLessThanOrEqualTo(2 * 1024 + 200);
      assertThat(outbox.bytes()).isEqualTo(totalSize());
    }
  }

  @Test
  void anUnresolvedTranscriptKeepsItsSegmentAndEveryNewerOne() throws Exception {
    OutboxSettings small = settings().withMaxBytes(64 * 1024).withSegmentBytes(1024);
    Entry first;
    try (TranscriptOutbox outbox = TranscriptOutbox.open(small)) {
      first = outbox.append("sess_stuck", value("x", 1), 1);
      for (int i = 1; i <= 100; i++) {
        Entry e = outbox.append("sess_a", value("a", i), i);
        outbox.resolve(e, Resolution.ACKNOWLEDGED, 0, i);
      }
      assertThat(outbox.segments()).isGreaterThan(5);
    }
    try (TranscriptOutbox outbox = TranscriptOutbox.open(small)) {
      assertThat(outbox.loaded()).hasSize(1);
      Entry stuck = outbox.loaded().get(0);
      assertThat(stuck.id).isEqualTo(first.id);
      outbox.resolve(stuck, Resolution.ACKNOWLEDGED, 0, 0);
      assertThat(outbox.segments()).isEqualTo(1);
    }
    try (TranscriptOutbox outbox = TranscriptOutbox.open(small)) {
      assertThat(outbox.loaded()).isEmpty();
    }
  }

  @Test
  void appendReturnsNullInsteadOfGrowingPastTheLimit() throws Exception {
    OutboxSettings tiny = settings().withMaxBytes(OutboxSettings.MIN_MAX_BYTES);
    try (TranscriptOutbox outbox = TranscriptOutbox.open(tiny)) {
      int stored = 0;
      while (outbox.append("sess_a", value("a", stored), stored) != null) {
        stored++;
      }
      assertThat(stored).isGreaterThan(10);
      assertThat(outbox.bytes()).isLessThanOrEqualTo(OutboxSettings.MIN_MAX_BYTES);
      assertThat(totalSize()).isEqualTo(outbox.bytes());
    }
  }

  @Test
  void oneProcessAtATime() throws Exception {
    try (TranscriptOutbox outbox = TranscriptOutbox.open(settings())) {
      assertThatThrownBy(() -> TranscriptOutbox.open(settings()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("in use by another transcript service");
    }
    TranscriptOutbox.open(settings()).close(); // released
  }

  @Test
  void withSlotsASecondSinkTakesTheNextFreeFolderAndReplaysWhatIsThere() throws Exception {
    OutboxSettings shared = settings().withDir(dir.resolve("transcripts"), 3);
    try (TranscriptOutbox first = TranscriptOutbox.open(shared);
        TranscriptOutbox second = TranscriptOutbox.open(shared)) {
      assertThat(first.dir()).isEqualTo(dir.resolve("transcripts"));
      assertThat(second.dir()).isEqualTo(dir.resolve("transcripts-1"));
      second.append("sess_b", value("b", 1), 1);
      try (TranscriptOutbox third = TranscriptOutbox.open(shared)) {
        assertThat(third.dir()).isEqualTo(dir.resolve("transcripts-2"));
        assertThatThrownBy(() -> TranscriptOutbox.open(shared))
            .isInstanceOf(TranscriptOutbox.LockedException.class)
            .hasMessageContaining("transcripts-1 .. transcripts-2");
      }
    }
    try (TranscriptOutbox first = TranscriptOutbox.open(shared);
        TranscriptOutbox second = TranscriptOutbox.open(shared)) {
      assertThat(second.loaded()).extracting(e -> e.key).containsExactly("sess_b");
    }
  }

  @Test
  void refusesAFileItDoesNotUnderstand() throws Exception {
    Files.write(dir.resolve("00000000000000000001.outbox"), "not an outbox".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> TranscriptOutbox.open(settings()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a transcript outbox segment");
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(TranscriptOutbox.SUFFIX)).sorted().toList();
    }
  }

  private long totalSize() throws IOException {
    long total = 0;
    for (Path p : segments()) {
      total += Files.size(p);
    }
    return total;
  }
}
