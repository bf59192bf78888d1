package org.voxmesh.runtime.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the embedded single-node KRaft broker.
 *
 * @param dataDir where the broker keeps its config, logs and data; {@code null} means a fresh temporary
 *     folder that {@link KafkaBrokerProcess#close()} deletes
 * @param port client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one at the first start and keeps it
 *     across restarts of the same {@link KafkaBrokerProcess}
 * @param controllerPort KRaft controller port on 127.0.0.1; 0 reuses the one recorded in an existing data
 *     folder when it is free, else picks a free one
 * @param kafkaLib folder with the broker jars; {@code null} means {@link KafkaLib#locate()}
 * @param jvmArgs options for the broker JVM (heap size and the like)
 * @param startTimeout how long to wait for format plus startup until the broker answers a metadata request
 * @param stopTimeout how long to wait after SIGTERM before killing the broker
 * @param brokerProperties extra {@code server.properties} entries, applied last
 */
public record KafkaBrokerOptions(
    Path dataDir,
    int port,
    int controllerPort,
    Path kafkaLib,
    List<String> jvmArgs,
    Duration startTimeout,
    Duration stopTimeout,
    Map<String, String> brokerProperties) {

  /**
   * 128 MB heap is plenty once the log cleaner's dedupe buffer is shrunk (see BrokerProperties). C1 only and the
   * serial collector halve startup on a 2-core machine (measured 1.5-2.4 s against 3.4-5.3 s); a dev broker
   * never needs C2's peak throughput.
   */
  public static final List<String> DEFAULT_JVM_ARGS =
      List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

  public KafkaBrokerOptions {
    checkPort(port, "port");
    checkPort(controllerPort, "controllerPort");
    if (port != 0 && port == controllerPort) {
      throw new IllegalArgumentException("port and controllerPort must differ: " + port);
    }
    jvmArgs = List.copyOf(Objects.requireNonNull(jvmArgs, "jvmArgs"));
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    if (startTimeout.isNegative() || startTimeout.isZero() || stopTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must be positive: start " + startTimeout + ", stop " + stopTimeout);
    }
    brokerProperties = Map.copyOf(Objects.requireNonNull(brokerProperties, "brokerProperties"));
  }

  /** A broker whose data survives restarts in {@code dataDir} (for {@code ./voxmesh run}). */
  public static KafkaBrokerOptions persistent(Path dataDir) {
    return new KafkaBrokerOptions(Objects.requireNonNull(dataDir, "dataDir"), 0, 0, null, DEFAULT_JVM_ARGS,
        Duration.ofSeconds(60), Duration.ofSeconds(30), Map.of());
  }

  /** A throw-away broker in a temporary folder, on free ports (for tests). */
  public static KafkaBrokerOptions temporary() {
    return new KafkaBrokerOptions(null, 0, 0, null, DEFAULT_JVM_ARGS,
        Duration.ofSeconds(60), Duration.ofSeconds(30), Map.of());
  }

  public boolean isTemporary() {
    return dataDir == null;
  }

  public KafkaBrokerOptions withPort(int port) {
    return new KafkaBrokerOptions(dataDir, port, controllerPort, kafkaLib, jvmArgs, startTimeout, stopTimeout, brokerProperties);
  }

  public KafkaBrokerOptions withControllerPort(int controllerPort) {
    return new KafkaBrokerOptions(dataDir, port, controllerPort, kafkaLib, jvmArgs, startTimeout, stopTimeout, brokerProperties);
  }

  public KafkaBrokerOptions withKafkaLib(Path kafkaLib) {
    return new KafkaBrokerOptions(dataDir, port, controllerPort, kafkaLib, jvmArgs, startTimeout, stopTimeout, brokerProperties);
  }

  public KafkaBrokerOptions withJvmArgs(List<String> jvmArgs) {
    return new KafkaBrokerOptions(dataDir, port, controllerPort, kafkaLib, jvmArgs, startTimeout, stopTimeout, brokerProperties);
  }

  public KafkaBrokerOptions withStartTimeout(Duration startTimeout) {
    return new KafkaBrokerOptions(dataDir, port, controllerPort, kafkaLib, jvmArgs, startTimeout, stopTimeout, brokerProperties);
  }

  public KafkaBrokerOptions withStopTimeout(Duration stopTimeout) {
    return new KafkaBrokerOptions(dataDir, port, controllerPort, kafkaLib, jvmArgs, startTimeout, stopTimeout, brokerProperties);
  }

  public KafkaBrokerOptions withBrokerProperty(String key, String value) {
    Map<String, String> props = new LinkedHashMap<>(brokerProperties);
    props.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new KafkaBrokerOptions(dataDir, port, controllerPort, kafkaLib, jvmArgs, startTimeout, stopTimeout, props);
  }

  private static void checkPort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + ": " + port + " (expected: 0..65535, 0 = pick a free port)");
    }
  }
}
