package org.voxmesh.transcript.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.transcript.publish.TranscriptTopicAssertions.transcript;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;

/** The kcat command documented in docs/kafka-transcripts.md reads what the sink wrote. Skipped without kcat. */
class KcatReadsTranscriptsTest {

  @Test
  void documentedKcatCommandPrintsKeyAndJson() throws Exception {
    Assumptions.assumeTrue(onPath("kcat"), "kcat is not installed (apt-get install -y kcat)");
    String session = "sess_kcat_" + UUID.randomUUID();
    Vertx vertx = Vertx.vertx();
    try {
      KafkaTranscriptSink sink = KafkaTranscriptSink.start(vertx,
          KafkaSinkSettings.defaults(EmbeddedKafka.bootstrapServers())).await();
      List<TranscriptRecord> sent = List.of(transcript(session, 1), transcript(session, 2));
      Future.all(sent.stream().map(sink::publish).toList()).await(30, TimeUnit.SECONDS);
      sink.close().await();

      // kcat -b 127.0.0.1:9092 -C -t voxmesh.transcripts.v1 -o beginning -e -f '%k %s\n'
      // Output goes to a file: the shared topic can hold more than a pipe buffer, and kcat would block on it.
      Path out = Files.createTempFile("kcat", ".out");
      Process kcat = new ProcessBuilder("kcat", "-b", EmbeddedKafka.bootstrapServers(), "-C",
          "-t", Topics.TRANSCRIPTS, "-o", "beginning", "-e", "-f", "%k %s\\n")
          .redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      boolean exited = kcat.waitFor(30, TimeUnit.SECONDS);
      kcat.destroyForcibly();
      List<String> ours = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
          .filter(line -> line.startsWith(session + " "))
          .toList();
      Files.delete(out);

      assertThat(exited).as("kcat exits at the end of the topic").isTrue();

      assertThat(ours).hasSize(2);
      for (int i = 0; i < 2; i++) {
        String json = ours.get(i).substring(session.length() + 1);
        assertThat(TranscriptRecord.fromJson(json)).isEqualTo(sent.get(i));
      }
    } finally {
      vertx.close().await();
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> new File(dir, command).canExecute());
  }
}
