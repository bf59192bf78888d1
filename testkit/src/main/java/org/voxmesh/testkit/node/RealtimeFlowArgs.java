package org.voxmesh.testkit.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.voxmesh.testkit.corpus.SessionFormat;

/**
 * Typed builder for the flags that {@code realtime-transcribe.mjs} and {@code realtime-raw.mjs}
 * share; only flags that were set are emitted, so the scripts' defaults apply otherwise
 * (pcm16/24 kHz, server_vad, gpt-4o-transcribe, en, 20 ms chunks, real-time pacing, expect one
 * result per audio file). Script-specific flags go through {@link NodeInvocation#arg}/{@link NodeInvocation#flag}.
 */
public final class RealtimeFlowArgs {

  private final List<String> args = new ArrayList<>();

  private RealtimeFlowArgs() {}

  /** {@code --base-url} (e.g. {@code https://127.0.0.1:8443/v1}) and {@code --api-key}. */
  public static RealtimeFlowArgs create(String baseUrl, String apiKey) {
    RealtimeFlowArgs a = new RealtimeFlowArgs();
    a.add("--base-url", baseUrl);
    if (apiKey != null) {
      a.add("--api-key", apiKey);
    }
    return a;
  }

  private RealtimeFlowArgs add(String flag, Object value) {
    args.add(flag);
    args.add(String.valueOf(value));
    return this;
  }

  private RealtimeFlowArgs add(String flag) {
    args.add(flag);
    return this;
  }

  public RealtimeFlowArgs format(SessionFormat format) {
    return add("--format", format.cliName());
  }

  /** PCM16 rate written into the session format (default 24000). */
  public RealtimeFlowArgs rate(int hz) {
    return add("--rate", hz);
  }

  /** {@code server_vad}, {@code semantic_vad} or {@code none} (sends {@code turn_detection: null}). */
  public RealtimeFlowArgs turnDetection(String type) {
    return add("--turn-detection", type);
  }

  public RealtimeFlowArgs model(String model) {
    return add("--model", model);
  }

  /** Empty string omits {@code language}. */
  public RealtimeFlowArgs language(String language) {
    return add("--language", language);
  }

  public RealtimeFlowArgs prompt(String prompt) {
    return add("--prompt", prompt);
  }

  public RealtimeFlowArgs vadThreshold(double threshold) {
    return add("--vad-threshold", threshold);
  }

  public RealtimeFlowArgs silenceMs(int ms) {
    return add("--silence-ms", ms);
  }

  public RealtimeFlowArgs prefixMs(int ms) {
    return add("--prefix-ms", ms);
  }

  public RealtimeFlowArgs noiseReduction(String type) {
    return add("--noise-reduction", type);
  }

  public RealtimeFlowArgs include(String value) {
    return add("--include", value);
  }

  /** Sends this session object (JSON text) verbatim in session.update instead of the built one. */
  public RealtimeFlowArgs sessionJson(String json) {
    return add("--session", json);
  }

  public RealtimeFlowArgs noSessionUpdate() {
    return add("--no-session-update");
  }

  public RealtimeFlowArgs waitCreated() {
    return add("--wait-created");
  }

  /** Raw audio already in the session format; repeat for several files. */
  public RealtimeFlowArgs audio(Path file) {
    return add("--audio", file.toAbsolutePath().toString());
  }

  public RealtimeFlowArgs audio(List<Path> files) {
    files.forEach(this::audio);
    return this;
  }

  public RealtimeFlowArgs chunkMs(int ms) {
    return add("--chunk-ms", ms);
  }

  /** 1 = real time (default), 0 = as fast as possible. */
  public RealtimeFlowArgs speed(double speed) {
    return add("--speed", speed);
  }

  public RealtimeFlowArgs leadMs(int ms) {
    return add("--lead-ms", ms);
  }

  public RealtimeFlowArgs gapMs(int ms) {
    return add("--gap-ms", ms);
  }

  /** {@code auto} (commit after each file only without turn detection), {@code always}, {@code never}. */
  public RealtimeFlowArgs commit(String mode) {
    return add("--commit", mode);
  }

  public RealtimeFlowArgs clearAfterFirstChunk() {
    return add("--clear-after-first-chunk");
  }

  public RealtimeFlowArgs logAppends() {
    return add("--log-appends");
  }

  public RealtimeFlowArgs expectCompleted(int n) {
    return add("--expect-completed", n);
  }

  public RealtimeFlowArgs lingerMs(int ms) {
    return add("--linger-ms", ms);
  }

  public List<String> toArgs() {
    return List.copyOf(args);
  }

  @Override
  public String toString() {
    return String.join(" ", args);
  }
}
