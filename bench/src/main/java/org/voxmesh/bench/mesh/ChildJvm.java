package org.voxmesh.bench.mesh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service {@code main} in its own JVM, on this benchmark's classpath (the private copy run-mesh.sh
 * made), settings as {@code -Dvoxmesh.*}, output in one log file. Like the cluster tests' ClusterProcess,
 * but with the flags of a real deployment instead of the tests' fast-start flags.
 */
final class ChildJvm {

  /** What Hazelcast asks for on Java 17 (as ./voxmesh run passes them). */
  static final List<String> HAZELCAST_FLAGS = List.of(
      "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  /** Every child still running: killed if this JVM exits early (Ctrl-C, a failure), so none is left behind. */
  private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "child-jvm-reaper"));
  }

  final String name;
  private final Path log;
  private final Process process;
  /** System.nanoTime just before the fork. */
  final long startedNanos;

  private ChildJvm(String name, Path log, Process process, long startedNanos) {
    this.name = name;
    this.log = log;
    this.process = process;
    this.startedNanos = startedNanos;
  }

  static ChildJvm start(String name, String mainClass, List<String> heapFlags, Map<String, String> settings, Path logDir) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(heapFlags);
    command.addAll(HAZELCAST_FLAGS);
    command.add("-Djava.net.preferIPv4Stack=true");
    if (!settings.containsKey("ops.port")) {
      command.add("-Dvoxmesh.ops.port=0"); // several processes of one service share this machine
    }
    String home = System.getProperty("voxmesh.home");
    if (home != null) {
      command.add("-Dvoxmesh.home=" + home);
    }
    settings.forEach((k, v) -> command.add("-Dvoxmesh." + k + "=" + v));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      Files.deleteIfExists(log);
      long started = System.nanoTime();
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      RUNNING.add(p);
      p.onExit().thenRun(() -> RUNNING.remove(p));
      return new ChildJvm(name, log, p, started);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits until the output contains {@code text}; returns ms since the fork. */
  double awaitOutput(String text, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return (System.nanoTime() - startedNanos) / 1e6;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(30));
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(name + ": no '" + text + "' after " + timeoutMs + " ms:\n" + tail(30));
  }

  Optional<String> find(Pattern pattern) {
    Matcher m = pattern.matcher(output());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** SIGTERM (the service drains and leaves the cluster), kill -9 after 20 s. */
  void stop() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  String tail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
