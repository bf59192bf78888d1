package org.voxmesh.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU accounting between two snapshots, in cores (1.0 = one core busy the whole time): this JVM
 * (platform + load generator), its child processes (the Kafka broker JVM), and the whole machine
 * from {@code /proc/stat}, so load from other users of the machine shows up as "other".
 */
final class Cpu {

  private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

  /** One reading. */
  record Snapshot(long wallNanos, long jvmCpuNanos, long childTicks, long machineBusyTicks, long machineTotalTicks) {}

  /** The difference of two snapshots. */
  record Usage(double jvmCores, double childCores, double machineCores, double otherCores, double loadAverage1m) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bench_jvm_cores", r(jvmCores));
      m.put("kafka_broker_cores", r(childCores));
      m.put("machine_busy_cores", r(machineCores));
      m.put("other_processes_cores", r(otherCores));
      m.put("loadavg_1m", r(loadAverage1m));
      return m;
    }

    private static double r(double v) {
      return Math.round(v * 100) / 100.0;
    }
  }

  private Cpu() {}

  static Snapshot snapshot() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    long children = ProcessHandle.current().descendants().mapToLong(ph -> processTicks(ph.pid())).sum();
    long[] machine = machineTicks();
    return new Snapshot(System.nanoTime(), jvm, children, machine[0], machine[1]);
  }

  static Usage between(Snapshot a, Snapshot b) {
    double wallSeconds = (b.wallNanos() - a.wallNanos()) / 1e9;
    double jvm = (b.jvmCpuNanos() - a.jvmCpuNanos()) / 1e9 / wallSeconds;
    double child = (double) (b.childTicks() - a.childTicks()) / CLOCK_TICKS / wallSeconds;
    long total = b.machineTotalTicks() - a.machineTotalTicks();
    double machine = total <= 0 ? Double.NaN
        : (double) (b.machineBusyTicks() - a.machineBusyTicks()) / total * Runtime.getRuntime().availableProcessors();
    return new Usage(jvm, child, machine, Math.max(0, machine - jvm - child), loadAverage());
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** utime + stime of a process, in clock ticks (0 if it is gone). */
  private static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** {busy, total} jiffies of all CPUs. */
  private static long[] machineTicks() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0); // "cpu  user nice system idle iowait irq softirq steal ..."
      String[] f = first.trim().split("\\s+");
      long user = Long.parseLong(f[1]);
      long nice = Long.parseLong(f[2]);
      long system = Long.parseLong(f[3]);
      long idle = Long.parseLong(f[4]);
      long iowait = Long.parseLong(f[5]);
      long irq = Long.parseLong(f[6]);
      long softirq = Long.parseLong(f[7]);
      long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
      long busy = user + nice + system + irq + softirq + steal;
      return new long[] {busy, busy + idle + iowait};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }
}
