package org.voxmesh.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where this JVM's CPU goes, by thread group: the load generator's event loops (threads that ran a
 * {@link LoadSession}), the server's event loops (edge, ingest and transcript verticles, or the echo
 * server), the VAD and ASR worker pools, Kafka client threads, and what no Java thread accounts for
 * (GC, JIT compiler).
 */
final class ThreadCpu {

  /** Threads that ran load-generator code. */
  static final Set<Long> CLIENT_THREADS = ConcurrentHashMap.newKeySet();

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  record Snapshot(long wallNanos, long processCpuNanos, Map<Long, Long> cpu, Map<Long, String> names) {}

  private ThreadCpu() {}

  static void registerClientThread() {
    CLIENT_THREADS.add(Thread.currentThread().getId());
  }

  static Snapshot snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    long[] ids = THREADS.getAllThreadIds();
    for (ThreadInfo info : THREADS.getThreadInfo(ids)) {
      if (info == null) {
        continue;
      }
      long t = THREADS.getThreadCpuTime(info.getThreadId());
      if (t >= 0) {
        cpu.put(info.getThreadId(), t);
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    return new Snapshot(System.nanoTime(), process, cpu, names);
  }

  /** Cores per group between two snapshots, plus the five busiest threads. */
  static Map<String, Object> between(Snapshot a, Snapshot b) {
    double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
    Map<String, Double> groups = new LinkedHashMap<>();
    for (String g : List.of("load_generator_event_loops", "server_event_loops", "vad_workers", "asr_workers",
        "kafka_clients", "other_java_threads", "jvm_internal_gc_jit")) {
      groups.put(g, 0.0);
    }
    List<Map.Entry<String, Double>> perThread = new ArrayList<>();
    double javaTotal = 0;
    for (Map.Entry<Long, Long> e : b.cpu().entrySet()) {
      long before = a.cpu().getOrDefault(e.getKey(), 0L);
      double cores = (e.getValue() - before) / 1e9 / wall;
      if (cores <= 0) {
        continue;
      }
      javaTotal += cores;
      String name = b.names().get(e.getKey());
      String group;
      if (CLIENT_THREADS.contains(e.getKey())) {
        group = "load_generator_event_loops";
        name = "client:" + name;
      } else if (name.startsWith("vert.x-eventloop")) {
        group = "server_event_loops";
      } else if (name.startsWith("voxmesh-vad")) {
        group = "vad_workers";
      } else if (name.startsWith("voxmesh-asr")) {
        group = "asr_workers";
      } else if (name.toLowerCase().contains("kafka")) {
        group = "kafka_clients";
      } else {
        group = "other_java_threads";
      }
      groups.merge(group, cores, Double::sum);
      perThread.add(Map.entry(name, cores));
    }
    double process = (b.processCpuNanos() - a.processCpuNanos()) / 1e9 / wall;
    groups.put("jvm_internal_gc_jit", Math.max(0, process - javaTotal));
    Map<String, Object> out = new LinkedHashMap<>();
    groups.forEach((k, v) -> out.put(k, Math.round(v * 100) / 100.0));
    perThread.sort((x, y) -> Double.compare(y.getValue(), x.getValue()));
    Map<String, Object> top = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : perThread.subList(0, Math.min(5, perThread.size()))) {
      top.merge(e.getKey(), Math.round(e.getValue() * 100) / 100.0, (x, y) -> x + " + " + y);
    }
    out.put("busiest_threads", top);
    return out;
  }
}
