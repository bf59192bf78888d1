package org.voxmesh.speech.turn;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Server-VAD turn detection over one stream of per-frame speech probabilities. Pure: no I/O, no
 * clock; the caller says where each frame ends on the stream's timeline. Not thread-safe.
 *
 * <p>Rules:
 * <ul>
 *   <li>A frame is <em>speech</em> when its probability is at least the threshold, and
 *       <em>silence</em> when it is below {@link TurnParams#silenceThreshold()}. In between, nothing
 *       changes (hysteresis).
 *   <li>Blips do not start turns: a turn starts only after {@value #MIN_SPEECH_FRAMES} consecutive
 *       speech frames (64 ms with Silero's 32 ms frames), so a lone click or pop is ignored.
 *       {@link SpeechStarted}'s time is the start of the first of those frames minus the prefix
 *       padding, clamped at 0.
 *   <li>In a turn, the first silence frame starts the silence window; a single speech frame cancels
 *       it (as in Silero's own iterator). Splitting one utterance into two turns is worse for the
 *       user than ending a turn a little late, so stopping is the cautious side.
 *   <li>{@link SpeechStopped} comes once the silence window has lasted {@code silenceDurationMs};
 *       its time is the start of the first silence frame plus {@code silenceDurationMs}.
 * </ul>
 */
public final class TurnDetector {

  /** Consecutive speech frames needed before speech counts. */
  public static final int MIN_SPEECH_FRAMES = 2;

  private static final long NONE = -1;

  private final TurnParams params;
  private final int frameMs;

  private boolean speaking;
  /** Consecutive frames at or above the threshold, ending with the last frame. */
  private int speechRun;
  /** Start of the first frame of the current speech run. */
  private long speechRunStartMs;
  /** Start of the first silence frame of a pending stop, or NONE. */
  private long silenceStartMs = NONE;

  public TurnDetector(TurnParams params, int frameMs) {
    this.params = requireNonNull(params, "params");
    if (frameMs <= 0) {
      throw new IllegalArgumentException("frameMs: " + frameMs + " (expected: > 0)");
    }
    this.frameMs = frameMs;
  }

  /**
   * Takes the speech probability of the frame that ends at {@code frameEndMs} and returns the turn
   * events it causes (usually none).
   */
  public List<TurnEvent> onFrame(float probability, long frameEndMs) {
    long frameStartMs = frameEndMs - frameMs;
    if (probability >= params.threshold()) {
      if (speechRun++ == 0) {
        speechRunStartMs = frameStartMs;
      }
    } else {
      speechRun = 0;
    }
    if (!speaking) {
      if (speechRun < MIN_SPEECH_FRAMES) {
        return List.of();
      }
      speaking = true;
      silenceStartMs = NONE;
      return List.of(new SpeechStarted(Math.max(0, speechRunStartMs - params.prefixPaddingMs())));
    }

    if (speechRun > 0) {
      silenceStartMs = NONE; // speech resumed before the silence window ran out
    } else if (silenceStartMs == NONE && probability < params.silenceThreshold()) {
      silenceStartMs = frameStartMs;
    }
    if (silenceStartMs != NONE && frameEndMs - silenceStartMs >= params.silenceDurationMs()) {
      long audioEndMs = silenceStartMs + params.silenceDurationMs();
      speaking = false;
      speechRun = 0;
      silenceStartMs = NONE;
      return List.of(new SpeechStopped(audioEndMs));
    }
    return List.of();
  }

  /** Whether a turn is open (started and not yet stopped). */
  public boolean speaking() {
    return speaking;
  }

  public TurnParams params() {
    return params;
  }

  /** Forgets the stream (for {@code input_audio_buffer.clear}): an open turn is dropped without an event. */
  public void reset() {
    speaking = false;
    speechRun = 0;
    silenceStartMs = NONE;
  }
}
