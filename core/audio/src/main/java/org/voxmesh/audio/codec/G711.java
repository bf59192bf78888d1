package org.voxmesh.audio.codec;

import static java.util.Objects.requireNonNull;

/**
 * ITU-T G.711 µ-law and A-law, after the classic Sun reference ({@code g711.c}): the encoder truncates
 * within a quantisation step, the decoder returns the middle of the step. Samples are 16-bit PCM.
 */
public final class G711 {

  private static final int SIGN_BIT = 0x80;
  private static final int QUANT_MASK = 0x0F;
  private static final int SEG_SHIFT = 4;
  private static final int SEG_MASK = 0x70;

  private static final int ULAW_BIAS = 0x84;
  /** Largest µ-law magnitude in 14-bit units before the bias is added. */
  private static final int ULAW_CLIP = 8159;

  /** Upper ends of the eight segments, in the scaled units each law works in (13-bit A, 14-bit µ). */
  private static final int[] ALAW_SEG_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
  private static final int[] ULAW_SEG_END = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};

  // Decoding is a table look-up: 256 entries each, built once from the reference formulas.
  private static final short[] ULAW_TO_LINEAR = new short[256];
  private static final short[] ALAW_TO_LINEAR = new short[256];

  static {
    for (int code = 0; code < 256; code++) {
      ULAW_TO_LINEAR[code] = ulawToLinear(code);
      ALAW_TO_LINEAR[code] = alawToLinear(code);
    }
  }

  private G711() {}

  public static short decodeUlaw(byte code) {
    return ULAW_TO_LINEAR[code & 0xFF];
  }

  public static short decodeAlaw(byte code) {
    return ALAW_TO_LINEAR[code & 0xFF];
  }

  public static short[] decodeUlaw(byte[] codes) {
    return decode(requireNonNull(codes, "codes"), ULAW_TO_LINEAR);
  }

  public static short[] decodeAlaw(byte[] codes) {
    return decode(requireNonNull(codes, "codes"), ALAW_TO_LINEAR);
  }

  public static byte[] encodeUlaw(short[] samples) {
    requireNonNull(samples, "samples");
    byte[] out = new byte[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = encodeUlaw(samples[i]);
    }
    return out;
  }

  public static byte[] encodeAlaw(short[] samples) {
    requireNonNull(samples, "samples");
    byte[] out = new byte[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = encodeAlaw(samples[i]);
    }
    return out;
  }

  public static byte encodeUlaw(short sample) {
    int pcm = sample >> 2; // µ-law works on 14 bits
    int mask;
    if (pcm < 0) {
      pcm = -pcm;
      mask = 0x7F;
    } else {
      mask = 0xFF;
    }
    pcm = Math.min(pcm, ULAW_CLIP) + (ULAW_BIAS >> 2);
    int seg = segment(pcm, ULAW_SEG_END);
    if (seg >= 8) {
      return (byte) (0x7F ^ mask);
    }
    return (byte) (((seg << SEG_SHIFT) | ((pcm >> (seg + 1)) & QUANT_MASK)) ^ mask);
  }

  public static byte encodeAlaw(short sample) {
    int pcm = sample >> 3; // A-law works on 13 bits
    int mask;
    if (pcm >= 0) {
      mask = 0xD5;
    } else {
      mask = 0x55;
      pcm = -pcm - 1;
    }
    int seg = segment(pcm, ALAW_SEG_END);
    if (seg >= 8) {
      return (byte) (0x7F ^ mask);
    }
    int quant = seg < 2 ? (pcm >> 1) & QUANT_MASK : (pcm >> seg) & QUANT_MASK;
    return (byte) (((seg << SEG_SHIFT) | quant) ^ mask);
  }

  private static short ulawToLinear(int code) {
    int u = ~code & 0xFF;
    int t = ((u & QUANT_MASK) << 3) + ULAW_BIAS;
    t <<= (u & SEG_MASK) >> SEG_SHIFT;
    return (short) ((u & SIGN_BIT) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS);
  }

  private static short alawToLinear(int code) {
    int a = code ^ 0x55;
    int t = (a & QUANT_MASK) << 4;
    int seg = (a & SEG_MASK) >> SEG_SHIFT;
    if (seg == 0) {
      t += 8;
    } else {
      t = (t + 0x108) << (seg - 1);
    }
    return (short) ((a & SIGN_BIT) != 0 ? t : -t);
  }

  private static int segment(int value, int[] segmentEnds) {
    for (int i = 0; i < segmentEnds.length; i++) {
      if (value <= segmentEnds[i]) {
        return i;
      }
    }
    return segmentEnds.length;
  }

  private static short[] decode(byte[] codes, short[] table) {
    short[] out = new short[codes.length];
    for (int i = 0; i < codes.length; i++) {
      out[i] = table[codes[i] & 0xFF];
    }
    return out;
  }
}
