package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.kafka.ConsumedRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;

/**
 * What an operator sees of one transcription session: the ops port's health and Prometheus metrics
 * move with it, and its lifecycle (created, then closed with its usage) lands in Kafka
 * {@code voxmesh.session-events.v1} under its session id.
 */
class OperationsTest {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    vertx.close();
  }

  @Test
  @Timeout(120)
  void healthMetricsAndLifecycleEventsFollowASession() throws Exception {
    Platform platform = RunningPlatform.get();
    // A new connection per request, as Prometheus and kubelet probes mostly do.
    HttpClient http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(false));
    int ops = platform.opsPort();

    assertThat(get(http, ops, "/health/live").status()).isEqualTo(200);
    Reply ready = get(http, ops, "/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("ready");
    assertThat(get(http, ops, "/nothing-here").status()).isEqualTo(404);
    Map<String, Double> before = metrics(http, ops);

    // One session: two corpus utterances, then the client closes normally.
    Corpus corpus = Corpus.load();
    List<byte[]> speech = corpus.utterances("flite_slt").subList(0, 2).stream()
        .map(u -> u.sessionAudio(SessionFormat.PCM16)).toList();
    long speechMs = speech.stream().mapToLong(b -> b.length / SessionFormat.PCM16.bytesPerMs()).sum();
    ClusterSession session = new ClusterSession(vertx, "ops", speech, 900, 40, 2.0);
    await(session.start(platform.httpPort(), RunningPlatform.API_KEY));
    String sessionId = session.sessionId().orElseThrow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (session.completedCount() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(session.completedCount()).as("transcripts of the two utterances").isEqualTo(2);
    await(session.close());

    Map<String, Double> after = waitForMetrics(http, ops, m ->
        delta(before, m, "voxmesh_sessions_closed_total{close_code=\"1000\",type=\"transcription\"}") >= 1);
    assertThat(delta(before, after, "voxmesh_sessions_opened_total{type=\"transcription\"}")).isGreaterThanOrEqualTo(1);
    assertThat(delta(before, after, "voxmesh_session_audio_input_seconds_total"))
        .as("input audio counted (at least the speech sent)").isGreaterThanOrEqualTo(speechMs / 1000.0);
    assertThat(delta(before, after, "voxmesh_vad_step_seconds_count")).isGreaterThan(0);
    assertThat(sumDelta(before, after, "voxmesh_asr_turns_total", "outcome=\"completed\"")).isGreaterThanOrEqualTo(2);
    assertThat(sumDelta(before, after, "voxmesh_asr_finish_seconds_count", "")).isGreaterThanOrEqualTo(2);
    assertThat(delta(before, after, "voxmesh_transcripts_delivered_total")).isGreaterThanOrEqualTo(2);
    assertThat(after).containsKey("voxmesh_asr_finish_seconds_bucket{engine=\"pocketsphinx-en-us\",le=\"0.5\"}");
    assertThat(after).containsKey("vertx_pool_queue_pending{pool_name=\"voxmesh-vad\",pool_type=\"worker\"}");
    assertThat(after).containsKey("voxmesh_transcripts_outbox_pending");

    // The lifecycle records, keyed by the session id, in order.
    List<JsonObject> events = lifecycle(sessionId, 2);
    assertThat(events).extracting(e -> e.getString("type")).containsExactly("session.created", "session.closed");
    assertThat(events).extracting(e -> e.getLong("sequence")).containsExactly(1L, 2L);
    JsonObject closed = events.get(1);
    assertThat(closed.getString("session_type")).isEqualTo("transcription");
    assertThat(closed.getInteger("close_code")).isEqualTo(1000);
    assertThat(closed.getInteger("transcripts")).isEqualTo(2);
    assertThat(closed.getLong("audio_in_ms")).isGreaterThanOrEqualTo(speechMs);
    assertThat(closed.getLong("duration_ms")).isPositive();
    assertThat(closed.getString("instance")).startsWith("session-");
  }

  private static List<JsonObject> lifecycle(String sessionId, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<JsonObject> mine = List.of();
    while (mine.size() < expected && System.nanoTime() < deadline) {
      List<ConsumedRecord> records = EmbeddedKafka.consumeAll(Topics.SESSION_EVENTS, 1, Duration.ofSeconds(5));
      mine = records.stream().filter(r -> sessionId.equals(r.key())).map(r -> new JsonObject(r.value())).toList();
      if (mine.size() < expected) {
        Thread.sleep(200);
      }
    }
    return mine;
  }

  private Map<String, Double> waitForMetrics(HttpClient http, int port, java.util.function.Predicate<Map<String, Double>> done)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Map<String, Double> m = metrics(http, port);
    while (!done.test(m) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      m = metrics(http, port);
    }
    return m;
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
    return after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0);
  }

  /** The change of every series of {@code name} whose labels contain {@code labels}, summed. */
  private static double sumDelta(Map<String, Double> before, Map<String, Double> after, String name, String labels) {
    return after.keySet().stream()
        .filter(k -> (k.equals(name) || k.startsWith(name + "{")) && k.contains(labels))
        .mapToDouble(k -> delta(before, after, k)).sum();
  }

  private Map<String, Double> metrics(HttpClient http, int port) throws Exception {
    Reply reply = get(http, port, "/metrics");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
    Map<String, Double> samples = new HashMap<>();
    for (String line : reply.body().split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        samples.put(m.group(1), Double.parseDouble(m.group(2)));
      }
    }
    return samples;
  }

  private record Reply(int status, String contentType, String body) {}

  private static Reply get(HttpClient http, int port, String path) throws Exception {
    Future<Reply> reply = http.request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(req -> req.send())
        .compose((HttpClientResponse res) -> res.body().map(b -> new Reply(res.statusCode(), res.getHeader("content-type"), b.toString())));
    return await(reply);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
