package org.voxmesh.audio;

import java.util.Objects;

/** An encoding at a sample rate, mono. Knows how bytes map to time. */
public record AudioFormat(AudioEncoding encoding, int sampleRate) {

  public static final AudioFormat PCM16_24K = new AudioFormat(AudioEncoding.PCM16, 24_000);
  public static final AudioFormat PCM16_16K = new AudioFormat(AudioEncoding.PCM16, 16_000);
  public static final AudioFormat PCMU_8K = new AudioFormat(AudioEncoding.PCMU, 8_000);
  public static final AudioFormat PCMA_8K = new AudioFormat(AudioEncoding.PCMA, 8_000);

  public AudioFormat {
    Objects.requireNonNull(encoding, "encoding");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: > 0)");
    }
  }

  public int bytesPerSample() {
    return encoding == AudioEncoding.PCM16 ? 2 : 1;
  }

  /** Bytes of audio per second of audio. */
  public int bytesPerSecond() {
    return bytesPerSample() * sampleRate;
  }

  /** Duration in milliseconds of {@code bytes} bytes of this format (rounded down). */
  public long durationMs(long bytes) {
    return bytes * 1000 / bytesPerSecond();
  }

  /** Number of bytes holding {@code ms} milliseconds of this format, aligned to whole samples. */
  public long bytesFor(long ms) {
    return ms * sampleRate / 1000 * bytesPerSample();
  }
}
