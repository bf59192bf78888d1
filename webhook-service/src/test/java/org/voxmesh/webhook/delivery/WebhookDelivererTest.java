package org.voxmesh.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voxmesh.webhook.EventTypeFilter;
import org.voxmesh.webhook.RetryPolicy;
import org.voxmesh.webhook.WebhookEndpoint;
import org.voxmesh.webhook.event.WebhookEvent;
import org.voxmesh.webhook.sign.WebhookSecret;
import org.voxmesh.webhook.sign.WebhookSigner;

/** The attempt and retry loop against a real HTTP server on a loopback port. */
class WebhookDelivererTest {

  private static final WebhookSecret SECRET = WebhookSecret.ofKey(new byte[32]);
  private static final WebhookEvent EVENT = new WebhookEvent("evt_1", "voxmesh.transcript.completed", 1, "sess_1", 1,
      "{\"object\":\"event\",\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8));

  private static Vertx vertx;
  private static Context context;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Each attempt is signed with a fresh timestamp and the same webhook-id; a 2xx ends the delivery")
  void signedAttemptsUntilSuccess() throws Exception {
    List<io.vertx.core.MultiMap> headers = new CopyOnWriteArrayList<>();
    HttpServer server = server(req -> {
      headers.add(req.headers());
      req.response().setStatusCode(headers.size() < 3 ? 503 : 204).end();
    });
    DeliveryOutcome outcome = onContext(() -> deliverer(policy(10, 5_000, 1_000))
        .deliver(EVENT, endpoint(server), new Cancellation()));
    assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(3, 204));
    assertThat(headers).hasSize(3).allSatisfy(h -> {
      assertThat(h.get("webhook-id")).isEqualTo(EVENT.webhookId("ep"));
      WebhookSigner.verify(SECRET, h.get("webhook-id"), h.get("webhook-timestamp"), h.get("webhook-signature"),
          EVENT.body(), Instant.now().getEpochSecond(), Duration.ofMinutes(5));
    });
    server.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Past the deadline the delivery is exhausted with the last failure; a trickling answer is a timeout")
  void deadlineAndHardTimeout() throws Exception {
    HttpServer server = server(req -> {
      // Headers at once, then a byte every 100 ms: the idle timeout never fires, the request timeout must.
      req.response().setChunked(true).setStatusCode(200).write("[");
      long id = vertx.setPeriodic(100, t -> req.response().write(" "));
      req.connection().closeHandler(v -> vertx.cancelTimer(id));
    });
    long started = System.nanoTime();
    DeliveryOutcome outcome = onContext(() -> deliverer(policy(10, 800, 300))
        .deliver(EVENT, endpoint(server), new Cancellation()));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Exhausted.class, x -> {
      assertThat(x.attempts()).isGreaterThanOrEqualTo(2);
      assertThat(x.lastFailure().kind()).isEqualTo(AttemptResult.Kind.TIMEOUT);
    });
    assertThat(tookMs).isLessThan(800 + 300 + 1_000);
    server.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Cancelling ends a delivery that is waiting out a long backoff at once")
  void cancelCutsTheBackoffShort() throws Exception {
    HttpServer server = server(req -> req.response().setStatusCode(500).end());
    Cancellation cancel = new Cancellation();
    Promise<DeliveryOutcome> result = Promise.promise();
    context.runOnContext(v -> deliverer(policy(60_000, 600_000, 1_000))
        .deliver(EVENT, endpoint(server), cancel).onComplete(result));
    Thread.sleep(300); // the first attempt has failed and a wait of up to a minute has begun
    long started = System.nanoTime();
    context.runOnContext(v -> cancel.cancel());
    DeliveryOutcome outcome = result.future().await(5, TimeUnit.SECONDS);
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Cancelled.class); // usually after 1 attempt (full jitter)
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_000);
    server.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("A refused connection is a CONNECTION failure, retried like any other")
  void refusedConnection() throws Exception {
    HttpServer server = server(req -> req.response().end());
    int port = server.actualPort();
    server.close().await(5, TimeUnit.SECONDS);
    WebhookEndpoint gone = new WebhookEndpoint("ep", URI.create("http://127.0.0.1:" + port + "/"), List.of(SECRET),
        EventTypeFilter.ALL);
    DeliveryOutcome outcome = onContext(() -> deliverer(policy(10, 300, 500)).deliver(EVENT, gone, new Cancellation()));
    assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Exhausted.class,
        x -> assertThat(x.lastFailure().kind()).isEqualTo(AttemptResult.Kind.CONNECTION));
  }

  private static WebhookDeliverer deliverer(RetryPolicy policy) {
    HttpClient client = WebhookDeliverer.createClient(vertx, policy, 4);
    return new WebhookDeliverer(vertx, client, policy, 4);
  }

  private static RetryPolicy policy(long initialMs, long deadlineMs, long timeoutMs) {
    return new RetryPolicy(Duration.ofMillis(initialMs), Duration.ofMillis(Math.max(initialMs, 100)),
        Duration.ofMillis(deadlineMs), Duration.ofMillis(timeoutMs));
  }

  private static WebhookEndpoint endpoint(HttpServer server) {
    return new WebhookEndpoint("ep", URI.create("http://127.0.0.1:" + server.actualPort() + "/hook"), List.of(SECRET),
        EventTypeFilter.ALL);
  }

  private static HttpServer server(io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler)
      throws Exception {
    return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> handler.handle(req)))
        .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  private static <T> T onContext(Supplier<Future<T>> work) throws Exception {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(p));
    return p.future().await(30, TimeUnit.SECONDS);
  }
}
