package org.voxmesh.audio;

import static java.util.Objects.requireNonNull;

/** Signed 16-bit little-endian PCM: conversions between wire bytes and samples. */
public final class Pcm16 {

  private Pcm16() {}

  /** Samples from little-endian bytes; {@code bytes.length} must be even. */
  public static short[] toShorts(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    return toShorts(bytes, 0, bytes.length);
  }

  /** Samples from {@code length} little-endian bytes at {@code offset}; {@code length} must be even. */
  public static short[] toShorts(byte[] bytes, int offset, int length) {
    requireNonNull(bytes, "bytes");
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IndexOutOfBoundsException(
          "offset: " + offset + ", length: " + length + " (expected: within " + bytes.length + " bytes)");
    }
    if ((length & 1) != 0) {
      throw new IllegalArgumentException("length: " + length + " (expected: an even number of bytes)");
    }
    short[] samples = new short[length / 2];
    for (int i = 0, b = offset; i < samples.length; i++, b += 2) {
      samples[i] = (short) ((bytes[b] & 0xFF) | (bytes[b + 1] << 8));
    }
    return samples;
  }

  /** Little-endian bytes of the samples. */
  public static byte[] toBytes(short[] samples) {
    requireNonNull(samples, "samples");
    byte[] bytes = new byte[samples.length * 2];
    for (int i = 0, b = 0; i < samples.length; i++, b += 2) {
      bytes[b] = (byte) samples[i];
      bytes[b + 1] = (byte) (samples[i] >> 8);
    }
    return bytes;
  }
}
