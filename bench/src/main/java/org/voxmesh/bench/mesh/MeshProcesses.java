package org.voxmesh.bench.mesh;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The 7-process mesh of benchmarks 2 and 3: 2 session-service, 2 audio-ingest-service, 2 transcript-service
 * and 1 webhook-service JVMs, each started as {@code ./voxmesh run <service>} would (its {@code main}, settings
 * as -Dvoxmesh.*, the deployment's heap flags), clustered over Hazelcast TCP-IP on 127.0.0.1 against one broker.
 */
final class MeshProcesses {

  static final String API_KEY = "sk-mesh-bench-" + Long.toHexString(new SecureRandom().nextLong());

  /** name → main class, in start order. */
  private static final Map<String, String> SERVICES = new LinkedHashMap<>();

  static {
    SERVICES.put("session-a", "org.voxmesh.session.SessionServiceMain");
    SERVICES.put("session-b", "org.voxmesh.session.SessionServiceMain");
    SERVICES.put("ingest-a", "org.voxmesh.ingest.IngestServiceMain");
    SERVICES.put("ingest-b", "org.voxmesh.ingest.IngestServiceMain");
    SERVICES.put("transcript-a", "org.voxmesh.transcript.TranscriptServiceMain");
    SERVICES.put("transcript-b", "org.voxmesh.transcript.TranscriptServiceMain");
    SERVICES.put("webhook", "org.voxmesh.webhook.WebhookServiceMain");
  }

  final Map<String, ChildJvm> processes = new LinkedHashMap<>();

  /**
   * Starts the seven JVMs. With {@code member} (this JVM, already in a cluster) they all start at once and join
   * it; without, the first session service starts alone and the rest join it once it is ready (so that no two
   * processes each form a cluster of their own at the same moment).
   */
  static MeshProcesses start(MeshBench bench, String tag, ClusterMember member) throws Exception {
    MeshProcesses m = new MeshProcesses();
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<String> members = new ArrayList<>();
    if (member != null) {
      members.add("127.0.0.1:" + member.port);
    }
    for (String name : SERVICES.keySet()) {
      int port = ClusterMember.freePort();
      ports.put(name, port);
      members.add("127.0.0.1:" + port);
    }
    String clusterName = member != null ? member.clusterName : "voxmesh-mesh-" + tag + "-" + Long.toHexString(System.nanoTime());
    String bootstrap = bench.bootstrap();
    for (Map.Entry<String, String> e : SERVICES.entrySet()) {
      String name = e.getKey();
      Map<String, String> s = new LinkedHashMap<>();
      s.put("cluster.members", String.join(",", members));
      s.put("cluster.port", Integer.toString(ports.get(name)));
      s.put("cluster.name", clusterName);
      s.put("kafka.bootstrap.servers", bootstrap);
      s.put("data.dir", bench.dataDir(tag + "-" + name).toString());
      if (name.startsWith("session")) {
        s.put("http.host", "127.0.0.1");
        s.put("http.port", "0");
        s.put("https.port", "-1");
        s.put("api.keys", API_KEY);
        s.put("drain.seconds", "2"); // sessions are closed before the benchmark stops a mesh
      }
      if (name.equals("webhook")) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // nothing publishes while sessions only detect turns; the endpoint is there so the service runs as deployed
        s.put("webhook.endpoints", "[{\"id\":\"bench\",\"url\":\"http://127.0.0.1:9/hooks\",\"secret\":\"whsec_"
            + Base64.getEncoder().encodeToString(key) + "\"}]");
        s.put("webhook.admin.port", "0");
      }
      ChildJvm p = ChildJvm.start(tag + "-" + name, e.getValue(), MeshBench.SERVICE_HEAP, s, bench.logDir);
      m.processes.put(name, p);
      if (member == null && name.equals("session-a")) {
        p.awaitOutput("session-service ready", 180_000);
      }
    }
    return m;
  }

  long firstFork() {
    return processes.values().iterator().next().startedNanos;
  }

  ChildJvm webhook() {
    return processes.get("webhook");
  }

  /** Waits for every service's ready line. */
  void awaitReady(long timeoutMs) throws InterruptedException {
    for (Map.Entry<String, ChildJvm> e : processes.entrySet()) {
      String service = e.getKey().startsWith("session") ? "session-service"
          : e.getKey().startsWith("ingest") ? "audio-ingest-service"
          : e.getKey().startsWith("transcript") ? "transcript-service" : "webhook-service";
      e.getValue().awaitOutput(service + " ready", timeoutMs);
    }
  }

  /** The two session services' HTTP ports (after they logged them). */
  List<Integer> httpPorts() {
    List<Integer> ports = new ArrayList<>();
    for (String name : List.of("session-a", "session-b")) {
      ports.add(Integer.parseInt(processes.get(name).find(Formation.HTTP_PORT).orElseThrow()));
    }
    return ports;
  }

  /** Until each session service opened a WebSocket transcription session (session.updated); ms since {@code t0}. */
  double untilSessionsOpen(long timeoutMs, long t0) throws Exception {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    Vertx vertx = Vertx.vertx();
    try {
      for (String name : List.of("session-a", "session-b")) {
        ChildJvm p = processes.get(name);
        while (p.find(Formation.HTTP_PORT).isEmpty()) {
          if (System.nanoTime() > deadline || !p.alive()) {
            throw new IllegalStateException(p + " never listened:\n" + p.tail(30));
          }
          Thread.sleep(10);
        }
        int port = Integer.parseInt(p.find(Formation.HTTP_PORT).orElseThrow());
        while (!openSession(vertx, port)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(p + " never opened a session:\n" + p.tail(30));
          }
          Thread.sleep(10);
        }
      }
      return Formation.msSince(t0);
    } finally {
      BusHop.await(vertx.close());
    }
  }

  /** One transcription session: connect, session.update, true on session.updated (false on error or 3 s). */
  static boolean openSession(Vertx vertx, int port) throws InterruptedException {
    WebSocketClient client = vertx.createWebSocketClient();
    Promise<Boolean> result = Promise.promise();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/v1/realtime?intent=transcription").addHeader("Authorization", "Bearer " + API_KEY).setTimeout(3000);
    client.connect(options).onComplete(ar -> {
      if (ar.failed()) {
        result.tryComplete(false);
        return;
      }
      var ws = ar.result();
      ws.textMessageHandler(text -> {
        if (text.contains("\"session.updated\"")) {
          result.tryComplete(true);
        } else if (text.contains("\"type\":\"error\"")) {
          result.tryComplete(false);
        }
      });
      ws.writeTextMessage("{\"type\":\"session.update\",\"session\":{\"type\":\"transcription\",\"audio\":{\"input\":{"
          + "\"format\":{\"type\":\"audio/pcm\",\"rate\":24000},\"transcription\":null,"
          + "\"turn_detection\":{\"type\":\"server_vad\",\"silence_duration_ms\":500}}}}}");
    });
    vertx.setTimer(3000, id -> result.tryComplete(false));
    try {
      return result.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    } finally {
      client.close();
    }
  }

  Map<String, Long> pids() {
    Map<String, Long> m = new LinkedHashMap<>();
    processes.forEach((k, v) -> m.put(k, v.pid()));
    return m;
  }

  /** SIGTERM to all at once, then waits for each. */
  void stop() throws InterruptedException {
    List<Thread> stops = new ArrayList<>();
    for (ChildJvm p : processes.values()) {
      Thread t = new Thread(() -> {
        try {
          p.stop();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      t.start();
      stops.add(t);
    }
    for (Thread t : stops) {
      t.join();
    }
  }
}
