package org.voxmesh.runtime.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker running as a child JVM from the {@link KafkaLib} jars, bound to
 * 127.0.0.1 only.
 *
 * <p>{@link #start()} formats the data folder once (the cluster id then stays in {@code data/meta.properties}),
 * launches {@code kafka.Kafka} and returns when the broker answers a metadata request listing itself. It
 * blocks for a few seconds: call it before Vert.x starts, or use {@link #start(Vertx, KafkaBrokerOptions)}.
 * {@link #stop()} sends SIGTERM (Kafka does a controlled shutdown) and kills the process after the stop
 * timeout. The broker also dies with this JVM: a shutdown hook stops it, and if this JVM is killed outright
 * the broker sees its stdin pipe close and exits (see {@link BrokerWatchdogMain}).
 *
 * <p>A stopped instance can be started again: same data folder, same ports, same cluster id.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerProcess.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final long POLL_MILLIS = 50;

  private final KafkaBrokerOptions options;
  private final KafkaLib lib;
  private final BrokerDataDir dir;
  private int port;
  private int controllerPort;
  private Process process;
  private Thread shutdownHook;
  private Duration lastStartDuration = Duration.ZERO;

  /** Resolves the jar folder and the data folder; starts nothing. */
  public KafkaBrokerProcess(KafkaBrokerOptions options) {
    this.options = options;
    this.lib = options.kafkaLib() == null ? KafkaLib.locate() : KafkaLib.at(options.kafkaLib(), "options.kafkaLib");
    this.dir = new BrokerDataDir(options.isTemporary() ? createTempDir() : options.dataDir());
    this.port = options.port();
    this.controllerPort = options.controllerPort();
  }

  /** Creates and starts a broker; blocks until it is ready. */
  public static KafkaBrokerProcess start(KafkaBrokerOptions options) {
    KafkaBrokerProcess broker = new KafkaBrokerProcess(options);
    try {
      broker.start();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  /** {@link #start(KafkaBrokerOptions)} on a worker thread, for callers on an event loop. */
  public static Future<KafkaBrokerProcess> start(Vertx vertx, KafkaBrokerOptions options) {
    return vertx.executeBlocking(() -> start(options), false);
  }

  /** {@link #close()} on a worker thread, for callers on an event loop. */
  public Future<Void> close(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      close();
      return null;
    }, false);
  }

  /** Formats the data folder if needed, launches the broker and waits until it is ready. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    long t0 = System.nanoTime();
    chooseListenerPorts();
    dir.prepare(BrokerProperties.build(port, controllerPort, dir.logDirs(), options.brokerProperties()));
    if (!dir.isFormatted()) {
      format();
    }
    long formatted = System.nanoTime();
    String clusterId = clusterId();
    launch();
    awaitReady(t0, clusterId);
    lastStartDuration = Duration.ofNanos(System.nanoTime() - t0);
    LOG.info("Kafka broker ready at {} in {} ms (format {} ms), data {}, cluster {}", bootstrapServers(),
        lastStartDuration.toMillis(), TimeUnit.NANOSECONDS.toMillis(formatted - t0), dir.root(), clusterId());
  }

  /** SIGTERM, then SIGKILL after the stop timeout. Data stays; {@link #start()} brings the broker back. */
  public synchronized void stop() {
    Process p = process;
    if (p == null) {
      return;
    }
    process = null;
    terminate(p, options.stopTimeout());
    removeShutdownHook();
  }

  /** Stops the broker and, for a temporary data folder, deletes it. */
  @Override
  public synchronized void close() {
    stop();
    if (options.isTemporary()) {
      dir.deleteRecursively();
    }
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** {@code 127.0.0.1:<port>}; valid once started (the port is kept across restarts). */
  public synchronized String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("the broker has not been started yet, so it has no port");
    }
    return BrokerProperties.HOST + ":" + port;
  }

  public synchronized int port() {
    return port;
  }

  public Path dataDir() {
    return dir.root();
  }

  /** The broker's own log (log4j); JVM output goes to {@code broker.out} next to it. */
  public Path logFile() {
    return dir.brokerLog();
  }

  public String clusterId() {
    return dir.clusterId().orElse(null);
  }

  /** From launch (including a first format) to the first good metadata answer. */
  public synchronized Duration lastStartDuration() {
    return lastStartDuration;
  }

  /** The broker JVM's process id, while it runs. */
  public synchronized Optional<Long> pid() {
    return Optional.ofNullable(process).map(Process::pid);
  }

  private void chooseListenerPorts() {
    // Fail fast on a taken port: the broker would exit, and the probe might meanwhile reach whoever holds it.
    for (int fixed : new int[] {port, controllerPort}) {
      if (fixed != 0 && !isFree(fixed)) {
        throw new KafkaBrokerException("port " + fixed + " on " + BrokerProperties.HOST
            + " is already in use (another Kafka broker, or another voxmesh run?)");
      }
    }
    if (controllerPort == 0) {
      // Reuse the recorded controller port so the quorum address of an existing data folder stays stable.
      controllerPort = dir.previousControllerPort().filter(p -> p != port && isFree(p)).orElseGet(() -> freePort(port));
    }
    if (port == 0) {
      port = freePort(controllerPort);
    }
  }

  private void format() {
    List<String> cmd = javaCommand();
    cmd.addAll(List.of("kafka.tools.StorageTool", "format", "-t", newClusterId(), "-c", dir.serverProperties().toString()));
    Process p = launchProcess(cmd, "format");
    try {
      if (!p.waitFor(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new KafkaBrokerException("formatting " + dir.logDirs() + " took longer than " + options.startTimeout() + dir.tail(20));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new KafkaBrokerException("interrupted while formatting " + dir.logDirs(), e);
    }
    if (p.exitValue() != 0) {
      throw new KafkaBrokerException("formatting " + dir.logDirs() + " failed with exit code " + p.exitValue() + dir.tail(20));
    }
  }

  private void launch() {
    List<String> cmd = javaCommand();
    cmd.addAll(List.of(BrokerWatchdogMain.class.getName(), "kafka.Kafka", dir.serverProperties().toString()));
    process = launchProcess(cmd, "start");
    shutdownHook = new Thread(this::stopOnExit, "voxmesh-kafka-broker-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Ready = the broker answers metadata, lists itself, and reports the cluster id of our data folder. */
  private void awaitReady(long t0, String clusterId) {
    long deadline = t0 + options.startTimeout().toNanos();
    while (true) {
      Process p = process;
      if (!p.isAlive()) {
        process = null;
        removeShutdownHook();
        throw new KafkaBrokerException("the Kafka broker exited with code " + p.exitValue()
            + " during startup (port " + port + ", data " + dir.root() + ")" + dir.tail(30));
      }
      Optional<KafkaMetadataProbe.Answer> answer = KafkaMetadataProbe.ask(BrokerProperties.HOST, port, PROBE_TIMEOUT);
      if (answer.filter(a -> a.brokers() > 0 && Objects.equals(a.clusterId(), clusterId)).isPresent()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        stop();
        throw new KafkaBrokerException("the Kafka broker did not become ready within " + options.startTimeout()
            + " (port " + port + ", data " + dir.root() + ")" + dir.tail(30));
      }
      sleep(POLL_MILLIS);
    }
  }

  private List<String> javaCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(options.jvmArgs());
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-Dlog4j2.configurationFile=" + dir.log4jConfig());
    cmd.add("-cp");
    cmd.add(lib.classpath(dir.launcherClasspath()));
    return cmd;
  }

  private Process launchProcess(List<String> cmd, String what) {
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .directory(dir.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(dir.processOutput().toFile()));
    // stdin stays a pipe: its end-of-file tells the broker that this JVM is gone.
    try {
      return pb.start();
    } catch (IOException e) {
      throw new KafkaBrokerException("cannot " + what + " the Kafka broker JVM: " + String.join(" ", cmd), e);
    }
  }

  private void stopOnExit() {
    Process p;
    synchronized (this) {
      p = process;
      process = null;
    }
    if (p != null) {
      terminate(p, options.stopTimeout());
    }
    if (options.isTemporary()) {
      dir.deleteRecursively();
    }
  }

  private static void terminate(Process p, Duration timeout) {
    p.destroy(); // SIGTERM: Kafka's shutdown hook does a controlled shutdown
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Kafka broker pid {} did not stop within {}; killing it", p.pid(), timeout);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(p);
    }
  }

  private static void closeQuietly(Process p) {
    try {
      p.getOutputStream().close();
    } catch (IOException e) {
      // the process is gone; nothing to release
    }
  }

  private void removeShutdownHook() {
    Thread hook = shutdownHook;
    shutdownHook = null;
    if (hook != null && hook != Thread.currentThread()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down and the hook is running or done
      }
    }
  }

  /** A Kafka cluster id: 16 random bytes in URL-safe base64, not starting with '-' (it would look like a CLI flag). */
  private static String newClusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  /** A free loopback port other than {@code avoid}; a tiny race with other processes is accepted. */
  private static int freePort(int avoid) {
    for (int i = 0; i < 10; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (s.getLocalPort() != avoid) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free loopback port", e);
      }
    }
    throw new KafkaBrokerException("cannot find a free loopback port");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("voxmesh-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the Kafka broker", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaBrokerException("interrupted while waiting for the Kafka broker");
    }
  }
}
