package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.Headers;
import com.openai.models.webhooks.WebhookVerificationParams;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.webhook.WebhookConfig;
import org.voxmesh.webhook.WebhookService;

/**
 * A session's lifecycle reaches a webhook receiver end to end: the session service writes its records to
 * Kafka, webhook-service turns them into signed {@code voxmesh.session.created} / {@code .closed} POSTs, and
 * the official openai-java SDK verifies every signature.
 */
class SessionLifecycleWebhookTest {

  private record Delivery(MultiMap headers, String body) {}

  private final Vertx vertx = Vertx.vertx();
  private WebhookService webhooks;

  @AfterEach
  void tearDown() throws Exception {
    if (webhooks != null) {
      await(webhooks.stop());
    }
    await(vertx.close());
  }

  @Test
  @Timeout(120)
  void createdAndClosedArriveSignedWithTheSessionsUsage() throws Exception {
    Platform platform = RunningPlatform.get();
    List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    HttpServer receiver = await(vertx.createHttpServer()
        .requestHandler(req -> req.body().onSuccess(body -> {
          deliveries.add(new Delivery(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body.toString()));
          req.response().setStatusCode(200).end();
        }))
        .listen(0, "127.0.0.1"));
    String secret = newSecret();
    JsonArray endpoints = new JsonArray().add(new JsonObject()
        .put("id", "lifecycle")
        .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hooks")
        .put("secret", secret)
        .put("event_types", new JsonArray().add("voxmesh.session.created").add("voxmesh.session.closed")));
    webhooks = await(WebhookService.start(vertx, WebhookConfig.from(Settings.of(Map.of(
        "kafka.bootstrap.servers", platform.kafkaBootstrapServers(),
        WebhookConfig.ENDPOINTS, endpoints.encode(),
        "webhook.group.id", "lifecycle-" + UUID.randomUUID(),
        "webhook.commit.interval.ms", "100",
        "webhook.topic.refresh.ms", "1000",
        "webhook.admin.port", "-1")))));

    byte[] speech = Corpus.load().utterances("flite_slt").get(0).sessionAudio(SessionFormat.PCM16);
    ClusterSession session = new ClusterSession(vertx, "hooked", List.of(speech), 900, 40, 2.0);
    await(session.start(platform.httpPort(), RunningPlatform.API_KEY));
    String sessionId = session.sessionId().orElseThrow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (session.completedCount() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    await(session.close());

    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<JsonObject> mine = List.of();
    while (mine.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      mine = deliveries.stream().map(d -> new JsonObject(d.body()))
          .filter(e -> sessionId.equals(e.getJsonObject("data").getString("session_id"))).toList();
    }
    assertThat(mine).extracting(e -> e.getString("type"))
        .containsExactly("voxmesh.session.created", "voxmesh.session.closed");
    JsonObject closed = mine.get(1).getJsonObject("data");
    assertThat(closed.getInteger("close_code")).isEqualTo(1000);
    assertThat(closed.getInteger("transcripts")).isEqualTo(1);
    assertThat(closed.getLong("audio_in_ms")).isGreaterThanOrEqualTo(speech.length / SessionFormat.PCM16.bytesPerMs());

    OpenAIClient client = OpenAIOkHttpClient.builder().apiKey("sk-unused").webhookSecret(secret).build();
    try {
      for (Delivery d : deliveries) {
        Headers.Builder headers = Headers.builder();
        d.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
        client.webhooks().verifySignature(WebhookVerificationParams.builder().payload(d.body()).headers(headers.build()).build());
      }
    } finally {
      client.close();
    }
  }

  private static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
