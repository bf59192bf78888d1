package org.voxmesh.runtime.kafka;

/** Stands in for kafka.Kafka in the watchdog test: a main that never returns on its own. */
public final class SleepForeverMain {
  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(Long.MAX_VALUE);
  }
}
