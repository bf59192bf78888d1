package org.voxmesh.bench.mesh;

import io.vertx.core.eventbus.ReplyException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.voxmesh.audio.AudioFormat;
import org.voxmesh.bench.Stats;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.Endpoint;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;
import org.voxmesh.bus.message.TranscriptionReply;
import org.voxmesh.bus.message.TranscriptionRequest;

/**
 * Benchmark 2: from process start (the fork) to a member that serves. Two cases, each repeated:
 * <ul>
 *   <li>one audio-ingest-service JVM joining a running cluster (this JVM): until Hazelcast reports the
 *       member, until it logs "ready", and until it answers {@code voxmesh.ingest.open} from here;
 *   <li>the 7-process mesh (2 session, 2 audio-ingest, 2 transcript, 1 webhook) started at once against a
 *       running broker: until every member is in the cluster, both ingest and both transcript instances have
 *       answered an open, both session services have opened a WebSocket session, and the webhook service is ready.
 * </ul>
 * Probes run every ~10 ms, so times are late by at most that much plus the probe itself.
 */
final class Formation {

  static final Pattern HTTP_PORT = Pattern.compile("session service listening on http=(\\d+)");
  private static final String INGEST_MAIN = "org.voxmesh.ingest.IngestServiceMain";

  private final MeshBench bench;
  private final MeshReport report;

  Formation(MeshBench bench) {
    this.bench = bench;
    this.report = bench.report;
  }

  Map<String, Object> run() throws Exception {
    ClusterMember member = bench.member();
    String bootstrap = bench.bootstrap();
    Map<String, Object> out = new LinkedHashMap<>();
    report.section("(2) cluster formation: process start -> member serving (ms); the cluster already has this JVM;"
        + " services run with %s", MeshBench.SERVICE_HEAP);
    report.row("%-34s %5s %8s %8s %8s %8s | %5s", "one audio-ingest-service joining", "rep", "member", "ready",
        "answers", "open rt", "other");
    Map<String, List<Double>> join = new LinkedHashMap<>();
    for (String k : List.of("member_in_cluster", "ready_log_line", "answers_ingest_open", "answered_open_round_trip",
        "other_processes_cores")) {
      join.put(k, new ArrayList<>());
    }
    for (int rep = 1; rep <= bench.opt.joinReps; rep++) {
      bench.waitQuiet("ingest join " + rep);
      Map<String, String> s = member.childSettings(ClusterMember.freePort());
      s.put("kafka.bootstrap.servers", bootstrap);
      MeshCpu.Snapshot a = MeshCpu.snapshot();
      ChildJvm p = ChildJvm.start("join-ingest-" + rep, INGEST_MAIN, MeshBench.SERVICE_HEAP, s, bench.logDir);
      var readyWatch = java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        var readyLine = readyWatch.submit(() -> p.awaitOutput("audio-ingest-service ready", 120_000));
        double[] openMs = new double[1];
        double answered = untilIngestAnswers(member, p, 1, 120_000, openMs);
        join.get("answered_open_round_trip").add(openMs[0]);
        double ready = readyLine.get();
        double other = MeshCpu.between(a, MeshCpu.snapshot()).other();
        join.get("other_processes_cores").add(other);
        List<Long> joins = member.joinsSince(p.startedNanos);
        double joined = joins.isEmpty() ? Double.NaN : (joins.get(0) - p.startedNanos) / 1e6;
        join.get("member_in_cluster").add(joined);
        join.get("ready_log_line").add(ready);
        join.get("answers_ingest_open").add(answered);
        report.row("%-34s %5d %8.0f %8.0f %8.0f %8.0f | %5.2f", "", rep, joined, ready, answered, openMs[0], other);
      } finally {
        readyWatch.shutdownNow();
        p.stop();
        waitMembers(member, 1, 30_000);
      }
    }
    out.put("ingest_join", summarise(join, "ingest join"));

    report.row("");
    report.row("%-34s %5s %8s %8s %8s %8s %8s %8s | %6s %5s", "7-process mesh, started at once", "rep", "members",
        "ingest", "transcr", "ws x2", "webhook", "formed", "cpu s", "other");
    Map<String, List<Double>> mesh = new LinkedHashMap<>();
    for (String k : List.of("all_members_in_cluster", "both_ingest_answer", "both_transcript_answer",
        "both_session_services_open_a_session", "webhook_ready", "fully_formed", "mesh_cpu_seconds_until_formed",
        "other_processes_cores")) {
      mesh.put(k, new ArrayList<>());
    }
    for (int rep = 1; rep <= bench.opt.meshReps; rep++) {
      bench.waitQuiet("mesh formation " + rep);
      MeshCpu.Snapshot a = MeshCpu.snapshot();
      MeshProcesses m = MeshProcesses.start(bench, "form" + rep, member);
      try {
        long t0 = m.firstFork();
        double[] t = new double[5];
        // the probes run side by side, so each time is its own criterion's, not the sum of those before it
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
          var ingest = pool.submit(() -> {
            untilIngestAnswers(member, null, 2, 180_000);
            return msSince(t0);
          });
          var transcript = pool.submit(() -> untilTranscriptAnswers(member, 2, 180_000, t0));
          var sessions = pool.submit(() -> m.untilSessionsOpen(180_000, t0));
          var webhook = pool.submit(() -> m.webhook().awaitOutput("webhook-service ready", 180_000)
              + (m.webhook().startedNanos - t0) / 1e6);
          t[1] = ingest.get();
          t[2] = transcript.get();
          t[3] = sessions.get();
          t[4] = webhook.get();
        } finally {
          pool.shutdownNow();
        }
        waitMembers(member, 8, 180_000);
        List<Long> joins = member.joinsSince(t0);
        t[0] = joins.size() >= 7 ? (joins.get(6) - t0) / 1e6 : Double.NaN;
        double formed = Math.max(Math.max(t[0], t[1]), Math.max(Math.max(t[2], t[3]), t[4]));
        int i = 0;
        for (String k : List.of("all_members_in_cluster", "both_ingest_answer", "both_transcript_answer",
            "both_session_services_open_a_session", "webhook_ready")) {
          mesh.get(k).add(t[i++]);
        }
        mesh.get("fully_formed").add(formed);
        MeshCpu.Usage u = MeshCpu.between(a, MeshCpu.snapshot());
        double other = u.other();
        mesh.get("other_processes_cores").add(other);
        double meshCpuSeconds = m.pids().values().stream().mapToDouble(u::child).sum() * u.seconds();
        mesh.get("mesh_cpu_seconds_until_formed").add(meshCpuSeconds);
        report.row("%-34s %5d %8.0f %8.0f %8.0f %8.0f %8.0f %8.0f | %6.1f %5.2f", "", rep, t[0], t[1], t[2], t[3], t[4],
            formed, meshCpuSeconds, other);
      } finally {
        m.stop();
        waitMembers(member, 1, 60_000);
      }
    }
    out.put("mesh", summarise(mesh, "mesh"));
    out.put("method", "times from the fork of the process (mesh: of the first of the 7) to: Hazelcast memberAdded in"
        + " this JVM; the ServiceMain ready line; a bus request answered (ingest/transcription open, then closed);"
        + " a WebSocket transcription session answering session.update; probes every ~10 ms");
    return out;
  }

  private Map<String, Object> summarise(Map<String, List<Double>> values, String label) {
    Map<String, Object> m = new LinkedHashMap<>();
    report.row("%-34s p50 / max over %d: %s", label + ":", values.values().iterator().next().size(),
        String.join(", ", values.entrySet().stream().filter(e -> !e.getKey().endsWith("_cores") && !e.getKey().startsWith("mesh_cpu")).map(e -> {
          Stats s = Stats.of(e.getValue());
          return e.getKey() + " " + Math.round(s.p50()) + " / " + Math.round(s.max());
        }).toList()));
    values.forEach((k, v) -> {
      Stats s = Stats.of(v);
      Map<String, Object> x = new LinkedHashMap<>();
      if (k.endsWith("_cores") || k.endsWith("_seconds_until_formed")) {
        x.put("runs", v.stream().map(MeshCpu::r2).toList());
        x.put("max", MeshCpu.r2(s.max()));
      } else {
        x.put("runs_ms", v.stream().map(d -> Math.round(d)).toList());
        x.put("p50_ms", Math.round(s.p50()));
        x.put("max_ms", Math.round(s.max()));
      }
      m.put(k, x);
    });
    return m;
  }

  /**
   * Sends {@code voxmesh.ingest.open} every ~10 ms until {@code instances} distinct instances answered
   * (each opened pipeline is closed again); returns ms since {@code p}'s fork (or 0 when p is null).
   */
  static double untilIngestAnswers(ClusterMember member, ChildJvm p, int instances, long timeoutMs) throws Exception {
    return untilIngestAnswers(member, p, instances, timeoutMs, new double[1]);
  }

  /** As above; {@code lastRequestMs[0]} gets the round trip of the request that was answered last. */
  static double untilIngestAnswers(ClusterMember member, ChildJvm p, int instances, long timeoutMs,
      double[] lastRequestMs) throws Exception {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    Set<String> seen = new HashSet<>();
    IngestRequest.IngestSettings settings = new IngestRequest.IngestSettings(AudioFormat.PCM16_24K,
        new IngestRequest.TurnSettings(0.5, 300, 500, null), null);
    while (System.nanoTime() < deadline) {
      if (p != null && !p.alive()) {
        throw new IllegalStateException(p + " died:\n" + p.tail(30));
      }
      String session = "sess_probe_" + UUID.randomUUID().toString().substring(0, 8);
      long sent = System.nanoTime();
      try {
        IngestReply.Opened o = (IngestReply.Opened) BusHop.await(Addresses.INGEST_OPEN.request(member.vertx,
            new IngestRequest.Open(session, "bench.probe.inbox", settings), 2000));
        lastRequestMs[0] = (System.nanoTime() - sent) / 1e6;
        seen.add(o.instanceId());
        BusHop.await(Endpoint.of(o.address(), IngestRequest.class, IngestReply.class)
            .request(member.vertx, new IngestRequest.Close(), 5000));
        if (seen.size() >= instances) {
          return p == null ? 0 : (System.nanoTime() - p.startedNanos) / 1e6;
        }
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof ReplyException)) {
          throw e;
        }
        Thread.sleep(10); // no handler yet (or refused): probe again
      }
    }
    throw new IllegalStateException("voxmesh.ingest.open: fewer than " + instances + " instances answered");
  }

  /** As {@link #untilIngestAnswers} for {@code voxmesh.transcription.open}; ms since {@code t0}. */
  static double untilTranscriptAnswers(ClusterMember member, int instances, long timeoutMs, long t0) throws Exception {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    Set<String> seen = new HashSet<>();
    while (System.nanoTime() < deadline) {
      String session = "sess_probe_" + UUID.randomUUID().toString().substring(0, 8);
      try {
        TranscriptionReply.Opened o = (TranscriptionReply.Opened) BusHop.await(Addresses.TRANSCRIPTION_OPEN.request(
            member.vertx, new TranscriptionRequest.Open(session, "bench.probe.inbox"), 2000));
        seen.add(o.instanceId());
        BusHop.await(Endpoint.of(o.address(), TranscriptionRequest.class, TranscriptionReply.class)
            .request(member.vertx, new TranscriptionRequest.Close(), 5000));
        if (seen.size() >= instances) {
          return msSince(t0);
        }
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof ReplyException)) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
    throw new IllegalStateException("voxmesh.transcription.open: fewer than " + instances + " instances answered");
  }

  static double msSince(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  static void waitMembers(ClusterMember member, int count, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (member.members() != count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
