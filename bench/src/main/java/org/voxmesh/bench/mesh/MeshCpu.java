package org.voxmesh.bench.mesh;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU between two snapshots, in cores (1.0 = one core busy the whole time): this JVM, every child
 * process (services, the Kafka broker) by pid, and the whole machine from {@code /proc/stat}, so that
 * what other users of the machine burn shows up as {@code other}.
 */
final class MeshCpu {

  private static final double CLOCK_TICKS = 100; // USER_HZ on Linux
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  record Snapshot(long wallNanos, long selfCpuNanos, Map<Long, Long> childTicks, long machineBusy, long machineTotal) {}

  /** Cores used between two snapshots. */
  record Usage(double seconds, double self, Map<Long, Double> children, double machine) {
    double child(long pid) {
      return children.getOrDefault(pid, 0.0);
    }

    double allChildren() {
      return children.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Processes that are neither this JVM nor its descendants. */
    double other() {
      return Math.max(0, machine - self - allChildren());
    }
  }

  private MeshCpu() {}

  static Snapshot snapshot() {
    long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    Map<Long, Long> children = new HashMap<>();
    ProcessHandle.current().descendants().forEach(ph -> children.put(ph.pid(), ticks(ph.pid())));
    long[] m = machineTicks();
    return new Snapshot(System.nanoTime(), self, children, m[0], m[1]);
  }

  static Usage between(Snapshot a, Snapshot b) {
    double s = (b.wallNanos() - a.wallNanos()) / 1e9;
    Map<Long, Double> children = new LinkedHashMap<>();
    b.childTicks().forEach((pid, t) -> children.put(pid, (t - a.childTicks().getOrDefault(pid, 0L)) / CLOCK_TICKS / s));
    long total = b.machineTotal() - a.machineTotal();
    double machine = total <= 0 ? 0 : (double) (b.machineBusy() - a.machineBusy()) / total * CORES;
    return new Usage(s, (b.selfCpuNanos() - a.selfCpuNanos()) / 1e9 / s, children, machine);
  }

  static double r2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** utime + stime of a process in clock ticks (0 when it is gone). */
  static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
    } catch (Exception e) {
      return 0;
    }
  }

  private static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
        busy += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle iowait
      return new long[] {busy, busy + idle};
    } catch (Exception e) {
      return new long[] {0, 0};
    }
  }
}
