package org.voxmesh.audio;

import java.util.Arrays;

/** Test signals and the measurements made on them. */
public final class Signals {

  private Signals() {}

  public static short[] tone(double frequency, double amplitude, int rate, double seconds) {
    short[] out = new short[(int) Math.round(rate * seconds)];
    for (int n = 0; n < out.length; n++) {
      out[n] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * n / rate));
    }
    return out;
  }

  /** The middle part of a signal, away from start-up and flush edges. */
  public static short[] middle(short[] samples, double fractionCut) {
    int cut = (int) (samples.length * fractionCut);
    return Arrays.copyOfRange(samples, cut, samples.length - cut);
  }

  public static double rms(short[] samples) {
    double sum = 0;
    for (short s : samples) {
      sum += (double) s * s;
    }
    return Math.sqrt(sum / samples.length);
  }

  public static double db(double ratio) {
    return 20 * Math.log10(ratio);
  }

  /** A least-squares fit of a sine of known frequency (plus DC) and what is left over. */
  public record SineFit(double amplitude, double residualRms) {

    /** THD+N: everything that is not the tone, relative to the tone, in dB. */
    public double thdPlusNoiseDb() {
      return db(residualRms / (amplitude / Math.sqrt(2)));
    }
  }

  public static SineFit fitSine(short[] x, double frequency, int rate) {
    // Normal equations for a*sin + b*cos + c; the basis is nearly orthogonal over many periods.
    double[][] m = new double[3][4];
    for (int n = 0; n < x.length; n++) {
      double w = 2 * Math.PI * frequency * n / rate;
      double[] basis = {Math.sin(w), Math.cos(w), 1};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          m[r][c] += basis[r] * basis[c];
        }
        m[r][3] += basis[r] * x[n];
      }
    }
    double[] coef = solve3(m);
    double residual = 0;
    for (int n = 0; n < x.length; n++) {
      double w = 2 * Math.PI * frequency * n / rate;
      double e = x[n] - (coef[0] * Math.sin(w) + coef[1] * Math.cos(w) + coef[2]);
      residual += e * e;
    }
    return new SineFit(Math.hypot(coef[0], coef[1]), Math.sqrt(residual / x.length));
  }

  /** Signal-to-noise ratio of {@code actual} against {@code reference}, in dB, over the common length. */
  public static double snrDb(short[] reference, short[] actual) {
    int n = Math.min(reference.length, actual.length);
    double signal = 0;
    double noise = 0;
    for (int i = 0; i < n; i++) {
      signal += (double) reference[i] * reference[i];
      double e = actual[i] - reference[i];
      noise += e * e;
    }
    return 10 * Math.log10(signal / Math.max(noise, 1e-9));
  }

  public static short[] concat(short[]... parts) {
    int total = 0;
    for (short[] p : parts) {
      total += p.length;
    }
    short[] out = new short[total];
    int pos = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  private static double[] solve3(double[][] m) {
    for (int col = 0; col < 3; col++) {
      int pivot = col;
      for (int r = col + 1; r < 3; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = m[col];
      m[col] = m[pivot];
      m[pivot] = tmp;
      for (int r = 0; r < 3; r++) {
        if (r != col) {
          double f = m[r][col] / m[col][col];
          for (int c = col; c < 4; c++) {
            m[r][c] -= f * m[col][c];
          }
        }
      }
    }
    return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
  }
}
