package org.voxmesh.bench.mesh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.voxmesh.runtime.kafka.KafkaBrokerProcess;
import org.voxmesh.testkit.kafka.EmbeddedKafka;

/**
 * The mesh benchmarks (docs/benchmarks-mesh.md): the services as separate JVMs on one Hazelcast-clustered
 * event bus on this machine, against a real child-JVM Kafka broker. Phases:
 * <ul>
 *   <li>hop: round trip of a 960-byte audio request across two JVMs vs inside one ({@link HopPhase});
 *   <li>formation: process start → answering on the bus, one ingest process and a 7-process mesh ({@link Formation});
 *   <li>webhook: webhook-service delivering signed POSTs from the transcripts topic ({@link WebhookPhase});
 *   <li>capacity: turn-detection sessions held by the 7-process mesh vs the one-JVM app ({@link CapacityPhase}).
 * </ul>
 */
public final class MeshBench {

  static final List<String> PHASES = List.of("hop", "formation", "webhook", "capacity");
  /** The services' JVM flags in the Kubernetes manifests (deploy/base/*.yaml JAVA_TOOL_OPTIONS). */
  static final List<String> SERVICE_HEAP = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
  /** ./voxmesh run's default for the one-JVM app. */
  static final List<String> APP_HEAP = List.of("-Xmx2g");

  /** Command-line options (bench/run-mesh.sh --help). */
  static final class Options {
    Set<String> phases = new LinkedHashSet<>(PHASES);
    List<Integer> hopStreams = List.of(1, 50, 200);
    int hopSeconds = 15;
    int joinReps = 5;
    int meshReps = 3;
    int webhookBacklog = 30_000;
    List<Integer> webhookRates = List.of(500, 2000, 4000, 6000);
    int webhookSeconds = 15;
    List<Integer> capacitySteps = List.of(25, 50, 100, 150, 200, 250, 300);
    Set<String> capacityTargets = new LinkedHashSet<>(List.of("app", "mesh"));
    int stepSeconds = 20;
    int waitQuietSeconds = 0;
    double quietCores = 0.3;
    Path out = Path.of("bench/results");

    static final String USAGE = """
        usage: bench/run-mesh.sh [options]
          --phases LIST          hop,formation,webhook,capacity (default: all)
          --hop-streams LIST     concurrent 50 chunk/s streams per level (default 1,50,200)
          --hop-seconds S        measured seconds per level and mode (default 15)
          --join-reps N          single audio-ingest joins (default 5)
          --mesh-reps N          7-process mesh formations (default 3)
          --webhook-backlog N    records in the backlog drain (default 30000)
          --webhook-rates LIST   offered records/s for the latency runs (default 500,2000,4000,6000)
          --webhook-seconds S    seconds per offered rate (default 15)
          --capacity-steps LIST  sessions per step, turn detection only (default 25,50,100,150,200,250,300)
          --step-seconds S       audio per session per capacity step (default 20)
          --capacity-targets L   app,mesh (default both)
          --wait-quiet S         before each measurement wait up to S s for other processes < 0.3 cores
          --out DIR              results folder (default bench/results)
          --quick                smoke test: short levels, 1-2 repetitions, two small capacity steps
        """;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--phases" -> o.phases = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
          case "--hop-streams" -> o.hopStreams = ints(args[++i]);
          case "--hop-seconds" -> o.hopSeconds = Integer.parseInt(args[++i]);
          case "--join-reps" -> o.joinReps = Integer.parseInt(args[++i]);
          case "--mesh-reps" -> o.meshReps = Integer.parseInt(args[++i]);
          case "--webhook-backlog" -> o.webhookBacklog = Integer.parseInt(args[++i]);
          case "--webhook-rates" -> o.webhookRates = ints(args[++i]);
          case "--webhook-seconds" -> o.webhookSeconds = Integer.parseInt(args[++i]);
          case "--capacity-steps" -> o.capacitySteps = ints(args[++i]);
          case "--step-seconds" -> o.stepSeconds = Integer.parseInt(args[++i]);
          case "--capacity-targets" -> o.capacityTargets = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
          case "--wait-quiet" -> o.waitQuietSeconds = Integer.parseInt(args[++i]);
          case "--out" -> o.out = Path.of(args[++i]);
          case "--quick" -> {
            o.hopStreams = List.of(1, 50);
            o.hopSeconds = 4;
            o.joinReps = 2;
            o.meshReps = 1;
            o.webhookBacklog = 5000;
            o.webhookRates = List.of(500);
            o.webhookSeconds = 5;
            o.capacitySteps = List.of(10, 25);
            o.stepSeconds = 8;
          }
          case "-h", "--help" -> {
            System.out.print(USAGE);
            System.exit(0);
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
        }
      }
      for (String p : o.phases) {
        if (!PHASES.contains(p)) {
          throw new IllegalArgumentException("unknown phase " + p + " (known: " + PHASES + ")");
        }
      }
      return o;
    }

    private static List<Integer> ints(String csv) {
      List<Integer> out = new ArrayList<>();
      for (String s : csv.split(",")) {
        out.add(Integer.parseInt(s.trim()));
      }
      return List.copyOf(out);
    }
  }

  final Options opt;
  final MeshReport report = new MeshReport();
  final Path logDir;
  final Path dataDir;
  private ClusterMember member;
  private KafkaBrokerProcess broker;

  private MeshBench(Options opt) throws Exception {
    this.opt = opt;
    this.logDir = opt.out.resolve("raw").resolve("mesh-" + System.currentTimeMillis());
    this.dataDir = Files.createTempDirectory("voxmesh-mesh-bench-");
  }

  public static void main(String[] args) {
    try {
      Options opt;
      try {
        opt = Options.parse(args);
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        System.exit(2);
        return;
      }
      new MeshBench(opt).run();
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.out.println("mesh-bench: failed: " + t);
      System.exit(1);
    }
  }

  private void run() throws Exception {
    long started = System.nanoTime();
    report.json.put("machine", MeshReport.machine());
    report.json.put("service_jvm_flags", SERVICE_HEAP);
    report.json.put("app_jvm_flags", APP_HEAP);
    MeshReport.say("child JVM logs in %s", logDir);
    try {
      if (opt.phases.contains("hop")) {
        report.json.put("hop", new HopPhase(this).run());
      }
      if (opt.phases.contains("formation")) {
        report.json.put("formation", new Formation(this).run());
      }
      // the phases below measure services alone: this JVM leaves the cluster (its Hazelcast would add work)
      closeMember();
      if (opt.phases.contains("webhook")) {
        report.json.put("webhook", new WebhookPhase(this).run());
      }
      if (opt.phases.contains("capacity")) {
        report.json.put("capacity", new CapacityPhase(this).run());
      }
    } finally {
      report.json.put("wall_seconds", Math.round((System.nanoTime() - started) / 1e9));
      report.write(opt.out);
      closeMember();
      deleteDataDir();
    }
  }

  /** The services' data folders (outboxes, offsets) are only for this run. */
  private void deleteDataDir() throws java.io.IOException {
    try (var paths = Files.walk(dataDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** This JVM in a fresh cluster of its own (started on first use). */
  ClusterMember member() throws Exception {
    if (member == null) {
      member = ClusterMember.start("voxmesh-bench-" + Long.toHexString(System.nanoTime()));
      MeshReport.say("bench JVM is cluster member 127.0.0.1:%d (%s)", member.port, member.clusterName);
    }
    return member;
  }

  private void closeMember() throws Exception {
    if (member != null) {
      member.close();
      member = null;
    }
  }

  /** The child-JVM Kafka broker, started on first use. */
  String bootstrap() {
    if (broker == null) {
      broker = EmbeddedKafka.broker();
      MeshReport.say("kafka broker (child JVM, pid %s) at %s, started in %d ms", broker.pid().orElse(-1L),
          broker.bootstrapServers(), broker.lastStartDuration().toMillis());
    }
    return broker.bootstrapServers();
  }

  Path dataDir(String name) throws Exception {
    return Files.createDirectories(dataDir.resolve(name));
  }

  /** With --wait-quiet: waits (bounded) until processes outside this benchmark use less than 0.3 cores. */
  void waitQuiet(String what) throws InterruptedException {
    if (opt.waitQuietSeconds <= 0) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(opt.waitQuietSeconds);
    while (true) {
      MeshCpu.Snapshot a = MeshCpu.snapshot();
      Thread.sleep(3000);
      double other = MeshCpu.between(a, MeshCpu.snapshot()).other();
      if (other < opt.quietCores || System.nanoTime() > deadline) {
        if (other >= opt.quietCores) {
          MeshReport.say("machine still busy (other processes %.2f cores); running %s anyway", other, what);
        }
        return;
      }
    }
  }

  /** CPU of named child processes plus this JVM, the broker (every other child) and the rest of the machine. */
  static Map<String, Object> cpuMap(MeshCpu.Usage u, Map<String, Long> named) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bench_jvm", MeshCpu.r2(u.self()));
    double namedTotal = 0;
    for (Map.Entry<String, Long> e : named.entrySet()) {
      double c = u.child(e.getValue());
      namedTotal += c;
      m.put(e.getKey(), MeshCpu.r2(c));
    }
    m.put("kafka_broker_and_other_children", MeshCpu.r2(u.allChildren() - namedTotal));
    m.put("other_processes", MeshCpu.r2(u.other()));
    m.put("machine", MeshCpu.r2(u.machine()));
    return m;
  }
}
