package org.voxmesh.runtime.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The files of one broker under its data folder:
 * <pre>
 *   server.properties   rewritten at every start
 *   log4j2.properties   broker logging: broker.log, rolled at 10 MB, 3 kept
 *   broker.log          the broker's own log
 *   broker.out          stdout/stderr of the broker JVM (format output, crashes); the previous run's is broker.out.1
 *   data/               Kafka's log.dirs; data/meta.properties holds the cluster id once formatted
 *   launcher/           the watchdog main class run by the child JVM
 * </pre>
 */
final class BrokerDataDir {

  private static final String WATCHDOG_CLASS_FILE =
      BrokerWatchdogMain.class.getName().replace('.', '/') + ".class";

  private final Path root;

  BrokerDataDir(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path serverProperties() {
    return root.resolve("server.properties");
  }

  Path log4jConfig() {
    return root.resolve("log4j2.properties");
  }

  Path brokerLog() {
    return root.resolve("broker.log");
  }

  Path processOutput() {
    return root.resolve("broker.out");
  }

  Path logDirs() {
    return root.resolve("data");
  }

  Path launcherClasspath() {
    return root.resolve("launcher");
  }

  /** Kafka writes meta.properties when it formats the log dir; its presence means "do not format again". */
  boolean isFormatted() {
    return Files.isRegularFile(logDirs().resolve("meta.properties"));
  }

  Optional<String> clusterId() {
    return readProperties(logDirs().resolve("meta.properties")).map(p -> p.getProperty("cluster.id"));
  }

  /** The controller port written at the previous start, if any (changing it would orphan the quorum state). */
  Optional<Integer> previousControllerPort() {
    return readProperties(serverProperties())
        .map(p -> p.getProperty("controller.quorum.voters"))
        .map(v -> v.substring(v.lastIndexOf(':') + 1))
        .flatMap(BrokerDataDir::parsePort);
  }

  void prepare(Map<String, String> serverProperties) {
    try {
      Files.createDirectories(logDirs());
      Files.writeString(serverProperties(), BrokerProperties.render(serverProperties), StandardCharsets.UTF_8);
      Files.writeString(log4jConfig(), log4jText(), StandardCharsets.UTF_8);
      rotateProcessOutput();
      installWatchdog();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka data folder " + root, e);
    }
  }

  /** The last lines of the broker's output and log, for error messages. */
  String tail(int lines) {
    StringBuilder sb = new StringBuilder();
    for (Path file : List.of(processOutput(), brokerLog())) {
      List<String> all = readLines(file);
      if (all.isEmpty()) {
        continue;
      }
      sb.append("\n--- last lines of ").append(file).append(" ---\n");
      all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> sb.append(l).append('\n'));
    }
    return sb.toString();
  }

  void deleteRecursively() {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover temp folder is not worth failing a shutdown for
    }
  }

  private void rotateProcessOutput() throws IOException {
    if (Files.exists(processOutput())) {
      Files.move(processOutput(), root.resolve("broker.out.1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Copies the watchdog's class file out of our own jar, so the broker classpath gets no other project class. */
  private void installWatchdog() throws IOException {
    Path target = launcherClasspath().resolve(WATCHDOG_CLASS_FILE);
    Files.createDirectories(target.getParent());
    try (InputStream in = BrokerWatchdogMain.class.getClassLoader().getResourceAsStream(WATCHDOG_CLASS_FILE)) {
      if (in == null) {
        throw new IOException("class file not found on the classpath: " + WATCHDOG_CLASS_FILE);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private String log4jText() {
    String log = brokerLog().toString().replace("\\", "\\\\");
    return String.join("\n",
        "# Written by voxmesh KafkaBrokerProcess at every start.",
        "status = warn",
        "appender.file.type = RollingFile",
        "appender.file.name = FILE",
        "appender.file.fileName = " + log,
        "appender.file.filePattern = " + log + ".%i",
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = [%d{ISO8601}] %p %m (%c)%n",
        "appender.file.policies.type = Policies",
        "appender.file.policies.size.type = SizeBasedTriggeringPolicy",
        "appender.file.policies.size.size = 10MB",
        "appender.file.strategy.type = DefaultRolloverStrategy",
        "appender.file.strategy.max = 3",
        "rootLogger.level = info",
        "rootLogger.appenderRef.file.ref = FILE",
        "logger.statechange.name = state.change.logger",
        "logger.statechange.level = warn",
        "logger.request.name = kafka.request.logger",
        "logger.request.level = warn",
        "");
  }

  private static Optional<Properties> readProperties(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
      return Optional.of(p);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> parsePort(String s) {
    try {
      int port = Integer.parseInt(s.trim());
      return port > 0 && port <= 65535 ? Optional.of(port) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static List<String> readLines(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      return List.of();
    }
  }
}
