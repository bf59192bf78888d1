package org.voxmesh.audio;

import static java.util.Objects.requireNonNull;

import org.voxmesh.audio.codec.G711;
import org.voxmesh.audio.dsp.Resampler;

/** Makes wire audio in a given format from 16-bit PCM: resample, then encode. */
public final class AudioEncoder {

  private AudioEncoder() {}

  /** The whole of {@code pcm} (mono, at {@code pcmRate} Hz) as bytes in {@code target}'s encoding and rate. */
  public static byte[] encode(short[] pcm, int pcmRate, AudioFormat target) {
    requireNonNull(pcm, "pcm");
    requireNonNull(target, "target");
    short[] samples = resample(pcm, pcmRate, target.sampleRate());
    switch (target.encoding()) {
      case PCM16:
        return Pcm16.toBytes(samples);
      case PCMU:
        return G711.encodeUlaw(samples);
      case PCMA:
        return G711.encodeAlaw(samples);
      default:
        throw new IllegalArgumentException("target encoding: " + target.encoding());
    }
  }

  private static short[] resample(short[] pcm, int fromRate, int toRate) {
    if (fromRate == toRate) {
      return pcm;
    }
    Resampler resampler = new Resampler(fromRate, toRate);
    short[] body = resampler.process(pcm);
    short[] tail = resampler.flush();
    short[] all = new short[body.length + tail.length];
    System.arraycopy(body, 0, all, 0, body.length);
    System.arraycopy(tail, 0, all, body.length, tail.length);
    return all;
  }
}
