package org.voxmesh.testkit.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A running test client. Stdout lines are parsed as they arrive, so a test can wait for a given
 * event (say {@code session.updated}) and act on the server while the client keeps streaming.
 */
public final class NodeProcess implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> command;
  private final Process process;
  private final Duration hardLimit;
  private final long startNanos = System.nanoTime();
  private final Object lock = new Object();
  private final List<String> rawStdout = new ArrayList<>();
  private final List<JsonNode> lines = new ArrayList<>();
  private final List<String> unparsed = new ArrayList<>();
  private final StringBuilder stderr = new StringBuilder();
  private final Thread outReader;
  private final Thread errReader;
  private volatile boolean killed;

  NodeProcess(List<String> command, Process process, Duration hardLimit) {
    this.command = List.copyOf(command);
    this.process = process;
    this.hardLimit = hardLimit;
    closeQuietly(process.getOutputStream());
    this.outReader = daemon("node-stdout-" + process.pid(), () -> readStdout(process.getInputStream()));
    this.errReader = daemon("node-stderr-" + process.pid(), () -> readStderr(process.getErrorStream()));
  }

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void readStdout(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode node = null;
        if (!line.isBlank()) {
          try {
            node = JSON.readTree(line);
          } catch (IOException e) {
            node = null;
          }
        }
        synchronized (lock) {
          rawStdout.add(line);
          if (node != null && node.isObject()) {
            lines.add(node);
          } else if (!line.isBlank()) {
            unparsed.add(line);
          }
          lock.notifyAll();
        }
      }
    } catch (IOException ignored) {
      // process gone
    }
  }

  private void readStderr(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (lock) {
          stderr.append(line).append('\n');
        }
      }
    } catch (IOException ignored) {
      // process gone
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public List<String> command() {
    return command;
  }

  /** Snapshot of the JSON lines printed so far (server events and {@code __client} lines). */
  public List<JsonNode> linesSoFar() {
    synchronized (lock) {
      return List.copyOf(lines);
    }
  }

  /**
   * Waits until a printed line matches, and returns it; empty when the process ended or the wait
   * timed out first. Lines printed before the call count too.
   */
  public Optional<JsonNode> awaitLine(Predicate<JsonNode> match, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    int seen = 0;
    synchronized (lock) {
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (match.test(lines.get(seen))) {
            return Optional.of(lines.get(seen));
          }
        }
        long left = deadline - System.nanoTime();
        boolean ended = !process.isAlive() && !outReader.isAlive();
        if (left <= 0 || ended) {
          return Optional.empty();
        }
        try {
          lock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }

  /** Waits for a server event of this {@code type}. */
  public Optional<JsonNode> awaitEvent(String type, Duration wait) {
    return awaitLine(n -> !n.has("__client") && type.equals(n.path("type").asText(null)), wait);
  }

  /**
   * Waits for the exit; kills the process tree when the hard limit (the invocation's timeout plus
   * {@value NodeInvocation#KILL_GRACE_S} s) passes first.
   */
  public NodeResult await() {
    long leftNanos = hardLimit.toNanos() - (System.nanoTime() - startNanos);
    boolean exited;
    try {
      exited = process.waitFor(Math.max(0, leftNanos), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exited = false;
    }
    if (!exited) {
      kill();
    }
    return result();
  }

  /** Kills the process and its children now. */
  public void kill() {
    killed = true;
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends SIGTERM (the script closes nothing; use it to simulate a client that goes away). */
  public void terminate() {
    process.destroy();
  }

  private NodeResult result() {
    try {
      outReader.join(5000);
      errReader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    int exit = process.isAlive() ? -1 : process.exitValue();
    synchronized (lock) {
      return new NodeResult(command, exit, killed, List.copyOf(lines), List.copyOf(unparsed), List.copyOf(rawStdout),
          stderr.toString(), elapsed);
    }
  }

  /** Kills the process if it is still running. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private static void closeQuietly(OutputStream s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
