package org.voxmesh.testkit.node;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Node.js test clients in {@code testkit/node} (official {@code openai} SDK, plain {@code ws}),
 * run as child processes whose stdout is one JSON object per line.
 *
 * <pre>{@code
 * NodeResult r = NodeScripts.locate().transcribe()
 *     .ca(certs.ca())                                   // sets NODE_EXTRA_CA_CERTS (and --ca)
 *     .args(RealtimeFlowArgs.create("https://127.0.0.1:" + port + "/v1", "sk-test")
 *         .format(SessionFormat.PCM16).audio(file).gapMs(800))
 *     .timeout(Duration.ofSeconds(60))                  // also passed as --timeout-ms
 *     .run();
 * r.requireExit(0);
 * List<String> transcripts = r.completedTranscripts();
 * }</pre>
 *
 * <p>{@code node} is taken from {@code PATH} unless {@code -Dvoxmesh.node=/path/to/node} is set. The
 * repository root comes from the system property {@code voxmesh.home} (surefire sets it).
 */
public final class NodeScripts {

  /** Official SDK transcription client ({@code OpenAIRealtimeWS}, {@code intent: 'transcription'}). */
  public static final String TRANSCRIBE = "realtime-transcribe.mjs";
  /** Browser-style {@code ws} client (key in {@code Sec-WebSocket-Protocol}) and raw-frame sender. */
  public static final String RAW = "realtime-raw.mjs";
  /** Official SDK {@code client.realtime.clientSecrets.create(...)}. */
  public static final String CLIENT_SECRET = "client-secret.mjs";

  private final Path dir;

  public NodeScripts(Path nodeDir) {
    this.dir = nodeDir.toAbsolutePath().normalize();
  }

  /** {@code ${voxmesh.home}/testkit/node}. */
  public static NodeScripts locate() {
    return new NodeScripts(repoRoot().resolve("testkit").resolve("node"));
  }

  /** The repository root: system property {@code voxmesh.home}. */
  public static Path repoRoot() {
    String home = System.getProperty("voxmesh.home");
    if (home == null || home.isBlank()) {
      throw new IllegalStateException("system property voxmesh.home (the repository root) is not set;"
          + " run through Maven (surefire sets it) or pass -Dvoxmesh.home=/path/to/repo");
    }
    return Path.of(home).toAbsolutePath().normalize();
  }

  /** The {@code node} executable: {@code -Dvoxmesh.node} or plain {@code node} from PATH. */
  public static String nodeExecutable() {
    String explicit = System.getProperty("voxmesh.node");
    return explicit == null || explicit.isBlank() ? "node" : explicit;
  }

  public Path directory() {
    return dir;
  }

  public Path script(String name) {
    return dir.resolve(name);
  }

  /** True when {@code node_modules} holds the packages the scripts import. */
  public boolean isInstalled() {
    Path modules = dir.resolve("node_modules");
    return Files.isRegularFile(modules.resolve("openai").resolve("package.json"))
        && Files.isRegularFile(modules.resolve("ws").resolve("package.json"));
  }

  /** Throws with the fix when the npm packages are missing. */
  public void requireInstalled() {
    if (!Files.isRegularFile(dir.resolve("package.json"))) {
      throw new IllegalStateException("no Node test clients at " + dir + " (package.json missing)");
    }
    if (!isInstalled()) {
      throw new IllegalStateException(dir.resolve("node_modules") + " is missing or incomplete:"
          + " run ./voxmesh test, which installs it, or npm install in testkit/node");
    }
  }

  /** An invocation of any script in the directory. */
  public NodeInvocation invocation(String scriptName) {
    return new NodeInvocation(this, scriptName);
  }

  public NodeInvocation transcribe() {
    return invocation(TRANSCRIBE);
  }

  public NodeInvocation raw() {
    return invocation(RAW);
  }

  public NodeInvocation clientSecret() {
    return invocation(CLIENT_SECRET);
  }
}
