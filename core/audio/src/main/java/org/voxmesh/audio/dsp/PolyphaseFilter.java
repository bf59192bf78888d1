package org.voxmesh.audio.dsp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The anti-alias / anti-image kernel for one reduced rate ratio {@code up/down}: a Kaiser-windowed
 * sinc, sampled once for each of the {@code up} output phases. Immutable and shared between streams.
 *
 * <p>Output sample {@code n} lies at input position {@code n * down / up}; with {@code i} its integer
 * part and {@code phase} the remainder ({@code 0..up-1}), it is the dot product of the input samples
 * {@code i - halfTaps .. i + halfTaps} with {@code coefficients[phase * taps ..]}.
 */
final class PolyphaseFilter {

  /** Kaiser β: about 80 dB of stop-band attenuation. */
  static final double KAISER_BETA = 8.0;
  /** Zero crossings of the sinc on each side of the centre: sets the transition band's width. */
  static final int ZERO_CROSSINGS = 24;
  /** Cut-off as a fraction of the lower of the two Nyquist frequencies. */
  static final double CUTOFF = 0.94;
  /** Bound on the table (phases x taps), so an odd rate pair cannot take unbounded memory. */
  static final int MAX_COEFFICIENTS = 4 << 20;

  private static final Map<Long, PolyphaseFilter> CACHE = new ConcurrentHashMap<>();

  final int up;
  final int down;
  final int halfTaps;
  final int taps;
  final float[] coefficients;

  private PolyphaseFilter(int up, int down) {
    this.up = up;
    this.down = down;
    // Cut-off in cycles per input sample: below the output's Nyquist when downsampling.
    double cutoff = CUTOFF * 0.5 * Math.min(1.0, (double) up / down);
    double halfWidth = ZERO_CROSSINGS / (2 * cutoff); // in input samples
    this.halfTaps = (int) Math.ceil(halfWidth);
    this.taps = 2 * halfTaps + 1;
    long size = (long) up * taps;
    if (size > MAX_COEFFICIENTS) {
      throw new IllegalArgumentException("rate ratio " + up + "/" + down + " needs " + size
          + " filter coefficients (expected: at most " + MAX_COEFFICIENTS + "; pick rates with a larger common divisor)");
    }
    this.coefficients = new float[(int) size];
    double i0Beta = besselI0(KAISER_BETA);
    for (int phase = 0; phase < up; phase++) {
      for (int t = 0; t < taps; t++) {
        double tau = (halfTaps - t) + (double) phase / up; // distance from the output position
        coefficients[phase * taps + t] = (float) kernel(tau, cutoff, halfWidth, i0Beta);
      }
    }
  }

  /** The filter for {@code inputRate -> outputRate}, built on first use. */
  static PolyphaseFilter forRates(int inputRate, int outputRate) {
    int gcd = gcd(inputRate, outputRate);
    int up = outputRate / gcd;
    int down = inputRate / gcd;
    return CACHE.computeIfAbsent(((long) up << 32) | down, k -> new PolyphaseFilter(up, down));
  }

  private static double kernel(double tau, double cutoff, double halfWidth, double i0Beta) {
    if (Math.abs(tau) >= halfWidth) {
      return 0;
    }
    double x = 2 * cutoff * tau;
    double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    double r = tau / halfWidth;
    double window = besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
    return 2 * cutoff * sinc * window; // 2*cutoff: unity gain at DC
  }

  /** Modified Bessel function of the first kind, order 0 (power series; converges fast for x <= 10). */
  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double quarterSquare = x * x / 4;
    for (int k = 1; term > 1e-12 * sum; k++) {
      term *= quarterSquare / ((double) k * k);
      sum += term;
    }
    return sum;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
