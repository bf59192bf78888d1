package org.voxmesh.ingest.pipeline;

/**
 * The most recent samples of a stream, addressed by absolute sample index (counted from the start
 * of the session). Holds a bounded window; older samples are overwritten.
 */
final class SampleRing {

  private final short[] ring;
  private long end; // absolute index one past the newest sample

  SampleRing(int capacitySamples) {
    this.ring = new short[Math.max(1, capacitySamples)];
  }

  int capacity() {
    return ring.length;
  }

  /** A ring of another size holding the same clock and as much of the newest audio as fits. */
  SampleRing withCapacity(int capacitySamples) {
    SampleRing copy = new SampleRing(capacitySamples);
    long from = Math.max(start(), end - copy.ring.length);
    copy.end = from;
    copy.append(copy(from, end));
    return copy;
  }

  void append(short[] samples) {
    for (short s : samples) {
      ring[(int) (end % ring.length)] = s;
      end++;
    }
  }

  /** Absolute index of the oldest sample still held. */
  long start() {
    return Math.max(0, end - ring.length);
  }

  long end() {
    return end;
  }

  /** Copies samples [from, to), clamped to what is held. */
  short[] copy(long from, long to) {
    long lo = Math.max(from, start());
    long hi = Math.min(to, end);
    if (hi <= lo) {
      return new short[0];
    }
    short[] out = new short[(int) (hi - lo)];
    for (int i = 0; i < out.length; i++) {
      out[i] = ring[(int) ((lo + i) % ring.length)];
    }
    return out;
  }
}
