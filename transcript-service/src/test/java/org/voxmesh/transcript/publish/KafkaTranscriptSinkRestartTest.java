package org.voxmesh.transcript.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.transcript.publish.TranscriptTopicAssertions.assertExactlyOnceInOrder;
import static org.voxmesh.transcript.publish.TranscriptTopicAssertions.transcript;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.runtime.kafka.KafkaBrokerOptions;
import org.voxmesh.runtime.kafka.KafkaBrokerProcess;
import org.voxmesh.testkit.kafka.ConsumedRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;

/**
 * A broker restart in the middle of a stream: records in flight when the broker stops and records published
 * while it is down are all delivered once it is back, exactly once and in order per session. Uses its own
 * broker, since it stops it.
 */
class KafkaTranscriptSinkRestartTest {

  private static final String A = "sess_restart_a";
  private static final String B = "sess_restart_b";

  private Vertx vertx;
  private KafkaBrokerProcess broker;
  private KafkaTranscriptSink sink;
  private final Map<String, List<TranscriptRecord>> sent = new LinkedHashMap<>();
  private final Map<String, Long> nextSequence = new LinkedHashMap<>(Map.of(A, 1L, B, 1L));

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    broker = KafkaBrokerProcess.start(KafkaBrokerOptions.temporary());
    // The delivery timeout must outlast the outage; shorter request timeouts make retries start sooner.
    KafkaSinkSettings settings = KafkaSinkSettings.defaults(broker.bootstrapServers())
        .withProducerOverride("delivery.timeout.ms", "60000")
        .withProducerOverride("request.timeout.ms", "5000");
    sink = KafkaTranscriptSink.start(vertx, settings).await();
  }

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.close().await();
    }
    broker.close();
    vertx.close().await();
  }

  @Test
  void nothingAcknowledgedIsLostOrDuplicatedAcrossARestart() throws Exception {
    Future.all(publishRound(30)).await(30, TimeUnit.SECONDS);

    List<Future<RecordMetadata>> inFlightAtStop = publishRound(20);
    broker.stop(); // SIGTERM while those are on the wire
    List<Future<RecordMetadata>> whileDown = publishRound(20);
    Thread.sleep(3000);
    assertThat(whileDown).as("nothing fails during a short outage").noneMatch(Future::failed);
    assertThat(sink.pending()).as("records waiting while the broker is down").isPositive();

    long restartedAt = System.nanoTime();
    broker.start(); // same data folder, same port
    List<Future<RecordMetadata>> waiting = new ArrayList<>(inFlightAtStop);
    waiting.addAll(whileDown);
    Future.all(waiting).await(60, TimeUnit.SECONDS);
    System.out.printf("restart took %d ms; %d queued records acknowledged %d ms after the broker was back%n",
        broker.lastStartDuration().toMillis(), waiting.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt) - broker.lastStartDuration().toMillis());

    Future.all(publishRound(10)).await(30, TimeUnit.SECONDS);

    List<ConsumedRecord> all = EmbeddedKafka.consumeAll(broker.bootstrapServers(), Topics.TRANSCRIPTS,
        2 * (30 + 20 + 20 + 10), Duration.ofSeconds(30));
    assertExactlyOnceInOrder(all, sent);
  }

  /** {@code n} records for each of the two sessions, interleaved, not awaited. */
  private List<Future<RecordMetadata>> publishRound(int n) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (String session : List.of(A, B)) {
        long seq = nextSequence.merge(session, 1L, Long::sum) - 1;
        TranscriptRecord r = transcript(session, seq);
        sent.computeIfAbsent(session, k -> new ArrayList<>()).add(r);
        acks.add(sink.publish(r));
      }
    }
    return acks;
  }
}
