package org.voxmesh.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service's {@code main} in a child JVM on the test's classpath, its settings passed as
 * {@code -Dvoxmesh.*} system properties, stdout and stderr in one log file. {@link #kill()} is
 * {@code kill -9}, {@link #terminate()} a plain SIGTERM.
 */
final class ClusterProcess {

  /** What Hazelcast asks for on Java 17 (see the parent pom's surefire argLine). */
  private static final List<String> JVM_FLAGS = List.of(
      "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
      "-Djava.net.preferIPv4Stack=true",
      "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  private final String name;
  private final String service;
  private final Path log;
  private final Process process;
  private final long startedNanos = System.nanoTime();

  private ClusterProcess(String name, String service, Path log, Process process) {
    this.name = name;
    this.service = service;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code mainClass} (whose {@code ServiceMain} name is {@code service}, e.g. "audio-ingest-service")
   * with {@code settings} as voxmesh keys; its output goes to {@code logDir/name.log}.
   */
  static ClusterProcess start(String name, String service, Class<?> mainClass, Map<String, String> settings, Path logDir) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    String home = System.getProperty("voxmesh.home");
    if (home != null) {
      command.add("-Dvoxmesh.home=" + home);
    }
    if (!settings.containsKey("ops.port")) {
      command.add("-Dvoxmesh.ops.port=0"); // several processes of one service share this machine
    }
    settings.forEach((k, v) -> command.add("-Dvoxmesh." + k + "=" + v));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      return new ClusterProcess(name, service, log, process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for ServiceMain's "&lt;service&gt; ready" line; fails with the log's tail if the process died or took too long. */
  Duration awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(service + " ready")) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready:\n" + tail(40));
      }
      sleep(100);
    }
    throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail(40));
  }

  /** kill -9: no shutdown hook, no drain, sockets closed by the kernel. */
  void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
  }

  /** SIGTERM, then kill -9 if it does not stop in time. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(Duration.ofSeconds(15))) {
      kill();
    }
  }

  /** SIGTERM (the JVM runs its shutdown hooks, e.g. the session service's drain); does not wait. */
  void terminate() {
    process.destroy();
  }

  /** Waits for the process to exit by itself; its exit code, or empty if it is still running after {@code timeout}. */
  java.util.OptionalInt awaitExit(Duration timeout) {
    return waitFor(timeout) ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Everything the process wrote so far. */
  String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** The first group of {@code pattern} in the output, if it matched. */
  Optional<String> find(Pattern pattern) {
    Matcher m = pattern.matcher(output());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Every match of {@code pattern}'s first group, in output order. */
  List<String> findAll(Pattern pattern) {
    List<String> all = new ArrayList<>();
    Matcher m = pattern.matcher(output());
    while (m.find()) {
      all.add(m.group(1));
    }
    return all;
  }

  String tail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  Path log() {
    return log;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }

  /** {@code n} distinct loopback ports free right now (for Hazelcast members and listeners). */
  static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        open.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : open) {
        s.close();
      }
    }
    return ports;
  }
}
