package org.voxmesh.bench.mesh;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where child processes spend their CPU, by thread name, from {@code /proc/<pid>/task/<tid>/stat} (names are
 * cut to 15 characters by the kernel, which still tells Vert.x event loops, the VAD pool, Hazelcast, the JIT
 * and the GC apart). Used to show what the mesh adds over the one-JVM app.
 */
final class ThreadGroups {

  static final String[] GROUPS = {"event_loops", "vad_workers", "hazelcast", "kafka_clients", "jit", "gc_vm",
      "other_threads"};

  /** group → ticks, summed over the given processes' threads. */
  static Map<String, Long> snapshot(Collection<Long> pids) {
    Map<String, Long> ticks = new HashMap<>();
    for (long pid : pids) {
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
        for (Path task : tasks) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks.merge(group(name), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
          } catch (IOException | RuntimeException e) {
            // the thread ended between listing and reading
          }
        }
      } catch (IOException e) {
        // the process is gone
      }
    }
    return ticks;
  }

  /** Cores per group between two snapshots {@code seconds} apart. Threads that ended in between are lost. */
  static Map<String, Object> between(Map<String, Long> a, Map<String, Long> b, double seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String g : GROUPS) {
      m.put(g, MeshCpu.r2(Math.max(0, b.getOrDefault(g, 0L) - a.getOrDefault(g, 0L)) / 100.0 / seconds));
    }
    return m;
  }

  static String group(String name) {
    if (name.startsWith("vert.x-eventloo")) {
      return "event_loops";
    }
    if (name.startsWith("voxmesh-vad")) {
      return "vad_workers";
    }
    if (name.startsWith("hz.") || name.startsWith("vert.x-internal")) {
      return "hazelcast"; // Vert.x runs its blocking cluster-manager calls on its internal threads
    }
    if (name.toLowerCase().contains("kafka")) {
      return "kafka_clients";
    }
    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
      return "jit";
    }
    if (name.startsWith("G1 ") || name.startsWith("GC ") || name.startsWith("VM ")) {
      return "gc_vm";
    }
    return "other_threads";
  }
}
