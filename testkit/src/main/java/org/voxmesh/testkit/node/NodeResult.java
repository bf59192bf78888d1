package org.voxmesh.testkit.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a test client did.
 *
 * @param command the command line
 * @param exitCode the exit status (0 ok, 1 client failure, 2 script timeout, 3 server closed first,
 *     4 usage, 5 session.update rejected; see the scripts' --help), -1 if it could not be read
 * @param killed true when the Java side killed it after the hard limit
 * @param lines every stdout line that parsed as a JSON object, in order: server events (exactly as
 *     received) and the client's own lines (those with a {@code "__client"} key)
 * @param unparsedStdout stdout lines that were not JSON objects (should be empty)
 * @param rawStdout every stdout line verbatim, for byte-exact checks
 * @param stderr the whole of stderr, for diagnostics
 * @param elapsed wall-clock time from start to exit
 */
public record NodeResult(
    List<String> command,
    int exitCode,
    boolean killed,
    List<JsonNode> lines,
    List<String> unparsedStdout,
    List<String> rawStdout,
    String stderr,
    Duration elapsed) {

  public static final String COMPLETED = "conversation.item.input_audio_transcription.completed";
  public static final String FAILED = "conversation.item.input_audio_transcription.failed";

  /** Server events only (lines without {@code "__client"}), in arrival order. */
  public List<JsonNode> events() {
    return lines.stream().filter(n -> !n.has("__client")).toList();
  }

  /** The {@code type} of each server event, in order. */
  public List<String> types() {
    return events().stream().map(n -> n.path("type").asText("")).toList();
  }

  public List<JsonNode> eventsOfType(String type) {
    return events().stream().filter(n -> type.equals(n.path("type").asText(null))).toList();
  }

  public Optional<JsonNode> firstEvent(String type) {
    return eventsOfType(type).stream().findFirst();
  }

  /** {@code error} events sent by the server. */
  public List<JsonNode> errors() {
    return eventsOfType("error");
  }

  /** The client's own lines ({@code {"__client": kind, ...}}). */
  public List<JsonNode> clientLines() {
    return lines.stream().filter(n -> n.has("__client")).toList();
  }

  /** The client's own lines of one kind: open, sent, audio, frame, sdk_error, socket_error, unexpected_response, close, timeout, crash, done. */
  public List<JsonNode> clientLines(String kind) {
    return lines.stream().filter(n -> kind.equals(n.path("__client").asText(null))).toList();
  }

  public Optional<JsonNode> clientLine(String kind) {
    return clientLines(kind).stream().findFirst();
  }

  /** {@code transcript} of every transcription completed event, in arrival order. */
  public List<String> completedTranscripts() {
    return eventsOfType(COMPLETED).stream().map(n -> n.path("transcript").asText("")).toList();
  }

  public boolean succeeded() {
    return exitCode == 0 && !killed;
  }

  /** Returns this when the exit code matches, else throws with {@link #describe()}. */
  public NodeResult requireExit(int expected) {
    if (exitCode != expected || killed) {
      throw new AssertionError("expected exit " + expected + "\n" + describe());
    }
    return this;
  }

  public NodeResult requireSuccess() {
    return requireExit(0);
  }

  /** Multi-line diagnostics: command, exit, the last 60 stdout lines, stderr. */
  public String describe() {
    int from = Math.max(0, rawStdout.size() - 60);
    String out = rawStdout.subList(from, rawStdout.size()).stream()
        .map(l -> l.length() > 600 ? l.substring(0, 600) + "..." : l)
        .collect(Collectors.joining("\n  "));
    return "node client: " + String.join(" ", command)
        + "\nexit " + exitCode + (killed ? " (killed after the hard time limit)" : "") + " after " + elapsed.toMillis() + " ms"
        + "\nstdout" + (from > 0 ? " (last 60 of " + rawStdout.size() + " lines)" : "") + ":\n  " + out
        + "\nstderr:\n" + (stderr.isBlank() ? "  (empty)" : stderr.strip());
  }

  @Override
  public String toString() {
    return "NodeResult[exit=" + exitCode + (killed ? ", killed" : "") + ", events=" + types() + "]";
  }
}
