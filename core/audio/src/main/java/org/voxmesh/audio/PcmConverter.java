package org.voxmesh.audio;

import static java.util.Objects.requireNonNull;

/**
 * Turns a stream of audio in a session's input format into mono 16-bit PCM at the rate the speech
 * engines work at. Decodes PCM16 little-endian (any rate) and G.711 µ-law / A-law, then resamples.
 *
 * <p>Chunks may have any length, including an odd number of bytes for PCM16 (the half sample is kept
 * for the next chunk). The output never depends on how the stream was cut into chunks. Not
 * thread-safe: one converter per stream.
 */
public interface PcmConverter {

  /** Decodes and resamples the next chunk; returns the samples now complete (possibly none, never null). */
  short[] convert(byte[] chunk);

  /**
   * Ends the stream: returns the samples held back by the resampler's look-ahead and forgets the
   * stream, so the converter can start a new one. A dangling half PCM16 sample is dropped.
   */
  short[] flush();

  /** A converter from {@code input} to mono PCM16 at {@code targetRate} Hz. */
  static PcmConverter create(AudioFormat input, int targetRate) {
    requireNonNull(input, "input");
    if (targetRate <= 0) {
      throw new IllegalArgumentException("targetRate: " + targetRate + " (expected: > 0)");
    }
    return new StreamingPcmConverter(input, targetRate);
  }
}
