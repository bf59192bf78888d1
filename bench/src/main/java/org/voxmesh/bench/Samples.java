package org.voxmesh.bench;

import java.util.Arrays;

/** A growable array of millisecond values (no boxing: echo runs collect millions). Not thread-safe. */
final class Samples {

  private double[] values = new double[256];
  private int size;

  void add(double v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  void addAll(Samples other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  int size() {
    return size;
  }

  /** Percentiles of a copy (this stays unsorted). */
  Stats stats() {
    return Stats.of(Arrays.copyOf(values, size), size);
  }
}
