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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.testkit.node.NodeProcess;
import org.voxmesh.testkit.node.NodeResult;
import org.voxmesh.testkit.node.NodeScripts;
import org.voxmesh.webhook.event.EventIds;
import org.voxmesh.webhook.sign.WebhookSecret;
import org.voxmesh.webhook.sign.WebhookSigner;

/** Our webhooks, checked by the verifiers integrators use: openai-node, openai-java, standardwebhooks. */
class SignatureInteropTest {

  private static Vertx vertx;
  private static KafkaProducer<String, String> producer;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    NodeScripts.locate().requireInstalled();
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
  @DisplayName("A node receiver using openai's webhooks.unwrap and standardwebhooks, and a Java one using openai-java, accept every event")
  void officialVerifiersAcceptOurWebhooks() {
    Fixtures.Names names = Fixtures.Names.unique("interop");
    EmbeddedKafka.createTopic(names.transcripts(), 3);
    EmbeddedKafka.createTopic(names.sessionEvents(), 1);
    String nodeSecret = newSecret();
    String javaSecret = newSecret();
    TranscriptRecord a1 = transcript("sess_interopA", 1);
    TranscriptRecord a2 = transcript("sess_interopA", 2);
    TranscriptRecord b1 = transcript("sess_interopB", 1);
    int expected = 4; // three transcripts and one session event

    try (NodeProcess node = NodeScripts.locate().invocation(Verifiers.SCRIPT)
        .arg("secret", nodeSecret).flag("listen").arg("expect", expected).timeout(Duration.ofSeconds(45)).start();
         TestReceiver java = TestReceiver.ok(vertx)) {
      int nodePort = node.awaitLine(l -> "listening".equals(l.path("__client").asText()), Duration.ofSeconds(20))
          .orElseThrow(() -> new AssertionError("node receiver did not start")).get("port").asInt();
      Map<String, String> settings = Fixtures.settings(names, endpoints(
          endpoint("node", "http://127.0.0.1:" + nodePort + "/webhooks", nodeSecret),
          endpoint("java", java.url(), javaSecret)));
      WebhookService service = await(WebhookService.start(vertx, Fixtures.config(settings)));
      try {
        send(producer, names.transcripts(), a1);
        send(producer, names.transcripts(), b1);
        send(producer, names.transcripts(), a2);
        send(producer, names.transcripts(), "sess_interopA", "{\"type\":\"transcript.delta\",\"delta\":\"tu\"}");
        send(producer, names.sessionEvents(), "sess_interopA", "{\"type\":\"session.created\","
            + "\"session_id\":\"sess_interopA\",\"sequence\":1,\"created_at\":\"2025-11-26T09:41:00.000Z\"}");

        NodeResult result = node.await().requireExit(0);
        List<JsonNode> seen = result.clientLines("webhook");
        assertThat(seen).hasSize(expected).allSatisfy(l -> {
          assertThat(l.get("openai").asText()).isEqualTo("ok");
          assertThat(l.get("standardwebhooks").asText()).isEqualTo("ok");
          assertThat(l.get("webhook_id").asText()).matches("wh_[0-9a-f]{32}");
          assertThat(l.get("object").asText()).isEqualTo("event");
        });
        assertThat(seen.stream().map(l -> l.get("event_id").asText()).collect(Collectors.toSet()))
            .isEqualTo(Set.of(id(a1), id(a2), id(b1),
                EventIds.eventId("voxmesh.session.created", "sess_interopA", 1)));
        assertThat(seen.stream().map(l -> l.get("type").asText()).collect(Collectors.toSet()))
            .containsExactlyInAnyOrder("voxmesh.transcript.completed", "voxmesh.session.created");

        awaitUntil(() -> java.successes().size() >= expected, Duration.ofSeconds(20),
            () -> "java receiver got " + java.all().size());
        List<TestReceiver.Received> javaGot = java.successes();
        Verifiers.verifyInJava(javaGot, javaSecret);
        assertThat(javaGot).hasSize(expected);
        for (TestReceiver.Received r : javaGot) {
          assertEnvelope(r);
        }
        // The same event reaches both endpoints under one event id but each endpoint's own webhook-id.
        JsonNode javaA1 = javaGot.stream().map(r -> json(r.body())).filter(b -> b.get("id").asText().equals(id(a1)))
            .findFirst().orElseThrow();
        assertThat(javaA1.get("data")).isEqualTo(json(a1.toJson()));
        String nodeWh = seen.stream().filter(l -> l.get("event_id").asText().equals(id(a1))).findFirst().orElseThrow()
            .get("webhook_id").asText();
        assertThat(nodeWh).isEqualTo(EventIds.webhookId(id(a1), "node"))
            .isNotEqualTo(EventIds.webhookId(id(a1), "java"));
      } finally {
        await(service.stop());
      }
    }
  }

  @Test
  @DisplayName("The same verifiers reject a changed body, the wrong secret and a stale timestamp (the checks are not vacuous)")
  void verifiersRejectForgeries() {
    String secret = newSecret();
    byte[] body = "{\"object\":\"event\",\"id\":\"evt_1\",\"type\":\"voxmesh.transcript.completed\",\"created_at\":1,\"data\":{}}"
        .getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    String good = WebhookSigner.sign(WebhookSecret.parse(secret), "wh_1", now, body);
    String otherSecret = WebhookSigner.sign(WebhookSecret.parse(newSecret()), "wh_1", now, body);
    String stale = WebhookSigner.sign(WebhookSecret.parse(secret), "wh_1", now - 600, body);
    String text = new String(body, StandardCharsets.UTF_8);
    List<TestReceiver.Received> cases = List.of(
        received("wh_1", now, good, text),
        received("wh_1", now, good, text.replace("evt_1", "evt_2")),
        received("wh_1", now, otherSecret, text),
        received("wh_1", now - 600, stale, text),
        received("wh_2", now, good, text));
    NodeResult result = Verifiers.verifyInNode(cases, secret, tmp).requireExit(1);
    assertThat(result.clientLines("webhook")).extracting(l -> l.get("ok").asBoolean())
        .containsExactly(true, false, false, false, false);
    assertThat(result.clientLines("webhook").get(3).get("openai").asText()).contains("too old");
  }

  private static void assertEnvelope(TestReceiver.Received r) {
    JsonNode body = json(r.body());
    assertThat(body.fieldNames()).toIterable().containsExactly("object", "id", "type", "created_at", "data");
    assertThat(body.get("id").asText()).matches("evt_[0-9a-f]{32}");
    assertThat(body.get("created_at").isIntegralNumber()).isTrue();
    assertThat(r.headers().get("content-type")).isEqualTo("application/json");
    assertThat(r.headers().get("webhook-id")).isEqualTo(EventIds.webhookId(body.get("id").asText(), "java"));
    assertThat(Long.parseLong(r.headers().get("webhook-timestamp")))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
  }

  private static TestReceiver.Received received(String id, long ts, String signature, String body) {
    return new TestReceiver.Received(Map.of("webhook-id", id, "webhook-timestamp", Long.toString(ts),
        "webhook-signature", signature, "content-type", "application/json"), body, 200, 0);
  }

  private static String id(TranscriptRecord t) {
    return EventIds.eventId("voxmesh.transcript.completed", t.sessionId(), t.sequence());
  }
}
