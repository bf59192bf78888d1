package org.voxmesh.testkit.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a script: arguments, environment and time limit. Build it, then {@link #run()} (wait
 * for the exit) or {@link #start()} (interact while it runs).
 *
 * <p>Environment: the parent's, minus every {@code OPENAI_*} variable (the SDK would otherwise read
 * {@code OPENAI_BASE_URL}, {@code OPENAI_ORG_ID}, ... from it), plus {@code NODE_EXTRA_CA_CERTS} when
 * {@link #ca(Path)} is set, plus {@link #env(String, String)} entries.
 */
public final class NodeInvocation {

  /** Seconds the Java side waits beyond the script's own {@code --timeout-ms} before killing it. */
  public static final int KILL_GRACE_S = 15;

  static final Duration KILL_GRACE = Duration.ofSeconds(KILL_GRACE_S);

  private final NodeScripts scripts;
  private final String scriptName;
  private final List<String> args = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private Path ca;
  private Duration timeout = Duration.ofSeconds(60);
  private boolean passTimeout = true;

  NodeInvocation(NodeScripts scripts, String scriptName) {
    this.scripts = scripts;
    this.scriptName = scriptName;
  }

  /** Appends raw arguments. */
  public NodeInvocation args(String... more) {
    args.addAll(List.of(more));
    return this;
  }

  public NodeInvocation args(Collection<String> more) {
    args.addAll(more);
    return this;
  }

  /** Appends the flow flags built by {@code flow}. */
  public NodeInvocation args(RealtimeFlowArgs flow) {
    args.addAll(flow.toArgs());
    return this;
  }

  /** Appends {@code flag value} ({@code flag} with or without the leading {@code --}). */
  public NodeInvocation arg(String flag, Object value) {
    args.add(flag.startsWith("--") ? flag : "--" + flag);
    args.add(String.valueOf(value));
    return this;
  }

  /** Appends a boolean flag. */
  public NodeInvocation flag(String flag) {
    args.add(flag.startsWith("--") ? flag : "--" + flag);
    return this;
  }

  /**
   * Trust this PEM CA: sets {@code NODE_EXTRA_CA_CERTS} (Node reads it only at start-up, so it must
   * be in the environment, not a flag) and passes {@code --ca} for the record.
   */
  public NodeInvocation ca(Path caPem) {
    this.ca = caPem.toAbsolutePath().normalize();
    return this;
  }

  public NodeInvocation env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * The time limit: passed to the script as {@code --timeout-ms} (unless the arguments already have
   * one, or {@link #noScriptTimeout()}), and the process is killed {@value #KILL_GRACE_S} s after it.
   */
  public NodeInvocation timeout(Duration limit) {
    this.timeout = limit;
    return this;
  }

  /** Do not add {@code --timeout-ms} (e.g. for {@code --help}). */
  public NodeInvocation noScriptTimeout() {
    this.passTimeout = false;
    return this;
  }

  Duration timeout() {
    return timeout;
  }

  Duration hardLimit() {
    return timeout.plus(KILL_GRACE);
  }

  /** The full command line. */
  public List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(NodeScripts.nodeExecutable());
    cmd.add(scripts.script(scriptName).toString());
    if (ca != null && !args.contains("--ca")) {
      cmd.add("--ca");
      cmd.add(ca.toString());
    }
    cmd.addAll(args);
    if (passTimeout && !args.contains("--timeout-ms") && !args.contains("--help") && !args.contains("-h")) {
      cmd.add("--timeout-ms");
      cmd.add(Long.toString(timeout.toMillis()));
    }
    return cmd;
  }

  Map<String, String> environment(Map<String, String> inherited) {
    Map<String, String> out = new LinkedHashMap<>(inherited);
    out.keySet().removeIf(k -> k.startsWith("OPENAI_"));
    if (ca != null) {
      out.put("NODE_EXTRA_CA_CERTS", ca.toString());
    }
    out.putAll(env);
    return out;
  }

  /** Starts the process; close the returned handle (or {@link NodeProcess#await()}) when done. */
  public NodeProcess start() {
    scripts.requireInstalled();
    if (!Files.isRegularFile(scripts.script(scriptName))) {
      throw new IllegalStateException("no such test client script: " + scripts.script(scriptName));
    }
    if (ca != null && !Files.isReadable(ca)) {
      throw new IllegalArgumentException("CA file not readable: " + ca);
    }
    List<String> cmd = command();
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(scripts.directory().toFile());
    Map<String, String> e = environment(pb.environment());
    pb.environment().clear();
    pb.environment().putAll(e);
    try {
      return new NodeProcess(cmd, pb.start(), hardLimit());
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot start " + String.join(" ", cmd)
          + " (is node on PATH? set -Dvoxmesh.node=/path/to/node otherwise)", ex);
    }
  }

  /** Starts the process and waits for it to exit (or kills it after the time limit). */
  public NodeResult run() {
    try (NodeProcess p = start()) {
      return p.await();
    }
  }
}
