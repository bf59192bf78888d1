package org.voxmesh.runtime.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The folder holding the Kafka broker jars (built by the {@code kafka-dev} module into
 * {@code kafka-dev/target/kafka-lib}). The broker runs from its own classpath so the services keep the
 * kafka-clients version that vertx-kafka-client is built against.
 */
public final class KafkaLib {

  /** System property naming the folder; surefire sets it for every test JVM. */
  public static final String SYSTEM_PROPERTY = "kafka.lib";
  /** Environment variable naming the folder. */
  public static final String ENV_VARIABLE = "VOXMESH_KAFKA_LIB";
  /** System property with the repository root; the folder defaults to {@code <root>/kafka-dev/target/kafka-lib}. */
  public static final String HOME_PROPERTY = "voxmesh.home";

  private static final String RELATIVE_TO_HOME = "kafka-dev/target/kafka-lib";

  private final Path dir;

  private KafkaLib(Path dir) {
    this.dir = dir;
  }

  /**
   * Finds the folder: {@code -Dkafka.lib}, else {@code $VOXMESH_KAFKA_LIB}, else
   * {@code ${voxmesh.home}/kafka-dev/target/kafka-lib} (voxmesh.home defaults to the working directory).
   *
   * @throws KafkaBrokerException if the chosen folder does not hold the broker jars
   */
  public static KafkaLib locate() {
    String fromProperty = System.getProperty(SYSTEM_PROPERTY);
    if (notBlank(fromProperty)) {
      return at(Paths.get(fromProperty), "-D" + SYSTEM_PROPERTY);
    }
    String fromEnv = System.getenv(ENV_VARIABLE);
    if (notBlank(fromEnv)) {
      return at(Paths.get(fromEnv), "$" + ENV_VARIABLE);
    }
    String home = System.getProperty(HOME_PROPERTY, System.getProperty("user.dir"));
    return at(Paths.get(home).resolve(RELATIVE_TO_HOME), "${" + HOME_PROPERTY + "}/" + RELATIVE_TO_HOME);
  }

  /** Uses the given folder; {@code source} only names where it came from in the error message. */
  public static KafkaLib at(Path dir, String source) {
    Path abs = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    if (!hasBrokerJar(abs)) {
      throw new KafkaBrokerException("Kafka broker jars not found in " + abs + " (from " + source
          + "; expected kafka_2.13-*.jar there). Build them with `./voxmesh run` or `mvn install`"
          + " (module kafka-dev), or point -D" + SYSTEM_PROPERTY + " / $" + ENV_VARIABLE
          + " at a folder with the broker jars.");
    }
    return new KafkaLib(abs);
  }

  public Path dir() {
    return dir;
  }

  /** The classpath for the child JVM: the jars of this folder, then the given extra entries. */
  public String classpath(Path... extraEntries) {
    List<String> entries = new ArrayList<>();
    entries.add(dir.resolve("*").toString()); // the JVM expands "dir/*" to the jars in dir
    for (Path extra : extraEntries) {
      entries.add(extra.toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static boolean hasBrokerJar(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().matches("kafka_2\\.1\\d-.*\\.jar"));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
