package org.voxmesh.transcript.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.transcript.publish.OutboxChildMain.transcript;
import static org.voxmesh.transcript.publish.TranscriptTopicAssertions.assertExactlyOnceInOrder;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.runtime.kafka.KafkaBrokerOptions;
import org.voxmesh.runtime.kafka.KafkaBrokerProcess;
import org.voxmesh.testkit.kafka.ConsumedRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.transcript.publish.TranscriptOutbox.Entry;

/**
 * The durable sink against a real broker that is stopped and started again on the same port and data folder:
 * transcripts published meanwhile are stored at once, reach Kafka afterwards exactly once per
 * {@code (session_id, sequence)} and in per-session order, also when the process holding them is killed
 * outright, and transcripts of unknown outcome are not written twice. One broker for the class; each test
 * uses its own topic and leaves the broker running.
 */
class DurableTranscriptSinkOutageTest {

  /** Short enough that records in flight when the broker stops are given up on during the outage. */
  private static final int DELIVERY_TIMEOUT_MS = 3000;

  private static KafkaBrokerProcess broker;
  private static Vertx vertx;

  @TempDir
  Path dir;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBrokerProcess.start(KafkaBrokerOptions.temporary());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  private static DurableTranscriptSink startSink(String topic, Path outboxDir) throws Exception {
    KafkaSinkSettings kafka = KafkaSinkSettings.defaults(broker.bootstrapServers()).withTopic(topic)
        .withProducerOverride("delivery.timeout.ms", Integer.toString(DELIVERY_TIMEOUT_MS))
        .withProducerOverride("request.timeout.ms", "1000");
    OutboxSettings outbox = OutboxSettings.defaults(outboxDir).withProbe(Duration.ofMillis(250), Duration.ofSeconds(1));
    return DurableTranscriptSink.start(vertx, kafka, outbox).await(60, TimeUnit.SECONDS);
  }

  @Test
  void transcriptsPublishedWhileTheBrokerIsDownReachKafkaOnceAndInOrder() throws Exception {
    String topic = "voxmesh.transcripts.v1.outage-" + UUID.randomUUID();
    List<String> sessions = List.of("sess_out_a", "sess_out_b", "sess_out_c");
    Map<String, List<TranscriptRecord>> sent = new LinkedHashMap<>();
    Map<String, Long> next = new LinkedHashMap<>();
    sessions.forEach(s -> next.put(s, 1L));
    DurableTranscriptSink sink = startSink(topic, dir);
    try {
      Future.all(publishRound(sink, sessions, 10, sent, next)).await(10, TimeUnit.SECONDS);
      awaitDrained(sink, Duration.ofSeconds(10));

      broker.stop();
      long stoppedAt = System.nanoTime();
      ConcurrentLinkedQueue<Long> storeMillis = new ConcurrentLinkedQueue<>();
      List<Future<Void>> whileDown = new ArrayList<>();
      for (int i = 0; i < 200; i++) { // one every 50 ms for 10 s, the three sessions interleaved
        String session = sessions.get(i % sessions.size());
        long seq = next.merge(session, 1L, Long::sum) - 1;
        TranscriptRecord r = transcript(session, seq);
        sent.computeIfAbsent(session, k -> new ArrayList<>()).add(r);
        long t0 = System.nanoTime();
        whileDown.add(sink.publish(r).onSuccess(v -> storeMillis.add((System.nanoTime() - t0) / 1_000_000)));
        Thread.sleep(50);
      }
      Future.all(whileDown).await(10, TimeUnit.SECONDS);
      DurableTranscriptSink.Stats down = sink.stats();
      long outageMs = (System.nanoTime() - stoppedAt) / 1_000_000;
      long maxStore = storeMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
      System.out.printf("outage of %d ms: 200 publishes stored in at most %d ms each; %s%n", outageMs, maxStore, down);
      assertThat(maxStore).as("a publish never waits for Kafka").isLessThan(1000);
      assertThat(down.state()).as("the producer gave up after its delivery timeout").isEqualTo(
          DurableTranscriptSink.State.DOWN);
      assertThat(down.outboxTranscripts()).isEqualTo(200);
      assertThat(down.delivered()).isEqualTo(30);

      long restartAt = System.nanoTime();
      broker.start(); // same port, same data folder
      long startedAt = System.nanoTime();
      awaitDrained(sink, Duration.ofSeconds(30));
      System.out.printf("broker restart took %d ms; the outbox's 200 transcripts were in Kafka %d ms after it was "
              + "back; %s%n", (startedAt - restartAt) / 1_000_000, (System.nanoTime() - startedAt) / 1_000_000,
          sink.stats());

      Future.all(publishRound(sink, sessions, 5, sent, next)).await(10, TimeUnit.SECONDS);
      awaitDrained(sink, Duration.ofSeconds(10));
      assertThat(sink.stats().delivered() + sink.stats().foundInKafka()).isEqualTo(3 * 10 + 200 + 3 * 5);
    } finally {
      sink.close().await(30, TimeUnit.SECONDS);
    }
    List<ConsumedRecord> all = EmbeddedKafka.consumeAll(broker.bootstrapServers(), topic, 3 * 10 + 200 + 3 * 5,
        Duration.ofSeconds(30));
    assertExactlyOnceInOrder(all, sent);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(TranscriptOutbox.SUFFIX)).count())
          .as("a drained outbox keeps at most its active segment").isLessThanOrEqualTo(1);
    }
  }

  @Test
  void transcriptsStoredByAProcessKilledMidOutageAreSentByTheNextOne() throws Exception {
    String topic = "voxmesh.transcripts.v1.crash-" + UUID.randomUUID();
    List<String> sessions = List.of("sess_crash_a", "sess_crash_b", "sess_crash_c");
    Path log = dir.resolve("child.log");
    Path outboxDir = dir.resolve("outbox");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OutboxChildMain.class.getName(),
        broker.bootstrapServers(), topic, outboxDir.toString(), Integer.toString(DELIVERY_TIMEOUT_MS))
        .redirectError(log.toFile())
        .start();
    Map<String, List<TranscriptRecord>> sent = new LinkedHashMap<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      PrintWriter in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
      expect(out, "ready", log);
      for (String s : sessions) {
        in.println("publish " + s + " 1 10");
        expect(out, "stored 10", log);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String stats;
      do {
        in.println("stats");
        stats = out.readLine();
      } while (!"stats 0 30".equals(stats) && System.nanoTime() < deadline);
      assertThat(stats).as("the first 30 delivered before the outage").isEqualTo("stats 0 30");

      broker.stop();
      for (String s : sessions) {
        in.println("publish " + s + " 11 40");
        expect(out, "stored 30", log);
      }
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no close, no flush, no goodbye
    } finally {
      child.destroyForcibly();
    }
    for (String s : sessions) {
      for (long seq = 1; seq <= 40; seq++) {
        sent.computeIfAbsent(s, k -> new ArrayList<>()).add(transcript(s, seq));
      }
    }

    broker.start();
    DurableTranscriptSink next = startSink(topic, outboxDir);
    try {
      awaitDrained(next, Duration.ofSeconds(30));
      System.out.printf("after the kill: %s%n", next.stats());
      assertThat(next.stats().delivered() + next.stats().foundInKafka()).isEqualTo(90);
    } finally {
      next.close().await(30, TimeUnit.SECONDS);
    }
    List<ConsumedRecord> all = EmbeddedKafka.consumeAll(broker.bootstrapServers(), topic, 120, Duration.ofSeconds(30));
    assertExactlyOnceInOrder(all, sent);
  }

  @Test
  void transcriptsTheBrokerAlreadyHasAreNotWrittenAgain() throws Exception {
    String topic = "voxmesh.transcripts.v1.readback-" + UUID.randomUUID();
    EmbeddedKafka.createTopic(broker.bootstrapServers(), topic, 3);
    Map<String, List<TranscriptRecord>> sent = new LinkedHashMap<>();
    // An earlier run stored these, sent some, and stopped before it recorded the acknowledgements.
    List<Entry> stored = new ArrayList<>();
    try (TranscriptOutbox outbox = TranscriptOutbox.open(OutboxSettings.defaults(dir))) {
      for (String s : List.of("sess_rb_x", "sess_rb_y")) {
        for (long seq = 1; seq <= 5; seq++) {
          TranscriptRecord r = transcript(s, seq);
          sent.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
          stored.add(outbox.append(r.kafkaKey(), r.toJsonBytes(), System.currentTimeMillis()));
        }
      }
      outbox.sync();
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
      for (String s : List.of("sess_rb_x", "sess_rb_y")) {
        for (long seq = 1; seq <= (s.endsWith("x") ? 3 : 1); seq++) {
          TranscriptRecord r = transcript(s, seq);
          producer.send(new ProducerRecord<>(topic, r.kafkaKey(), r.toJsonBytes())).get(10, TimeUnit.SECONDS);
        }
      }
    }

    DurableTranscriptSink sink = startSink(topic, dir);
    try {
      awaitDrained(sink, Duration.ofSeconds(30));
      assertThat(sink.stats().foundInKafka()).as("found by reading the topic back").isEqualTo(4);
      assertThat(sink.stats().delivered()).isEqualTo(6);
    } finally {
      sink.close().await(30, TimeUnit.SECONDS);
    }
    List<ConsumedRecord> all = EmbeddedKafka.consumeAll(broker.bootstrapServers(), topic, 10, Duration.ofSeconds(30));
    assertExactlyOnceInOrder(all, sent);
  }

  // ---------------------------------------------------------------------------------------------------------

  private static List<Future<Void>> publishRound(DurableTranscriptSink sink, List<String> sessions, int n,
      Map<String, List<TranscriptRecord>> sent, Map<String, Long> next) {
    List<Future<Void>> stored = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (String session : sessions) {
        long seq = next.merge(session, 1L, Long::sum) - 1;
        TranscriptRecord r = transcript(session, seq);
        sent.computeIfAbsent(session, k -> new ArrayList<>()).add(r);
        stored.add(sink.publish(r));
      }
    }
    return stored;
  }

  static void awaitDrained(DurableTranscriptSink sink, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      DurableTranscriptSink.Stats s = sink.stats();
      if (s.outboxTranscripts() == 0 && s.inFlight() == 0 && s.state() == DurableTranscriptSink.State.UP) {
        return;
      }
      assertThat(System.nanoTime()).as("outbox drained within " + timeout + ": " + s).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void expect(BufferedReader out, String line, Path log) throws IOException {
    String got = out.readLine();
    assertThat(got).as("child answered; its log:\n" + (Files.exists(log) ? Files.readString(log) : "")).isEqualTo(line);
  }
}
