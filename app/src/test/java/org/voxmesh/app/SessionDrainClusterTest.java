package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.ingest.IngestServiceMain;
import org.voxmesh.session.SessionServiceMain;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.kafka.ConsumedRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.transcript.TranscriptServiceMain;

/**
 * Two session-service JVMs, one audio-ingest and one transcript JVM on one Hazelcast cluster, against
 * the embedded broker. Sessions stream corpus speech to both session services; one of them gets a
 * real SIGTERM with a short drain deadline. While it drains, its readiness is 503 and its liveness
 * 200, a new WebSocket gets HTTP 503 {@code server_draining}, and its running sessions keep getting
 * transcripts until the deadline closes them with 1001; then it exits by itself. The other session
 * service serves throughout, and Kafka holds every transcript the clients saw once, in order.
 *
 * <p>Exit code: {@code ServiceMain} drains in a JVM shutdown hook and never calls {@code System.exit}
 * on that path, so the JVM ends as a SIGTERM-ed JVM does, with 143 (128 + SIGTERM's 15).
 */
class SessionDrainClusterTest {

  private static final String API_KEY = "sk-drain-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String COMPLETED = "conversation.item.input_audio_transcription.completed";
  private static final String FAILED = "conversation.item.input_audio_transcription.failed";
  private static final int DRAIN_SECONDS = 5;
  private static final int SESSIONS_PER_EDGE = 2;
  /** Times real time: a turn every ~2 s per session, so each draining session finishes turns before the deadline. */
  private static final double SPEED = 1.5;
  private static final int SIGTERM_EXIT = 143;
  private static final Pattern HTTP_PORT = Pattern.compile("session service listening on http=(\\d+)");

  @TempDir
  Path dir;

  private final List<ClusterProcess> processes = new ArrayList<>();
  private final List<ClusterSession> sessions = new ArrayList<>();
  private final Path logDir = Path.of("target", "session-drain", Long.toString(System.currentTimeMillis())).toAbsolutePath();
  private Vertx vertx;
  private HealthProbe probe;

  @AfterEach
  void tearDown() {
    if (probe != null) {
      probe.stop();
    }
    if (vertx != null) {
      sessions.forEach(ClusterSession::close);
      vertx.close();
    }
    processes.forEach(ClusterProcess::kill);
    for (ClusterProcess p : processes) {
      System.out.println("---- " + p.name() + " (" + p.log() + "), last lines:\n" + p.tail(12));
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void sigtermDrainsOneSessionServiceWhileTheOtherKeepsServing() throws Exception {
    long t0 = System.nanoTime();
    String bootstrap = EmbeddedKafka.bootstrapServers();
    EmbeddedKafka.createTopic(Topics.TRANSCRIPTS, 3);
    int[] ports = ClusterProcess.freePorts(4);
    Map<String, String> common = Map.of(
        "cluster.members", java.util.Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")),
        "cluster.name", "voxmesh-drain-" + UUID.randomUUID(),
        "cluster.join.wait.seconds", "0",
        // Nothing here is killed: a generous timeout keeps a loaded 2-core box (decoders loading, GC) from
        // splitting the cluster on a missed heartbeat. SIGTERM leaves gracefully, without waiting for it.
        "cluster.heartbeat.timeout.seconds", "30",
        "kafka.bootstrap.servers", bootstrap);
    Map<String, String> edge = Map.of("http.host", "127.0.0.1", "http.port", "0", "https.port", "-1", "api.keys", API_KEY,
        "drain.seconds", Integer.toString(DRAIN_SECONDS));
    // The first session service alone first: it founds the cluster the others join.
    ClusterProcess edgeA = start("session-a", "session-service", SessionServiceMain.class, ports[0], common, edge);
    edgeA.awaitReady(Duration.ofSeconds(90));
    ClusterProcess edgeB = start("session-b", "session-service", SessionServiceMain.class, ports[1], common, edge);
    ClusterProcess ingest = start("ingest", "audio-ingest-service", IngestServiceMain.class, ports[2], common,
        Map.of("ingest.vad.threads", "2"));
    ClusterProcess transcript = start("transcript", "transcript-service", TranscriptServiceMain.class, ports[3], common,
        Map.of("asr.max.decoders", "6"));
    for (ClusterProcess p : List.of(edgeB, ingest, transcript)) {
      p.awaitReady(Duration.ofSeconds(120));
    }
    System.out.printf("cluster of 4 services ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    int portA = Integer.parseInt(edgeA.find(HTTP_PORT).orElseThrow());
    int portB = Integer.parseInt(edgeB.find(HTTP_PORT).orElseThrow());

    vertx = Vertx.vertx();
    List<byte[]> speech = new ArrayList<>();
    for (Utterance u : Corpus.load().utterances("flite_slt").subList(0, 8)) {
      speech.add(u.sessionAudio(SessionFormat.PCM16));
    }
    List<ClusterSession> onA = new ArrayList<>();
    List<ClusterSession> onB = new ArrayList<>();
    for (int i = 0; i < SESSIONS_PER_EDGE; i++) {
      onA.add(open("a" + i, portA, rotated(speech, i * 3)));
      onB.add(open("b" + i, portB, rotated(speech, i * 3 + 1)));
    }
    waitUntil("every session completed a turn", Duration.ofSeconds(40), () -> sessions.stream().allMatch(s -> s.completedCount() >= 1));

    // ---- SIGTERM session-a
    probe = HealthProbe.start(portA);
    long sigterm = System.nanoTime();
    edgeA.terminate();
    waitUntil("session-a reports not ready", Duration.ofSeconds(5), () -> probe.firstReady(503) != null);
    UpgradeRejectedException refused = refusedUpgrade(portA);
    long refusedAt = System.nanoTime();
    OptionalInt exit = edgeA.awaitExit(Duration.ofSeconds(DRAIN_SECONDS + 30));
    long exited = System.nanoTime();
    probe.stop();
    assertThat(exit).as("session-a exits by itself").isPresent();
    System.out.printf("session-a: SIGTERM -> not ready %d ms, new session refused at %d ms, transcripts while draining %s, "
        + "1001 at %s ms, exit %d at %d ms%n", ms(probe.firstReady(503).atNanos() - sigterm), ms(refusedAt - sigterm),
        onA.stream().map(s -> s.completedCommittedAfter(sigterm)).toList(),
        onA.stream().map(s -> ms(s.closedAtNanos() - sigterm)).toList(), exit.getAsInt(), ms(exited - sigterm));

    // Readiness fails at once and stays failed; liveness holds until the listener goes at exit.
    assertThat(ms(probe.firstReady(503).atNanos() - sigterm)).isLessThan(2_000);
    assertThat(probe.firstReady(503).readyBody()).contains("DRAINING").contains("\"sessions\":" + SESSIONS_PER_EDGE);
    List<HealthProbe.Probe> probes = probe.probes();
    assertThat(probes.stream().dropWhile(p -> p.ready() != 503).map(HealthProbe.Probe::ready))
        .as("readiness after it first failed").allMatch(status -> status == 503 || status == -1);
    assertThat(probes.stream().map(HealthProbe.Probe::live).dropWhile(status -> status == 200))
        .as("liveness is 200 until the process stops listening").allMatch(status -> status == -1);
    long lastLive = probes.stream().filter(p -> p.live() == 200).mapToLong(HealthProbe.Probe::atNanos).max().orElseThrow();
    assertThat(ms(lastLive - sigterm)).as("still live at the drain deadline").isGreaterThanOrEqualTo(DRAIN_SECONDS * 1000L - 500);

    // A new session is refused before the upgrade, with the REST error body.
    assertThat(refused.getStatus()).isEqualTo(503);
    assertThat(refused.getBody().toString()).contains("\"code\":\"server_draining\"");

    // Running sessions: transcripts for turns they finished during the drain, then 1001 at the deadline.
    for (ClusterSession s : onA) {
      assertThat(s.closeCode()).as("%s close code", s).isEqualTo((short) 1001);
      assertThat(s.closeReason()).as("%s close reason", s).contains("shutting down");
      assertThat(ms(s.closedAtNanos() - sigterm)).as("%s closed at the deadline", s)
          .isBetween(DRAIN_SECONDS * 1000L - 500, DRAIN_SECONDS * 1000L + 3_000);
      assertThat(s.completedCommittedAfter(sigterm)).as("%s transcripts of turns finished while draining", s).isGreaterThanOrEqualTo(1);
      // Every turn committed while draining, early enough to be transcribed before the deadline, was.
      Map<String, String> outcomes = s.outcomes();
      List<String> finishedInTime = s.ofType("input_audio_buffer.committed").stream()
          .filter(e -> e.atNanos() > sigterm && e.atNanos() < s.closedAtNanos() - 1_500_000_000L)
          .map(ClusterSession.Event::itemId).toList();
      assertThat(finishedInTime).as("%s turns committed while draining", s)
          .allSatisfy(item -> assertThat(outcomes.get(item)).as("%s %s", s, item).isEqualTo("completed"));
      assertThat(s.ofType("error")).as("%s errors", s).isEmpty();
      assertThat(s.ofType(FAILED)).as("%s failed turns", s).isEmpty();
    }
    // The drained sessions' pipelines were released downstream, not left behind on the ingest.
    for (ClusterSession s : onA) {
      String id = s.sessionId().orElseThrow();
      waitUntil(id + " closed on the ingest", Duration.ofSeconds(5),
          () -> ingest.output().lines().anyMatch(line -> line.contains("audio pipeline closed") && line.contains("session_id=" + id)));
    }
    assertThat(exit.getAsInt()).as("exit code after SIGTERM").isEqualTo(SIGTERM_EXIT);
    assertThat(ms(exited - sigterm)).as("SIGTERM to exit").isLessThan(DRAIN_SECONDS * 1000L + 15_000);

    // ---- session-b served throughout, and takes new sessions.
    ClusterSession late = open("b-new", portB, rotated(speech, 5));
    waitUntil("session-b's sessions transcribe after session-a exited", Duration.ofSeconds(30),
        () -> onB.stream().allMatch(s -> s.completedCommittedAfter(exited) >= 1) && late.completedCount() >= 1);
    for (ClusterSession s : onB) {
      long duringDrain = s.completedCommittedAfter(sigterm) - s.completedCommittedAfter(exited);
      assertThat(duringDrain).as("%s transcripts while session-a drained", s).isGreaterThanOrEqualTo(1);
    }
    List<ClusterSession> survivors = new ArrayList<>(onB);
    survivors.add(late);
    survivors.forEach(ClusterSession::finish);
    waitUntil("session-b's sessions finished streaming", Duration.ofSeconds(30), () -> survivors.stream().allMatch(ClusterSession::finished));
    waitUntil("every committed turn on session-b resolved", Duration.ofSeconds(30),
        () -> survivors.stream().allMatch(s -> !s.outcomes().containsValue(null)));
    for (ClusterSession s : survivors) {
      assertThat(s.outcomes().values()).as("%s outcomes", s).allMatch("completed"::equals);
      assertThat(s.ofType("error")).as("%s errors", s).isEmpty();
    }

    // ---- Kafka: every transcript a client saw, once, in the order it saw them, with increasing sequences.
    Map<String, Map<String, String>> seen = new LinkedHashMap<>(); // session -> item -> transcript
    for (ClusterSession s : sessions) {
      Map<String, String> items = new LinkedHashMap<>();
      s.ofType(COMPLETED).forEach(e -> items.put(e.itemId(), e.json().getString("transcript")));
      seen.put(s.sessionId().orElseThrow(), items);
    }
    int total = seen.values().stream().mapToInt(Map::size).sum();
    Map<String, List<TranscriptRecord>> bySession = new TreeMap<>();
    for (ConsumedRecord r : EmbeddedKafka.consumeAll(bootstrap, Topics.TRANSCRIPTS, total, Duration.ofSeconds(30))) {
      if (seen.containsKey(r.key())) {
        bySession.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(TranscriptRecord.fromJson(r.value().getBytes(StandardCharsets.UTF_8)));
      }
    }
    seen.forEach((id, items) -> {
      List<TranscriptRecord> records = bySession.getOrDefault(id, List.of());
      List<String> recordItems = records.stream().map(TranscriptRecord::itemId).toList();
      assertThat(recordItems).as("%s: no transcript twice", id).doesNotHaveDuplicates();
      assertThat(recordItems.stream().filter(items::containsKey).toList()).as("%s: every transcript seen, in the order seen", id)
          .containsExactlyElementsOf(items.keySet());
      records.stream().filter(t -> items.containsKey(t.itemId())).forEach(t ->
          assertThat(t.transcript()).as("%s %s", id, t.itemId()).isEqualTo(items.get(t.itemId())));
      assertThat(records.stream().map(TranscriptRecord::sequence).toList()).as("%s: sequences", id)
          .doesNotHaveDuplicates().isSorted();
    });
    System.out.printf("transcripts seen by clients %d (per session %s); test %d s%n", total,
        seen.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, TreeMap::new)),
        (System.nanoTime() - t0) / 1_000_000_000L);
  }

  // -------------------------------------------------------------------------------------------------------------

  private ClusterSession open(String name, int port, List<byte[]> audio) throws Exception {
    ClusterSession s = new ClusterSession(vertx, name, audio, 700, 40, SPEED);
    sessions.add(s);
    s.start(port, API_KEY).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return s;
  }

  private static List<byte[]> rotated(List<byte[]> list, int by) {
    List<byte[]> out = new ArrayList<>(list);
    java.util.Collections.rotate(out, -by);
    return out;
  }

  /** A fresh WebSocket to the draining instance; it must be refused before the upgrade. */
  private UpgradeRejectedException refusedUpgrade(int port) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/v1/realtime?intent=transcription").addHeader("Authorization", "Bearer " + API_KEY).addSubProtocol("realtime");
      Throwable failure = client.connect(options)
          .transform(ar -> io.vertx.core.Future.succeededFuture(ar.failed() ? ar.cause() : null))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(failure).as("a new WebSocket while draining").isInstanceOf(UpgradeRejectedException.class);
      return (UpgradeRejectedException) failure;
    } finally {
      client.close();
    }
  }

  private ClusterProcess start(String name, String service, Class<?> main, int clusterPort, Map<String, String> common,
      Map<String, String> own) {
    Map<String, String> settings = new HashMap<>(common);
    settings.putAll(own);
    settings.put("cluster.port", Integer.toString(clusterPort));
    settings.put("data.dir", dir.resolve(name).toString());
    ClusterProcess p = ClusterProcess.start(name, service, main, settings, logDir);
    processes.add(p);
    return p;
  }

  private void waitUntil(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + "; sessions: " + sessions.stream()
            .map(s -> s + " completed=" + s.completedCount() + " outcomes=" + s.outcomes().values() + " close=" + s.closeCode()
                + " errors=" + s.ofType("error").stream().map(e -> e.json().getJsonObject("error").getString("message")).toList())
            .collect(Collectors.joining("\n  ", "\n  ", "")));
      }
      Thread.sleep(50);
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /** Polls /health/ready and /health/live every 100 ms on its own thread, as a load balancer and a kubelet would. */
  private static final class HealthProbe {

    /** One round: HTTP statuses, -1 when nothing answered. */
    record Probe(long atNanos, int ready, String readyBody, int live) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final String base;
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private HealthProbe(int port) {
      this.base = "http://127.0.0.1:" + port;
      this.thread = new Thread(this::run, "health-probe");
      thread.setDaemon(true);
    }

    static HealthProbe start(int port) {
      HealthProbe p = new HealthProbe(port);
      p.thread.start();
      return p;
    }

    private void run() {
      while (running) {
        long at = System.nanoTime();
        HttpResponse<String> ready = get("/health/ready");
        HttpResponse<String> live = get("/health/live");
        probes.add(new Probe(at, ready == null ? -1 : ready.statusCode(), ready == null ? "" : ready.body(),
            live == null ? -1 : live.statusCode()));
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private HttpResponse<String> get(String path) {
      try {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    /** The first probe whose readiness had {@code status}, or null. */
    Probe firstReady(int status) {
      return probes.stream().filter(p -> p.ready() == status).findFirst().orElse(null);
    }

    List<Probe> probes() {
      return List.copyOf(probes);
    }

    void stop() {
      running = false;
      thread.interrupt();
      try {
        thread.join(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
