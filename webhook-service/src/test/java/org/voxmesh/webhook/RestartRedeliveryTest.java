package org.voxmesh.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.webhook.Fixtures.await;
import static org.voxmesh.webhook.Fixtures.awaitUntil;
import static org.voxmesh.webhook.Fixtures.endpoint;
import static org.voxmesh.webhook.Fixtures.endpoints;
import static org.voxmesh.webhook.Fixtures.json;
import static org.voxmesh.webhook.Fixtures.newSecret;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.webhook.TestReceiver.Received;
import org.voxmesh.webhook.TestReceiver.Reply;
import org.voxmesh.webhook.event.EventIds;

/** Stopping the dispatcher mid-stream loses nothing: what was committed was delivered, the rest is redelivered. */
class RestartRedeliveryTest {

  private static final Logger LOG = LoggerFactory.getLogger(RestartRedeliveryTest.class);
  private static final int SESSIONS = 30;
  private static final int PER_SESSION = 10;

  private static Vertx vertx;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start() {
    EmbeddedKafka.broker();
    vertx = Vertx.vertx();
    producer = Fixtures.producer();
  }

  @AfterAll
  static void stop() {
    producer.close();
    await(vertx.close());
  }

  @Test
  @DisplayName("Restart mid-stream: records below the committed offset were delivered before, all after it again after")
  void restartRedeliversEverythingAfterTheLastCommit() {
    Fixtures.Names names = Fixtures.Names.unique("restart");
    EmbeddedKafka.createTopic(names.transcripts(), 3);
    TestReceiver receiver = TestReceiver.start(vertx, h -> Reply.okAfter(30));
    Map<String, String> settings = Fixtures.settings(names,
        endpoints(endpoint("slow", receiver.url(), newSecret())));
    settings.put("webhook.max.concurrency", "4");
    settings.put("webhook.commit.interval.ms", "100");
    settings.put("webhook.shutdown.grace.ms", "0"); // abandon what is in flight, as a crash would
    WebhookConfig config = Fixtures.config(settings);
    String group = config.groupId(config.endpoint("slow"));

    WebhookService first = await(WebhookService.start(vertx, config));
    Map<String, RecordMetadata> where = new HashMap<>(); // event id -> partition/offset
    Map<Integer, Long> ends = new HashMap<>();
    List<TranscriptRecord> records = Fixtures.interleaved("sess_restart", SESSIONS, PER_SESSION);
    List<RecordMetadata> acks = Fixtures.sendAll(producer, names.transcripts(), records);
    for (int i = 0; i < records.size(); i++) {
      TranscriptRecord t = records.get(i);
      RecordMetadata m = acks.get(i);
      where.put(EventIds.eventId("voxmesh.transcript.completed", t.sessionId(), t.sequence()), m);
      ends.merge(m.partition(), m.offset() + 1, Math::max);
    }
    int total = SESSIONS * PER_SESSION;
    awaitUntil(() -> distinctSuccesses(receiver) >= total / 4, Duration.ofSeconds(30),
        () -> "a quarter delivered: " + distinctSuccesses(receiver));
    await(first.stop());
    long stoppedAt = System.nanoTime();
    Map<Integer, Long> committed = Fixtures.committed(group, names.transcripts());
    long deliveredBefore = distinctSuccesses(receiver);

    WebhookService second = await(WebhookService.start(vertx, config));
    try {
      awaitUntil(() -> distinctSuccesses(receiver) >= total, Duration.ofSeconds(60),
          () -> "delivered " + distinctSuccesses(receiver) + " of " + total);
      awaitUntil(() -> Fixtures.committed(group, names.transcripts()).equals(ends), Duration.ofSeconds(10),
          () -> "final commit " + Fixtures.committed(group, names.transcripts()) + ", end " + ends);
    } finally {
      await(second.stop());
      receiver.close();
    }

    List<Received> ok = receiver.successes();
    Map<String, List<Received>> byEvent = new HashMap<>();
    for (Received r : ok) {
      byEvent.computeIfAbsent(json(r.body()).get("id").asText(), k -> new ArrayList<>()).add(r);
    }
    assertThat(byEvent).hasSize(total);
    int belowCommit = 0;
    int redelivered = 0;
    for (Map.Entry<String, RecordMetadata> e : where.entrySet()) {
      RecordMetadata m = e.getValue();
      List<Received> got = byEvent.get(e.getKey());
      if (m.offset() < committed.getOrDefault(m.partition(), 0L)) {
        belowCommit++;
        // Committed means delivered: a 2xx before the stop.
        assertThat(got).as("committed %s-%d", m.partition(), m.offset()).anyMatch(r -> r.atNanos() < stoppedAt);
      } else {
        redelivered++;
        // Not committed: the restarted dispatcher delivers it (again, if the first run had got there).
        assertThat(got).as("uncommitted %s-%d", m.partition(), m.offset()).anyMatch(r -> r.atNanos() > stoppedAt);
      }
    }
    LOG.info("stopped after {} of {} delivered; committed {}; {} below the commit, {} redelivered after the restart,"
        + " {} deliveries in all", deliveredBefore, total, committed, belowCommit, redelivered, ok.size());
    assertThat(belowCommit).isPositive();
    assertThat(redelivered).isPositive();

    // Per session, first deliveries kept sequence order across the restart.
    Map<String, List<Long>> order = new LinkedHashMap<>();
    Set<String> firsts = new HashSet<>();
    for (Received r : ok) {
      JsonNode body = json(r.body());
      if (firsts.add(body.get("id").asText())) {
        order.computeIfAbsent(body.get("data").get("session_id").asText(), k -> new ArrayList<>())
            .add(body.get("data").get("sequence").asLong());
      }
    }
    List<Long> expected = LongStream.rangeClosed(1, PER_SESSION).boxed().toList();
    assertThat(order.values()).hasSize(SESSIONS).allSatisfy(seqs -> assertThat(seqs).isEqualTo(expected));
  }

  private static long distinctSuccesses(TestReceiver receiver) {
    return receiver.successes().stream().map(Received::webhookId).distinct().count();
  }
}
