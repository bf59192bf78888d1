package org.voxmesh.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxmesh.runtime.Node;
import org.voxmesh.runtime.config.Settings;

/** The ops port over a real socket, on a Vertx built the way every service builds its own. */
class OpsServerTest {

  private Vertx vertx;

  @AfterEach
  void tearDown() throws Exception {
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Test
  void readinessFollowsStartAndDrainAndMetricsIncludeServiceMeters() throws Exception {
    vertx = await(Node.start(Settings.of(Map.of())));
    Readiness readiness = new Readiness();
    int port = await(OpsServer.start(vertx, "127.0.0.1", 0, readiness)).actualPort();
    HttpClient http = vertx.createHttpClient();

    assertThat(get(http, port, HttpMethod.GET, "/health/live")).isEqualTo("200 {\"status\":\"UP\"}");
    assertThat(get(http, port, HttpMethod.GET, "/health/ready")).isEqualTo("503 {\"status\":\"starting\"}");
    readiness.started();
    assertThat(get(http, port, HttpMethod.GET, "/health/ready")).isEqualTo("200 {\"status\":\"ready\"}");
    boolean[] consumersUp = {false};
    readiness.addCheck(() -> consumersUp[0]);
    assertThat(get(http, port, HttpMethod.GET, "/health/ready")).isEqualTo("503 {\"status\":\"not-ready\"}");
    consumersUp[0] = true;
    assertThat(get(http, port, HttpMethod.GET, "/health/ready")).startsWith("200");
    readiness.draining();
    assertThat(get(http, port, HttpMethod.GET, "/health/ready")).isEqualTo("503 {\"status\":\"draining\"}");
    assertThat(get(http, port, HttpMethod.GET, "/health/live")).startsWith("200");

    Meters.latency(Telemetry.registry(vertx), "voxmesh.test.step", "a test timer").record(3, TimeUnit.MILLISECONDS);
    String metrics = get(http, port, HttpMethod.GET, "/metrics");
    assertThat(metrics).startsWith("200 ");
    assertThat(metrics).contains("voxmesh_test_step_seconds_bucket{le=\"0.005\"} 1");
    assertThat(metrics).contains("voxmesh_test_step_seconds_count 1");
    assertThat(metrics).contains("vertx_http_server_requests_total");
    assertThat(metrics).contains("jvm_memory_used_bytes");

    assertThat(get(http, port, HttpMethod.POST, "/metrics")).startsWith("405");
    assertThat(get(http, port, HttpMethod.GET, "/admin")).startsWith("404");
  }

  @Test
  void eachVertxHasItsOwnRegistry() throws Exception {
    vertx = await(Node.start(Settings.of(Map.of())));
    Vertx other = await(Node.start(Settings.of(Map.of())));
    try {
      Telemetry.registry(vertx).counter("voxmesh.only.here").increment();
      assertThat(Telemetry.registry(other).find("voxmesh.only.here").counter()).isNull();
      assertThat(Telemetry.prometheus(other)).isNotSameAs(Telemetry.prometheus(vertx));
    } finally {
      await(other.close());
    }
  }

  private static String get(HttpClient http, int port, HttpMethod method, String path) throws Exception {
    return await(http.request(method, port, "127.0.0.1", path)
        .compose(req -> req.send())
        .compose(res -> res.body().map(b -> res.statusCode() + " " + b)));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
