package org.voxmesh.speech.turn;

/**
 * Server-VAD turn detection settings, as in OpenAI's {@code turn_detection} of type {@code server_vad}.
 *
 * @param threshold speech probability at or above which a frame is speech, 0 to 1
 * @param prefixPaddingMs audio kept before the detected speech onset, 0 to 60 000 ms
 * @param silenceDurationMs non-speech needed to end a turn, 0 to 60 000 ms
 */
public record TurnParams(float threshold, int prefixPaddingMs, int silenceDurationMs) {

  public static final float DEFAULT_THRESHOLD = 0.5f;
  public static final int DEFAULT_PREFIX_PADDING_MS = 300;
  public static final int DEFAULT_SILENCE_DURATION_MS = 200;
  public static final int MAX_MS = 60_000;

  /** Silero's hysteresis: speech continues until the probability falls this far below the threshold. */
  static final float HYSTERESIS = 0.15f;

  public TurnParams {
    if (!(threshold >= 0f && threshold <= 1f)) { // also rejects NaN
      throw new IllegalArgumentException("threshold: " + threshold + " (expected: 0.0 to 1.0)");
    }
    if (prefixPaddingMs < 0 || prefixPaddingMs > MAX_MS) {
      throw new IllegalArgumentException("prefixPaddingMs: " + prefixPaddingMs + " (expected: 0 to " + MAX_MS + ")");
    }
    if (silenceDurationMs < 0 || silenceDurationMs > MAX_MS) {
      throw new IllegalArgumentException(
          "silenceDurationMs: " + silenceDurationMs + " (expected: 0 to " + MAX_MS + ")");
    }
  }

  /** OpenAI's defaults for {@code server_vad}: 0.5, 300 ms, 200 ms. */
  public static TurnParams defaults() {
    return new TurnParams(DEFAULT_THRESHOLD, DEFAULT_PREFIX_PADDING_MS, DEFAULT_SILENCE_DURATION_MS);
  }

  public TurnParams withThreshold(float value) {
    return new TurnParams(value, prefixPaddingMs, silenceDurationMs);
  }

  public TurnParams withPrefixPaddingMs(int value) {
    return new TurnParams(threshold, value, silenceDurationMs);
  }

  public TurnParams withSilenceDurationMs(int value) {
    return new TurnParams(threshold, prefixPaddingMs, value);
  }

  /**
   * Below this probability a frame is silence: {@link #HYSTERESIS} under the threshold, but never
   * under half of it, so that low thresholds still let a turn end.
   */
  public float silenceThreshold() {
    return Math.max(threshold - HYSTERESIS, threshold / 2);
  }
}
