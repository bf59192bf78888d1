package org.voxmesh.audio;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A 16-bit PCM WAV file's contents. {@code samples} are interleaved when {@code channels > 1}.
 * Only what test corpora and operator-supplied prompts need: PCM16, little-endian RIFF.
 */
public record WavFile(int sampleRate, int channels, short[] samples) {

  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  public WavFile {
    requireNonNull(samples, "samples");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: > 0)");
    }
    if (channels <= 0) {
      throw new IllegalArgumentException("channels: " + channels + " (expected: > 0)");
    }
  }

  /** Reads a PCM16 WAV file; fails with a message naming the file for anything else. */
  public static WavFile read(Path path) throws IOException {
    requireNonNull(path, "path");
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
    if (buf.remaining() < 12 || buf.getInt(0) != fourCc("RIFF") || buf.getInt(8) != fourCc("WAVE")) {
      throw new IOException(path + ": not a RIFF/WAVE file");
    }
    int pos = 12;
    int channels = 0;
    int sampleRate = 0;
    while (pos + 8 <= buf.limit()) {
      int id = buf.getInt(pos);
      long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
      int body = pos + 8;
      if (id == fourCc("fmt ")) {
        int format = buf.getShort(body) & 0xFFFF;
        channels = buf.getShort(body + 2) & 0xFFFF;
        sampleRate = buf.getInt(body + 4);
        int bits = buf.getShort(body + 14) & 0xFFFF;
        if (format == FORMAT_EXTENSIBLE && size >= 26) {
          format = buf.getShort(body + 24) & 0xFFFF; // the sub-format GUID starts with the format code
        }
        if (format != FORMAT_PCM || bits != 16) {
          throw new IOException(path + ": WAV format " + format + " with " + bits
              + "-bit samples (expected: PCM (1) with 16-bit samples)");
        }
      } else if (id == fourCc("data")) {
        if (channels == 0) {
          throw new IOException(path + ": WAV data chunk before its fmt chunk");
        }
        int length = (int) Math.min(size, buf.limit() - body) & ~1; // tolerate a truncated file
        return new WavFile(sampleRate, channels, Pcm16.toShorts(buf.array(), body, length));
      }
      pos = (int) Math.min(buf.limit(), body + size + (size & 1)); // chunks are padded to even sizes
    }
    throw new IOException(path + ": WAV file without a data chunk");
  }

  /** Duration in milliseconds. */
  public long durationMs() {
    return samples.length / channels * 1000L / sampleRate;
  }

  private static int fourCc(String s) {
    return (s.charAt(0)) | (s.charAt(1) << 8) | (s.charAt(2) << 16) | (s.charAt(3) << 24);
  }
}
