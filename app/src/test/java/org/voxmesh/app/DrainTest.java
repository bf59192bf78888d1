package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.voxmesh.testkit.node.NodeProcess;
import org.voxmesh.testkit.node.NodeResult;
import org.voxmesh.testkit.node.RealtimeFlowArgs;

/**
 * Shutting a session service down: readiness turns 503 and new sessions are refused at once, a
 * running session may go on until the drain deadline, then it is closed with 1001 (clients reconnect).
 */
class DrainTest {

  @Test
  void drainRefusesNewSessionsThenClosesRunningOnesWith1001() throws Exception {
    Platform platform = RunningPlatform.start(Map.of("drain.seconds", "3"));
    try {
      NodeProcess running = RunningPlatform.node().raw()
          .args(RealtimeFlowArgs.create(RunningPlatform.baseUrl(platform), RunningPlatform.API_KEY)
              .turnDetection("none").expectCompleted(0).lingerMs(30_000))
          .ca(platform.devCaFile()).timeout(Duration.ofSeconds(60)).start();
      assertThat(running.awaitEvent("session.created", Duration.ofSeconds(20))).isPresent();

      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + platform.httpPort();
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

      long started = System.nanoTime();
      var drained = platform.drain().toCompletionStage().toCompletableFuture();
      Thread.sleep(300);
      HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("DRAINING").contains("\"sessions\":1");

      NodeResult refused = RunningPlatform.node().raw()
          .args(RealtimeFlowArgs.create(RunningPlatform.baseUrl(platform), RunningPlatform.API_KEY).expectCompleted(0))
          .ca(platform.devCaFile()).timeout(Duration.ofSeconds(20)).run();
      JsonNode unexpected = refused.clientLine("unexpected_response").orElseThrow(() -> new AssertionError(refused.describe()));
      assertThat(unexpected.get("status").asInt()).isEqualTo(503);
      assertThat(unexpected.get("body").asText()).contains("server_draining");

      drained.get(20, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(seconds).as("the running session was allowed the 3 s deadline").isBetween(2.5, 10.0);
      NodeResult closed = running.await();
      JsonNode close = closed.clientLine("close").orElseThrow(() -> new AssertionError(closed.describe()));
      assertThat(close.get("code").asInt()).isEqualTo(1001);
      assertThat(close.get("reason").asText()).contains("shutting down");
    } finally {
      platform.close();
    }
  }
}
