package org.voxmesh.testkit.corpus;

import java.time.Duration;

/**
 * Mono signed 16-bit PCM samples at a sample rate.
 *
 * @param sampleRate samples per second
 * @param samples the samples; not copied, treat as read-only
 */
public record PcmAudio(int sampleRate, short[] samples) {

  public PcmAudio {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    if (samples == null) {
      throw new IllegalArgumentException("samples must not be null");
    }
  }

  public Duration duration() {
    return Duration.ofNanos(samples.length * 1_000_000_000L / sampleRate);
  }

  public double durationMs() {
    return samples.length * 1000.0 / sampleRate;
  }

  /** The same audio at another sample rate (windowed-sinc resampling). */
  public PcmAudio resampled(int targetRate) {
    return targetRate == sampleRate ? this : new PcmAudio(targetRate, SessionAudio.resample(samples, sampleRate, targetRate));
  }

  @Override
  public String toString() {
    return "PcmAudio[" + sampleRate + " Hz, " + samples.length + " samples, " + Math.round(durationMs()) + " ms]";
  }
}
