package org.voxmesh.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the manifests must agree with, read from the source tree so the checks follow the code: the Kafka topic
 * names in {@code Topics.java}, the GET routes each service module serves (for probe paths), which setting keys a
 * module reads, and the Secrets the manifests expect an operator to create (deploy/README.md).
 *
 * @param root the repository root
 * @param kafkaTopics every topic constant in {@code core/bus/.../kafka/Topics.java}
 * @param externalSecrets Secrets that are prerequisites of the deployment (not in the manifests), with their keys
 */
public record ProjectFacts(Path root, Set<String> kafkaTopics, Map<String, Set<String>> externalSecrets) {

  public static final Path TOPICS_JAVA = Path.of("core/bus/src/main/java/org/voxmesh/bus/kafka/Topics.java");

  /** The Secrets deploy/README.md tells operators to create before applying an overlay. */
  public static final Map<String, Set<String>> EXTERNAL_SECRETS = Map.of(
      "voxmesh-api-keys", Set.of("api-keys"),
      "voxmesh-tls", Set.of("tls.crt", "tls.key"));

  private static final Pattern TOPIC = Pattern.compile("static\\s+final\\s+String\\s+\\w+\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern GET_ROUTE = Pattern.compile("router\\.(?:get|route)\\(\\s*\"(/[^\"]*)\"");
  /** The operations server every service process runs (ServiceMain), on VOXMESH_OPS_PORT. */
  public static final Path OPS_SERVER_JAVA = Path.of("core/runtime/src/main/java/org/voxmesh/runtime/ops/OpsServer.java");
  private static final Pattern OPS_ROUTE = Pattern.compile("case \"(/[^\"]*)\"");

  public static ProjectFacts read(Path root) {
    Set<String> topics = new TreeSet<>();
    Matcher m = TOPIC.matcher(text(root.resolve(TOPICS_JAVA)));
    while (m.find()) {
      topics.add(m.group(1));
    }
    if (topics.isEmpty()) {
      throw new IllegalStateException("no topic constants found in " + root.resolve(TOPICS_JAVA));
    }
    return new ProjectFacts(root, topics, EXTERNAL_SECRETS);
  }

  /** The repository root: {@code -Dvoxmesh.home} if it holds deploy/, else the nearest parent of the working dir that does. */
  public static Path findRoot() {
    String home = System.getProperty("voxmesh.home");
    if (home != null && Files.isDirectory(Path.of(home, "deploy", "base"))) {
      return Path.of(home).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy").resolve("base")) && Files.isRegularFile(p.resolve(TOPICS_JAVA))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root (deploy/base) from " + Path.of("").toAbsolutePath());
  }

  /** GET routes registered with {@code router.get("/…")} in a module's main sources (a module = a container name). */
  public Set<String> httpGetPaths(String module) {
    Set<String> paths = new LinkedHashSet<>();
    for (String source : sources(module)) {
      Matcher m = GET_ROUTE.matcher(source);
      while (m.find()) {
        paths.add(m.group(1));
      }
    }
    return paths;
  }

  /** The paths the operations port answers in every service process ({@code case "/…"} in OpsServer). */
  public Set<String> opsPaths() {
    Set<String> paths = new LinkedHashSet<>();
    Matcher m = OPS_ROUTE.matcher(text(root.resolve(OPS_SERVER_JAVA)));
    while (m.find()) {
      paths.add(m.group(1));
    }
    return paths;
  }

  /** Whether a module's main sources mention the setting key {@code key} (as a string literal). */
  public boolean moduleReads(String module, String key) {
    return sources(module).stream().anyMatch(s -> s.contains("\"" + key + "\""));
  }

  private List<String> sources(String module) {
    return SOURCES.computeIfAbsent(root.resolve(module).resolve("src/main/java"), dir -> {
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        return files.filter(p -> p.toString().endsWith(".java")).map(ProjectFacts::text).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static final Map<Path, List<String>> SOURCES = new java.util.concurrent.ConcurrentHashMap<>();

  private static String text(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }
}
