package org.voxmesh.transcript.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.voxmesh.bus.kafka.TranscriptRecord;

/**
 * A transcript service stand-in for {@link DurableTranscriptSinkOutageTest}: runs a {@link DurableTranscriptSink}
 * in its own JVM so the test can kill it outright (SIGKILL). Reads commands on stdin, answers on stdout:
 * {@code publish <session> <from> <to>} publishes those sequences and answers {@code stored <n>} once every
 * publish future completed; {@code stats} answers {@code stats <outbox transcripts> <delivered>}.
 *
 * <p>Arguments: bootstrap servers, topic, outbox folder, producer delivery timeout in ms.
 */
public final class OutboxChildMain {

  private OutboxChildMain() {}

  /** The {@code sequence}-th transcript of a session, the same in every JVM (fixed {@code created_at}). */
  static TranscriptRecord transcript(String sessionId, long sequence) {
    return TranscriptRecord.completed(sessionId, "item_" + sequence, sequence == 1 ? null : "item_" + (sequence - 1),
        sequence, "utterance " + sequence + " of " + sessionId, "en", "gpt-4o-transcribe", "pocketsphinx-en-us",
        (sequence - 1) * 1000, sequence * 1000 - 100, Instant.ofEpochSecond(1_764_000_000L + sequence));
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    KafkaSinkSettings kafka = KafkaSinkSettings.defaults(args[0]).withTopic(args[1])
        .withProducerOverride("delivery.timeout.ms", args[3])
        .withProducerOverride("request.timeout.ms", "1000");
    OutboxSettings outbox = OutboxSettings.defaults(Path.of(args[2]))
        .withProbe(Duration.ofMillis(250), Duration.ofSeconds(1));
    DurableTranscriptSink sink = DurableTranscriptSink.start(vertx, kafka, outbox).await(60, TimeUnit.SECONDS);
    System.out.println("ready");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] cmd = line.trim().split(" ");
      if (cmd[0].equals("publish")) {
        List<Future<Void>> stored = new ArrayList<>();
        for (long seq = Long.parseLong(cmd[2]); seq <= Long.parseLong(cmd[3]); seq++) {
          stored.add(sink.publish(transcript(cmd[1], seq)));
        }
        Future.all(stored).await(30, TimeUnit.SECONDS);
        System.out.println("stored " + stored.size());
      } else if (cmd[0].equals("stats")) {
        DurableTranscriptSink.Stats s = sink.stats();
        System.out.println("stats " + s.outboxTranscripts() + " " + s.delivered());
      }
      System.out.flush();
    }
  }
}
