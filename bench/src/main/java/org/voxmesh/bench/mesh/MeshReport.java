package org.voxmesh.bench.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.voxmesh.bench.Stats;

/** The summary of one run: a text table on stdout and in a file, and the same numbers as JSON. */
final class MeshReport {

  final Map<String, Object> json = new LinkedHashMap<>();
  private final StringBuilder text = new StringBuilder();
  private final String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());

  void section(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    text.append('\n').append(line).append('\n');
    System.out.println();
    System.out.println(line);
  }

  void row(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    text.append(line).append('\n');
    System.out.println(line);
  }

  static void say(String format, Object... args) {
    System.out.println("mesh-bench: " + String.format(Locale.ROOT, format, args));
  }

  static String f1(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  static String f2(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  /** p50 / p95 / p99 / max with 2 decimals (sub-millisecond numbers matter here). */
  static Map<String, Object> stats(Stats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.count());
    m.put("p50_ms", r3(s.p50()));
    m.put("p95_ms", r3(s.p95()));
    m.put("p99_ms", r3(s.p99()));
    m.put("max_ms", r3(s.max()));
    m.put("mean_ms", r3(s.mean()));
    return m;
  }

  static Object r3(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
  }

  static Map<String, Object> machine() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nproc", Runtime.getRuntime().availableProcessors());
    m.put("cpu_model", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("bench_jvm_flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
    m.put("loadavg_1m_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return m;
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    json.put("finished_at", Instant.now().toString());
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    mapper.writeValue(dir.resolve("mesh-" + stamp + ".json").toFile(), json);
    mapper.writeValue(dir.resolve("mesh-latest.json").toFile(), json);
    Files.writeString(dir.resolve("mesh-" + stamp + ".txt"), text.toString());
    Files.writeString(dir.resolve("mesh-latest.txt"), text.toString());
    say("results: %s (and mesh-latest.*)", dir.resolve("mesh-" + stamp + ".txt"));
  }
}
