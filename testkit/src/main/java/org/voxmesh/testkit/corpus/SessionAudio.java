package org.voxmesh.testkit.corpus;

/**
 * Test-side audio conversions: resampling and G.711 encoding, written independently of the
 * server's own audio code so the tests do not check that code against itself.
 */
public final class SessionAudio {

  /** Half-width of the windowed-sinc kernel, in zero crossings. */
  private static final int ZERO_CROSSINGS = 16;

  private SessionAudio() {}

  /**
   * Resamples with a Hann-windowed sinc whose cut-off sits just below the lower of the two Nyquist
   * frequencies (so downsampling is anti-aliased).
   */
  public static short[] resample(short[] in, int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("rates must be positive: " + fromRate + " -> " + toRate);
    }
    if (fromRate == toRate) {
      return in.clone();
    }
    double ratio = (double) toRate / fromRate;
    int outLength = (int) ((long) in.length * toRate / fromRate);
    double cutoff = Math.min(1.0, ratio) * 0.95; // fraction of the input Nyquist frequency
    double halfWidth = ZERO_CROSSINGS / cutoff; // in input samples
    short[] out = new short[outLength];
    for (int n = 0; n < outLength; n++) {
      double t = n / ratio;
      int first = (int) Math.ceil(t - halfWidth);
      int last = (int) Math.floor(t + halfWidth);
      double sum = 0;
      double weights = 0;
      for (int k = Math.max(0, first); k <= Math.min(in.length - 1, last); k++) {
        double x = t - k;
        double w = cutoff * sinc(cutoff * x) * (0.5 + 0.5 * Math.cos(Math.PI * x / halfWidth));
        sum += in[k] * w;
        weights += w;
      }
      out[n] = clamp(weights == 0 ? 0 : sum / weights);
    }
    return out;
  }

  private static double sinc(double x) {
    if (Math.abs(x) < 1e-9) {
      return 1.0;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }

  private static short clamp(double v) {
    long r = Math.round(v);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
  }

  /** Signed 16-bit little-endian bytes. */
  public static byte[] toPcm16Le(short[] samples) {
    byte[] out = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      out[2 * i] = (byte) samples[i];
      out[2 * i + 1] = (byte) (samples[i] >> 8);
    }
    return out;
  }

  /** Parses signed 16-bit little-endian bytes (a trailing odd byte is ignored). */
  public static short[] fromPcm16Le(byte[] bytes) {
    short[] out = new short[bytes.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
    }
    return out;
  }

  public static byte[] toMuLaw(short[] samples) {
    byte[] out = new byte[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = muLaw(samples[i]);
    }
    return out;
  }

  public static byte[] toALaw(short[] samples) {
    byte[] out = new byte[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = aLaw(samples[i]);
    }
    return out;
  }

  /** G.711 µ-law encoding of one sample (ITU-T G.711, as in the classic Sun reference code). */
  public static byte muLaw(short sample) {
    final int bias = 0x84;
    final int clip = 32635;
    int pcm = sample;
    int sign = 0;
    if (pcm < 0) {
      sign = 0x80;
      pcm = -pcm;
    }
    if (pcm > clip) {
      pcm = clip;
    }
    pcm += bias;
    int exponent = 7;
    for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (pcm >> (exponent + 3)) & 0x0F;
    return (byte) (~(sign | (exponent << 4) | mantissa) & 0xFF);
  }

  /** G.711 µ-law decoding of one byte. */
  public static short muLawDecode(byte b) {
    int u = ~b & 0xFF;
    int t = ((u & 0x0F) << 3) + 0x84;
    t <<= (u & 0x70) >> 4;
    return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
  }

  /** G.711 A-law encoding of one sample. */
  public static byte aLaw(short sample) {
    int pcm = sample >> 3; // 13-bit magnitude range
    int mask;
    if (pcm >= 0) {
      mask = 0xD5;
    } else {
      mask = 0x55;
      pcm = -pcm - 1;
    }
    int segment = 0;
    int bound = 0x1F;
    while (segment < 8 && pcm > bound) {
      segment++;
      bound = (bound << 1) | 1;
    }
    if (segment >= 8) {
      return (byte) (0x7F ^ mask);
    }
    int aval = segment << 4;
    aval |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
    return (byte) (aval ^ mask);
  }

  /** G.711 A-law decoding of one byte. */
  public static short aLawDecode(byte b) {
    int a = (b & 0xFF) ^ 0x55;
    int t = (a & 0x0F) << 4;
    int segment = (a & 0x70) >> 4;
    switch (segment) {
      case 0 -> t += 8;
      case 1 -> t += 0x108;
      default -> {
        t += 0x108;
        t <<= segment - 1;
      }
    }
    return (short) ((a & 0x80) != 0 ? t : -t);
  }
}
