package org.voxmesh.audio;

import static java.util.Objects.requireNonNull;

import org.voxmesh.audio.codec.G711;
import org.voxmesh.audio.dsp.Resampler;

/** {@link PcmConverter}: decode by encoding, then resample unless the rates already match. */
final class StreamingPcmConverter implements PcmConverter {

  private static final short[] EMPTY = new short[0];
  private static final int NO_CARRY = -1;

  private final AudioEncoding encoding;
  private final Resampler resampler; // null when the input is already at the target rate
  /** The low byte of a PCM16 sample whose high byte is still to come, or NO_CARRY. */
  private int carry = NO_CARRY;

  StreamingPcmConverter(AudioFormat input, int targetRate) {
    this.encoding = input.encoding();
    this.resampler = input.sampleRate() == targetRate ? null : new Resampler(input.sampleRate(), targetRate);
  }

  @Override
  public short[] convert(byte[] chunk) {
    requireNonNull(chunk, "chunk");
    short[] samples = decode(chunk);
    return resampler == null ? samples : resampler.process(samples);
  }

  @Override
  public short[] flush() {
    carry = NO_CARRY;
    return resampler == null ? EMPTY : resampler.flush();
  }

  private short[] decode(byte[] chunk) {
    switch (encoding) {
      case PCMU:
        return G711.decodeUlaw(chunk);
      case PCMA:
        return G711.decodeAlaw(chunk);
      case PCM16:
        return decodePcm16(chunk);
      default:
        throw new IllegalStateException("encoding: " + encoding);
    }
  }

  private short[] decodePcm16(byte[] chunk) {
    int start = 0;
    short first = 0;
    boolean completesCarry = carry != NO_CARRY && chunk.length > 0;
    if (completesCarry) {
      first = (short) (carry | (chunk[0] << 8));
      carry = NO_CARRY;
      start = 1;
    }
    int whole = (chunk.length - start) & ~1;
    short[] rest = Pcm16.toShorts(chunk, start, whole);
    if (start + whole < chunk.length) {
      carry = chunk[chunk.length - 1] & 0xFF;
    }
    if (!completesCarry) {
      return rest;
    }
    short[] samples = new short[rest.length + 1];
    samples[0] = first;
    System.arraycopy(rest, 0, samples, 1, rest.length);
    return samples;
  }
}
