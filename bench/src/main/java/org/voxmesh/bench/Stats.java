package org.voxmesh.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Percentiles over a finite sample (nearest-rank on the sorted values), in milliseconds. */
public record Stats(int count, double p50, double p95, double p99, double max, double mean) {

  public static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public static Stats of(Collection<Double> values) {
    double[] a = new double[values.size()];
    int i = 0;
    for (double v : values) {
      a[i++] = v;
    }
    return of(a, a.length);
  }

  /** Over the first {@code n} values of {@code values} (sorted in place). */
  public static Stats of(double[] values, int n) {
    if (n == 0) {
      return EMPTY;
    }
    Arrays.sort(values, 0, n);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += values[i];
    }
    return new Stats(n, rank(values, n, 0.50), rank(values, n, 0.95), rank(values, n, 0.99), values[n - 1], sum / n);
  }

  /** Nearest rank: the smallest value with at least {@code q} of the sample at or below it. */
  static double rank(double[] sorted, int n, double q) {
    int index = (int) Math.ceil(q * n) - 1;
    return sorted[Math.max(0, Math.min(n - 1, index))];
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("p50_ms", round(p50));
    m.put("p95_ms", round(p95));
    m.put("p99_ms", round(p99));
    m.put("max_ms", round(max));
    m.put("mean_ms", round(mean));
    return m;
  }

  static Object round(double v) {
    if (Double.isNaN(v)) {
      return null;
    }
    return Double.isInfinite(v) ? "never" : (Object) (Math.round(v * 10) / 10.0);
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? "never" : String.format(Locale.ROOT, "%.1f", v);
  }
}
