package org.voxmesh.bench.conversation;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How busy the machine was between two readings, in cores: this JVM (platform + clients), its child
 * processes (the Kafka broker JVM), the whole machine ({@code /proc/stat}), and the rest — other
 * processes, whose load the latencies below have to share the CPU with.
 */
final class Load {

  private static final long CLOCK_TICKS = 100; // USER_HZ

  record Reading(long wallNanos, long jvmCpuNanos, long childTicks, long busyTicks, long totalTicks) {}

  record Usage(double jvm, double children, double machine, double other, double loadAverage1m) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bench_jvm_cores", r(jvm));
      m.put("kafka_broker_cores", r(children));
      m.put("machine_busy_cores", r(machine));
      m.put("other_processes_cores", r(other));
      m.put("loadavg_1m", r(loadAverage1m));
      return m;
    }

    String describe() {
      return String.format(java.util.Locale.ROOT,
          "machine %.2f cores busy (this JVM %.2f, Kafka broker %.2f, other processes %.2f), load average %.2f",
          machine, jvm, children, other, loadAverage1m);
    }

    private static double r(double v) {
      return Math.round(v * 100) / 100.0;
    }
  }

  private Load() {}

  static Reading read() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    long children = ProcessHandle.current().descendants().mapToLong(ph -> processTicks(ph.pid())).sum();
    long[] machine = machineTicks();
    return new Reading(System.nanoTime(), jvm, children, machine[0], machine[1]);
  }

  static Usage between(Reading a, Reading b) {
    double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
    double jvm = (b.jvmCpuNanos() - a.jvmCpuNanos()) / 1e9 / wall;
    double child = (double) (b.childTicks() - a.childTicks()) / CLOCK_TICKS / wall;
    long total = b.totalTicks() - a.totalTicks();
    double machine = total <= 0 ? Double.NaN
        : (double) (b.busyTicks() - a.busyTicks()) / total * Runtime.getRuntime().availableProcessors();
    return new Usage(jvm, child, machine, Math.max(0, machine - jvm - child), loadAverage());
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static String loadAverages() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      long idle = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        long v = Long.parseLong(f[i]);
        total += v;
        if (i == 4 || i == 5) {
          idle += v; // idle, iowait
        }
      }
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }
}
