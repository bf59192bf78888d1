package org.voxmesh.audio.dsp;

import java.util.Arrays;

/**
 * Streaming sample-rate converter for 16-bit mono PCM between any two integer rates: polyphase
 * windowed sinc (Kaiser β = 8, 24 zero crossings, cut-off at 0.94 of the lower Nyquist frequency).
 *
 * <p>Chunks may have any size. The output depends only on the stream, never on how it was chunked:
 * feeding it in pieces and then calling {@link #flush()} gives exactly the samples that one call
 * with the whole stream followed by {@code flush()} gives. Output sample {@code n} is aligned with
 * time {@code n / outputRate} of the input, so timestamps carry over; the filter's look-ahead
 * holds back a few milliseconds of output until more input (or {@code flush()}) arrives.
 * A stream of {@code N} input samples yields {@code ceil(N * outputRate / inputRate)} output samples.
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class Resampler {

  private static final short[] EMPTY = new short[0];

  private final int inputRate;
  private final int outputRate;
  private final PolyphaseFilter filter;

  /** Input history; {@code history[0]} holds absolute input sample {@code historyStart}. */
  private float[] history;
  private int historyLength;
  private long historyStart;
  /** Real input samples received so far (the absolute index of the next one). */
  private long received;
  /** Absolute index of the next output sample. */
  private long produced;

  public Resampler(int inputRate, int outputRate) {
    if (inputRate <= 0) {
      throw new IllegalArgumentException("inputRate: " + inputRate + " (expected: > 0)");
    }
    if (outputRate <= 0) {
      throw new IllegalArgumentException("outputRate: " + outputRate + " (expected: > 0)");
    }
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.filter = PolyphaseFilter.forRates(inputRate, outputRate);
    reset();
  }

  public int inputRate() {
    return inputRate;
  }

  public int outputRate() {
    return outputRate;
  }

  /** Takes the next chunk of input and returns the output samples that are now complete. */
  public short[] process(short[] chunk) {
    return process(chunk, 0, chunk.length);
  }

  /** As {@link #process(short[])}, for {@code length} samples of {@code chunk} from {@code offset}. */
  public short[] process(short[] chunk, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > chunk.length) {
      throw new IndexOutOfBoundsException(
          "offset: " + offset + ", length: " + length + " (expected: within " + chunk.length + " samples)");
    }
    ensureCapacity(length);
    for (int k = 0; k < length; k++) {
      history[historyLength++] = chunk[offset + k];
    }
    received += length;
    // Output n needs input up to i + halfTaps, where i = floor(n * down / up).
    return produceWhileBelow(received - filter.halfTaps);
  }

  /** Ends the stream: returns the held-back tail (input beyond the end counts as silence), then resets. */
  public short[] flush() {
    ensureCapacity(filter.halfTaps);
    historyLength += filter.halfTaps; // zeros: ensureCapacity leaves the new tail cleared
    short[] tail = produceWhileBelow(received);
    reset();
    return tail;
  }

  /** Forgets the stream, as at a new stream. */
  public void reset() {
    // The first outputs look back halfTaps samples before the stream start: silence.
    history = new float[Math.max(4096, 2 * filter.taps)];
    historyLength = filter.halfTaps;
    historyStart = -filter.halfTaps;
    received = 0;
    produced = 0;
  }

  /** Produces every output whose input position's integer part is below {@code limit}. */
  private short[] produceWhileBelow(long limit) {
    int up = filter.up;
    int down = filter.down;
    long end = limit * up; // outputs with n * down < limit * up
    long first = produced * down;
    if (first >= end) {
      return EMPTY;
    }
    int count = (int) ((end - first + down - 1) / down);
    short[] out = new short[count];
    int taps = filter.taps;
    float[] coefficients = filter.coefficients;
    for (int o = 0; o < count; o++) {
      long position = (produced + o) * down;
      long i = position / up;
      int phase = (int) (position % up);
      int base = (int) (i - filter.halfTaps - historyStart);
      int c = phase * taps;
      float acc = 0; // float is ample: its rounding error stays far below one 16-bit step
      for (int t = 0; t < taps; t++) {
        acc += history[base + t] * coefficients[c + t];
      }
      out[o] = clamp(acc);
    }
    produced += count;
    discardConsumedHistory();
    return out;
  }

  /** Drops input that no future output can reach, keeping the buffer small. */
  private void discardConsumedHistory() {
    long nextI = produced * filter.down / filter.up;
    int drop = (int) Math.max(0, nextI - filter.halfTaps - historyStart);
    drop = Math.min(drop, historyLength);
    if (drop == 0) {
      return;
    }
    System.arraycopy(history, drop, history, 0, historyLength - drop);
    Arrays.fill(history, historyLength - drop, historyLength, 0f);
    historyLength -= drop;
    historyStart += drop;
  }

  private void ensureCapacity(int extra) {
    if (historyLength + extra > history.length) {
      history = Arrays.copyOf(history, Math.max(2 * history.length, historyLength + extra));
    }
  }

  private static short clamp(float value) {
    int rounded = Math.round(value);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
  }
}
