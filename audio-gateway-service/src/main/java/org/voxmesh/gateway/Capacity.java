package org.voxmesh.gateway;

/** Streams open on this instance, bus and Kafka together, against {@code gateway.max.streams}. Event-loop confined. */
final class Capacity {

  private final int max;
  private int open;

  Capacity(int max) {
    this.max = max;
  }

  boolean tryAcquire() {
    if (open >= max) {
      return false;
    }
    open++;
    return true;
  }

  void release() {
    open = Math.max(0, open - 1);
  }

  int open() {
    return open;
  }

  int max() {
    return max;
  }
}
