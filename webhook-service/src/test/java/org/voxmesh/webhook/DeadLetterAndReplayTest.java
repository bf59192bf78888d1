package org.voxmesh.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.webhook.Fixtures.await;
import static org.voxmesh.webhook.Fixtures.awaitUntil;
import static org.voxmesh.webhook.Fixtures.endpoint;
import static org.voxmesh.webhook.Fixtures.endpoints;
import static org.voxmesh.webhook.Fixtures.json;
import static org.voxmesh.webhook.Fixtures.newSecret;
import static org.voxmesh.webhook.Fixtures.send;
import static org.voxmesh.webhook.Fixtures.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.testkit.kafka.ConsumedRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.webhook.TestReceiver.Received;
import org.voxmesh.webhook.TestReceiver.Reply;
import org.voxmesh.webhook.event.EventIds;

/** A receiver that keeps failing: dead letters after the deadline, the consumer moves on, a replay redelivers. */
class DeadLetterAndReplayTest {

  private static final String TOKEN = "admin-test-token";
  private static Vertx vertx;
  private static KafkaProducer<String, String> producer;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

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
  @DisplayName("Failing past the deadline dead-letters each event, the group commits and moves on, and a replay redelivers")
  void deadLetterThenReplay() throws Exception {
    Fixtures.Names names = Fixtures.Names.unique("dlq");
    EmbeddedKafka.createTopic(names.transcripts(), 1);
    String secret = newSecret();
    TestReceiver receiver = TestReceiver.start(vertx, h -> Reply.status(500));
    Map<String, String> settings = Fixtures.settings(names, endpoints(endpoint("down", receiver.url(), secret)));
    settings.put("webhook.retry.deadline.ms", "700");
    settings.put("webhook.retry.initial.backoff.ms", "20");
    settings.put("webhook.retry.max.backoff.ms", "100");
    settings.put("webhook.replay.deadline.ms", "5000");
    settings.put("webhook.admin.token", TOKEN);
    WebhookService service = await(WebhookService.start(vertx, Fixtures.config(settings)));
    try {
      Instant before = Instant.now().minusSeconds(1);
      List<TranscriptRecord> doomed = List.of(transcript("sess_dlqA", 1), transcript("sess_dlqA", 2),
          transcript("sess_dlqA", 3));
      doomed.forEach(t -> send(producer, names.transcripts(), t));
      send(producer, names.transcripts(), "sess_dlqB", "this is not JSON");

      // Four dead letters: three deliveries that ran out of time (in session order) and one unreadable record.
      List<ConsumedRecord> dlq = EmbeddedKafka.consumeAll(names.dlq(), 4, Duration.ofSeconds(30));
      assertThat(dlq).hasSize(4);
      List<JsonNode> letters = dlq.stream().map(r -> json(r.value())).toList();
      List<JsonNode> exhausted = letters.stream().filter(l -> l.get("reason").asText().equals("deadline_exceeded"))
          .toList();
      assertThat(exhausted).hasSize(3);
      for (int i = 0; i < 3; i++) {
        JsonNode l = exhausted.get(i);
        TranscriptRecord t = doomed.get(i);
        String eventId = EventIds.eventId("voxmesh.transcript.completed", t.sessionId(), t.sequence());
        assertThat(l.get("type").asText()).isEqualTo("webhook.dead_lettered");
        assertThat(l.get("endpoint_id").asText()).isEqualTo("down");
        assertThat(l.get("event_id").asText()).isEqualTo(eventId);
        assertThat(l.get("webhook_id").asText()).isEqualTo(EventIds.webhookId(eventId, "down"));
        assertThat(l.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(l.get("last_status").asInt()).isEqualTo(500);
        assertThat(l.get("last_error").asText()).startsWith("HTTP 500");
        assertThat(l.get("record")).isEqualTo(json(t.toJson()));
        assertThat(l.get("source").get("topic").asText()).isEqualTo(names.transcripts());
        assertThat(l.get("source").get("offset").asLong()).isEqualTo(i);
      }
      JsonNode invalid = letters.stream().filter(l -> l.get("reason").asText().equals("invalid_record")).findFirst()
          .orElseThrow();
      assertThat(invalid.get("record").isNull()).isTrue();
      assertThat(invalid.get("record_base64").asText()).isNotEmpty();
      assertThat(dlq.stream().map(ConsumedRecord::key)).containsOnly("sess_dlqA", "sess_dlqB");

      // The group committed past all four and moves on: a new record reaches the (now healthy) receiver,
      // the dead ones are not retried by the dispatcher.
      awaitUntil(() -> Map.of(0, 4L).equals(Fixtures.committed(names.group() + ".down", names.transcripts())),
          Duration.ofSeconds(10), () -> "committed " + Fixtures.committed(names.group() + ".down", names.transcripts()));
      receiver.behavior(h -> Reply.OK);
      TranscriptRecord later = transcript("sess_dlqA", 4);
      send(producer, names.transcripts(), later);
      awaitUntil(() -> receiver.successes().size() == 1, Duration.ofSeconds(20), () -> "later record delivered");
      assertThat(json(receiver.successes().get(0).body()).get("data").get("sequence").asInt()).isEqualTo(4);

      // The admin API wants the token.
      String base = "http://127.0.0.1:" + service.adminPort();
      assertThat(post(base + "/v1/webhooks/replay", "{}", null).statusCode()).isEqualTo(401);
      assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
      assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
      HttpResponse<String> bad = post(base + "/v1/webhooks/replay", "{\"source\":\"nope\"}", TOKEN);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(json(bad.body()).get("error").get("param").asText()).isEqualTo("source");

      // Replay the DLQ: the three events arrive, in order, with the ids and bytes of the failed attempts.
      HttpResponse<String> replay = post(base + "/v1/webhooks/replay", "{\"endpoint_id\":\"down\"}", TOKEN);
      assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
      JsonNode report = json(replay.body());
      assertThat(report.get("matched").asInt()).isEqualTo(3);
      assertThat(report.get("delivered").asInt()).isEqualTo(3);
      assertThat(report.get("failed").asInt()).isZero();
      assertThat(report.get("skipped").asInt()).isEqualTo(1);
      List<Received> replayed = receiver.successes().subList(1, 4);
      assertThat(replayed).extracting(r -> json(r.body()).get("data").get("sequence").asInt()).containsExactly(1, 2, 3);
      for (int i = 0; i < 3; i++) {
        Received r = replayed.get(i);
        Received failedAttempt = receiver.all().stream().filter(a -> a.status() == 500)
            .filter(a -> a.webhookId().equals(r.webhookId())).findFirst().orElseThrow();
        assertThat(r.body()).isEqualTo(failedAttempt.body());
        assertThat(r.webhookId()).isEqualTo(exhausted.get(i).get("webhook_id").asText());
      }
      Verifiers.verifyInJava(replayed, secret);

      // Replay a time range of the source topic instead: all four events again, same ids (receivers dedupe).
      HttpResponse<String> range = post(base + "/v1/webhooks/replay",
          "{\"source\":\"topic\",\"endpoint_id\":\"down\",\"since\":\"" + before + "\"}", TOKEN);
      assertThat(range.statusCode()).as(range.body()).isEqualTo(200);
      assertThat(json(range.body()).get("delivered").asInt()).isEqualTo(4);
      assertThat(receiver.successes()).hasSize(8);
      assertThat(receiver.successes().stream().map(Received::webhookId).distinct().count()).isEqualTo(4);

      JsonNode stats = json(get(base + "/v1/webhooks/stats", TOKEN).body()).get("endpoints").get("down");
      assertThat(stats.get("dead_lettered").asInt()).isEqualTo(3);
      assertThat(stats.get("invalid").asInt()).isEqualTo(1);
      assertThat(stats.get("delivered").asInt()).isEqualTo(1);
    } finally {
      await(service.stop());
      receiver.close();
    }
  }

  private static HttpResponse<String> post(String url, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return get(url, null);
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    if (token != null) {
      b.header("authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
