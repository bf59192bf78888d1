package org.voxmesh.bench.mesh;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxmesh.bench.Stats;
import org.voxmesh.bus.BusRecordCodec;
import org.voxmesh.bus.message.IngestRequest;
import org.voxmesh.runtime.Node;
import org.voxmesh.runtime.config.Settings;

/**
 * Benchmark 1: the extra latency of the cross-process event-bus hop on the audio path. The same
 * request/reply ({@link BusHop}) runs twice per load level: inside this JVM (a standalone Vert.x, as in
 * {@code ./voxmesh run}, where the codec passes the record through untouched) and from this JVM to a
 * {@link HopResponder} in another JVM of the same Hazelcast cluster (CBOR on the wire, TCP over loopback).
 * Both round trips are timed in this JVM, so the hop's cost is the difference; no clocks are compared
 * across processes.
 */
final class HopPhase {

  private final MeshBench bench;
  private final MeshReport report;

  HopPhase(MeshBench bench) {
    this.bench = bench;
    this.report = bench.report;
  }

  Map<String, Object> run() throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    ClusterMember member = bench.member();
    ChildJvm responder = ChildJvm.start("hop-responder", HopResponder.class.getName(), MeshBench.SERVICE_HEAP,
        member.childSettings(ClusterMember.freePort()), bench.logDir);
    Vertx local = BusHop.await(Node.start(Settings.of(Map.of())));
    try {
      responder.awaitOutput("hop-responder ready", 120_000);
      BusHop.await(local.deployVerticle(new HopResponder()));
      BusHop sameJvm = new BusHop(local, 2);
      BusHop crossJvm = new BusHop(member.vertx, 2);
      Buffer wire = Buffer.buffer();
      new BusRecordCodec().encodeToWire(wire, new IngestRequest.Audio(123_456, new byte[BusHop.CHUNK_BYTES]));
      report.section("(1) event-bus hop: 960-byte IngestRequest.Audio -> ChunkAck round trip, 50 chunks/s per stream,"
          + " %d s per level (codec body %d bytes on the wire)", bench.opt.hopSeconds, wire.length());
      out.put("codec_body_bytes", wire.length());
      out.put("method", "request/reply round trip timed in the sending JVM; extra = cross-JVM minus same-JVM"
          + " percentile; responder acknowledges at once on its event loop; no credit window");
      // JIT warm-up of both paths (not measured)
      sameJvm.run(50, 3000, 1000, () -> { });
      crossJvm.run(50, 3000, 1000, () -> { });
      report.row("%-9s %7s %9s | %7s %7s %7s %7s | %5s %5s %5s %5s | %s", "mode", "streams", "chunks/s", "p50", "p95",
          "p99", "max", "bench", "resp", "other", "us/rt", "errors");
      report.row("%-9s (round trip ms; CPU in cores: bench JVM (sender; same-JVM: both ends), responder JVM,"
          + " other processes; us/rt = CPU microseconds per round trip, both ends)", "");
      List<Map<String, Object>> levels = new ArrayList<>();
      Map<String, Object> extra = new LinkedHashMap<>();
      for (int n : bench.opt.hopStreams) {
        Map<String, Object> pair = new LinkedHashMap<>();
        Stats[] rtt = new Stats[2];
        int i = 0;
        for (String mode : List.of("same_jvm", "cross_jvm")) {
          bench.waitQuiet("hop " + mode + " " + n);
          MeshCpu.Snapshot[] snaps = new MeshCpu.Snapshot[2];
          List<Map<String, Long>> threads = new ArrayList<>();
          List<Long> pids = List.of(ProcessHandle.current().pid(), responder.pid());
          int[] k = {0};
          BusHop hop = mode.equals("same_jvm") ? sameJvm : crossJvm;
          BusHop.Level level = hop.run(n, 2000, bench.opt.hopSeconds * 1000L, () -> {
            snaps[k[0]++] = MeshCpu.snapshot();
            threads.add(ThreadGroups.snapshot(pids));
          });
          MeshCpu.Usage cpu = MeshCpu.between(snaps[0], snaps[1]);
          Map<String, Object> byThread = ThreadGroups.between(threads.get(0), threads.get(1), cpu.seconds());
          double resp = mode.equals("same_jvm") ? 0 : cpu.child(responder.pid());
          double perRt = (cpu.self() + resp) / (level.sent() / level.seconds()) * 1e6;
          Map<String, Object> m = BusHop.toMap(level);
          m.put("cpu_cores", MeshBench.cpuMap(cpu, Map.of("responder_jvm", responder.pid())));
          m.put("cpu_us_per_round_trip", Math.round(perRt));
          m.put("disturbed", cpu.other() > bench.opt.quietCores);
          m.put("cpu_by_thread_group_both_jvms", byThread);
          pair.put(mode, m);
          rtt[i++] = level.rtt();
          report.row("%-9s %7d %9d | %7s %7s %7s %7s | %5s %5s %5s %5d | %d%s", mode, n,
              Math.round(level.sent() / level.seconds()), MeshReport.f2(level.rtt().p50()),
              MeshReport.f2(level.rtt().p95()), MeshReport.f2(level.rtt().p99()), MeshReport.f2(level.rtt().max()),
              MeshReport.f2(cpu.self()), MeshReport.f2(resp), MeshReport.f2(cpu.other()), Math.round(perRt),
              level.errors(), cpu.other() > bench.opt.quietCores ? " *disturbed" : "");
          report.row("%-9s threads of both JVMs: %s", "", byThread);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("p50_ms", MeshReport.r3(rtt[1].p50() - rtt[0].p50()));
        d.put("p95_ms", MeshReport.r3(rtt[1].p95() - rtt[0].p95()));
        d.put("p99_ms", MeshReport.r3(rtt[1].p99() - rtt[0].p99()));
        extra.put(Integer.toString(n), d);
        pair.put("extra_cross_minus_same", d);
        pair.put("streams", n);
        levels.add(pair);
      }
      report.row("");
      report.row("extra latency of the hop (cross-JVM minus same-JVM round trip, same percentile):");
      for (Map.Entry<String, Object> e : extra.entrySet()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) e.getValue();
        report.row("  %4s streams: p50 %s ms, p95 %s ms, p99 %s ms  -> goal p99 <= 2 ms: %s", e.getKey(),
            d.get("p50_ms"), d.get("p95_ms"), d.get("p99_ms"),
            ((Double) d.get("p99_ms")) <= 2.0 ? "met" : "NOT met");
      }
      out.put("levels", levels);
      out.put("extra", extra);
      return out;
    } finally {
      responder.stop();
      BusHop.await(local.close());
    }
  }
}
