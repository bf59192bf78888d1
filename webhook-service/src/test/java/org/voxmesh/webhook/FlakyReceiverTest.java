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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.webhook.TestReceiver.Received;
import org.voxmesh.webhook.TestReceiver.Reply;

/** A receiver that fails half the time and is restarted once still gets everything, signed, in session order. */
class FlakyReceiverTest {

  private static final Logger LOG = LoggerFactory.getLogger(FlakyReceiverTest.class);
  private static final int SESSIONS = 20;
  private static final int PER_SESSION = 8;

  private static Vertx vertx;
  private static KafkaProducer<String, String> producer;

  @TempDir
  Path tmp;

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
  @DisplayName("50% 5xx or timeouts plus a receiver restart: every event delivered once, signed, in per-session order")
  void flakyReceiverStillGetsEverything() {
    Fixtures.Names names = Fixtures.Names.unique("flaky");
    EmbeddedKafka.createTopic(names.transcripts(), 3);
    String secret = newSecret();
    Random random = new Random(7);
    TestReceiver receiver = TestReceiver.start(vertx, headers -> {
      double x;
      synchronized (random) {
        x = random.nextDouble();
      }
      return x < 0.25 ? Reply.status(503) : x < 0.5 ? Reply.HANG : Reply.OK;
    });
    Map<String, String> settings = Fixtures.settings(names, endpoints(endpoint("flaky", receiver.url(), secret)));
    settings.put("webhook.request.timeout.ms", "250");
    settings.put("webhook.max.concurrency", "20");
    settings.put("webhook.retry.deadline.ms", "60000");
    WebhookService service = await(WebhookService.start(vertx, Fixtures.config(settings)));
    try {
      Map<Integer, Long> ends = new HashMap<>();
      for (RecordMetadata m : Fixtures.sendAll(producer, names.transcripts(),
          Fixtures.interleaved("sess_flaky", SESSIONS, PER_SESSION))) {
        ends.merge(m.partition(), m.offset() + 1, Math::max);
      }
      int total = SESSIONS * PER_SESSION;

      awaitUntil(() -> distinctSuccesses(receiver) >= total / 3, Duration.ofSeconds(30),
          () -> "first third delivered: " + distinctSuccesses(receiver));
      receiver.stop();
      long downAt = System.nanoTime();
      sleep(1500); // the receiver is away for a while, as during a redeploy; deliveries keep failing meanwhile
      receiver.restart();
      long upAt = System.nanoTime();
      awaitUntil(() -> distinctSuccesses(receiver) >= total, Duration.ofSeconds(60),
          () -> "delivered " + distinctSuccesses(receiver) + " of " + total);

      List<Received> all = receiver.all();
      List<Received> ok = receiver.successes();
      LOG.info("{} events: {} requests ({} answered 2xx, {} 503, {} left hanging); {} requests after the restart",
          total, all.size(), ok.size(), all.stream().filter(r -> r.status() == 503).count(),
          all.stream().filter(r -> r.status() == 0).count(), all.stream().filter(r -> r.atNanos() > upAt).count());

      // Deduplicated by webhook-id, the successes hold each event exactly once, and each event has one webhook-id.
      // A second 2xx for a webhook-id happens only when the sender gave up on an attempt (its timeout) that the
      // receiver still answered: at least once, never more than the retries.
      Map<String, Long> successesPerId = ok.stream().collect(Collectors.groupingBy(Received::webhookId,
          Collectors.counting()));
      Map<String, Set<String>> eventIdsPerWebhookId = all.stream().collect(Collectors.groupingBy(Received::webhookId,
          Collectors.mapping(r -> json(r.body()).get("id").asText(), Collectors.toSet())));
      long duplicates = ok.size() - successesPerId.size();
      successesPerId.forEach((id, n) -> {
        if (n > 1) {
          LOG.info("second 2xx for {} (the sender timed out on an answered attempt): {}", id, all.stream()
              .filter(r -> r.webhookId().equals(id)).map(r -> r.status() + "@" + (r.atNanos() - downAt) / 1_000_000
                  + "ms").toList());
        }
      });
      assertThat(successesPerId).hasSize(total);
      assertThat(eventIdsPerWebhookId.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
      assertThat(eventIdsPerWebhookId.values().stream().map(ids -> ids.iterator().next()).distinct().count())
          .isEqualTo(total);
      assertThat(duplicates).isLessThanOrEqualTo(total / 4); // a handful at most; 0 on an idle machine
      // Retries happened, and resent exactly the same event under the same webhook-id.
      assertThat(all.size()).isGreaterThan(total);
      Map<String, Set<String>> bodiesPerId = all.stream().collect(Collectors.groupingBy(Received::webhookId,
          Collectors.mapping(Received::body, Collectors.toSet())));
      assertThat(bodiesPerId.values()).allSatisfy(bodies -> assertThat(bodies).hasSize(1));
      assertThat(all.stream().filter(r -> r.atNanos() > upAt)).isNotEmpty();
      assertThat(all.stream().filter(r -> r.atNanos() > downAt && r.atNanos() < upAt)).isEmpty();

      // Per session, the first successful deliveries come in sequence order.
      Map<String, List<Long>> order = new LinkedHashMap<>();
      Set<String> firsts = new java.util.HashSet<>();
      for (Received r : ok) {
        if (!firsts.add(r.webhookId())) {
          continue;
        }
        JsonNode data = json(r.body()).get("data");
        order.computeIfAbsent(data.get("session_id").asText(), k -> new ArrayList<>()).add(data.get("sequence").asLong());
      }
      assertThat(order).hasSize(SESSIONS);
      List<Long> expected = java.util.stream.LongStream.rangeClosed(1, PER_SESSION).boxed().toList();
      assertThat(order.values()).allSatisfy(seqs -> assertThat(seqs).isEqualTo(expected));

      // Every request, failed ones too, carries a valid signature for all three official verifiers.
      Verifiers.verifyInJava(all, secret);
      Verifiers.assertAllAccepted(Verifiers.verifyInNode(all, secret, tmp), all.size());

      // Nothing was dead-lettered, and the group has committed up to the end of every partition.
      assertThat(service.stats().get("flaky").deadLettered()).isZero();
      awaitUntil(() -> Fixtures.committed(names.group() + ".flaky", names.transcripts()).equals(ends),
          Duration.ofSeconds(10), () -> "committed " + Fixtures.committed(names.group() + ".flaky", names.transcripts())
              + ", end " + ends);
    } finally {
      await(service.stop());
      receiver.close();
    }
  }

  private static long distinctSuccesses(TestReceiver receiver) {
    return receiver.successes().stream().map(Received::webhookId).distinct().count();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
