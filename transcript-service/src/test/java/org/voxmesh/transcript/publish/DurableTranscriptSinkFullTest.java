package org.voxmesh.transcript.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.transcript.publish.OutboxChildMain.transcript;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No broker at all: the sink still starts and stores transcripts, and once its outbox reaches the size limit
 * a publish fails at once with a message that says what happened, instead of filling the disk.
 */
class DurableTranscriptSinkFullTest {

  @TempDir
  Path dir;

  @Test
  void aFullOutboxRefusesTranscriptsLoudlyAndKeepsWhatItHas() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Vertx vertx = Vertx.vertx();
    OutboxSettings settings = OutboxSettings.defaults(dir).withMaxBytes(16 * 1024)
        .withProbe(Duration.ofMillis(250), Duration.ofMillis(500));
    DurableTranscriptSink sink = DurableTranscriptSink.start(vertx,
        KafkaSinkSettings.defaults("127.0.0.1:" + closedPort), settings).await(30, TimeUnit.SECONDS);
    try {
      assertThat(sink.stats().state()).isIn(DurableTranscriptSink.State.CONNECTING, DurableTranscriptSink.State.DOWN);
      int stored = 0;
      Throwable refusal = null;
      for (long seq = 1; seq <= 200 && refusal == null; seq++) {
        Future<Void> f = sink.publish(transcript("sess_full", seq));
        try {
          f.await(5, TimeUnit.SECONDS);
          stored++;
        } catch (Exception e) {
          refusal = f.cause();
        }
      }
      assertThat(stored).as("transcripts stored before the outbox was full").isBetween(20, 60);
      assertThat(refusal).isInstanceOf(TranscriptOutboxFullException.class)
          .isInstanceOf(TranscriptSinkOverloadedException.class)
          .hasMessageContaining("transcript outbox full")
          .hasMessageContaining(dir.toAbsolutePath().toString())
          .hasMessageContaining("transcripts.outbox.max.mb")
          .hasMessageContaining("sess_full #" + (stored + 1))
          .hasMessageContaining("was NOT stored");
      System.out.println("refusal: " + refusal.getMessage());

      // Still full: refused again, at once; nothing more on disk.
      long t0 = System.nanoTime();
      Future<Void> again = sink.publish(transcript("sess_other", 1));
      assertThat(again.transform(ar -> Future.succeededFuture(ar.cause())).await(5, TimeUnit.SECONDS))
          .isInstanceOf(TranscriptOutboxFullException.class);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
      DurableTranscriptSink.Stats stats = sink.stats();
      assertThat(stats.rejectedFull()).isEqualTo(2);
      assertThat(stats.outboxTranscripts()).isEqualTo(stored);
      assertThat(stats.outboxBytes()).isLessThanOrEqualTo(16 * 1024).isEqualTo(diskBytes());
    } finally {
      sink.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    // What was stored is still there for the next start.
    try (TranscriptOutbox outbox = TranscriptOutbox.open(OutboxSettings.defaults(dir))) {
      assertThat(outbox.loaded()).hasSizeBetween(20, 60).allMatch(e -> e.key.equals("sess_full"));
    }
  }

  private long diskBytes() throws Exception {
    long total = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.toString().endsWith(TranscriptOutbox.SUFFIX)).toList()) {
        total += Files.size(p);
      }
    }
    return total;
  }
}
