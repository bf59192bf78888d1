package org.voxmesh.runtime.ops;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Whether a process should get traffic: after its services deployed, before its drain began, and
 * while every check a service registered passes (e.g. "my Kafka consumers poll").
 */
public final class Readiness {

  private volatile boolean started;
  private volatile boolean draining;
  private final List<BooleanSupplier> checks = new CopyOnWriteArrayList<>();

  public void started() {
    started = true;
  }

  public void draining() {
    draining = true;
  }

  public void addCheck(BooleanSupplier check) {
    checks.add(check);
  }

  public boolean ready() {
    return started && !draining && checks.stream().allMatch(BooleanSupplier::getAsBoolean);
  }

  /** A word for the readiness body: starting, ready, draining or not-ready. */
  public String state() {
    if (draining) {
      return "draining";
    }
    if (!started) {
      return "starting";
    }
    return ready() ? "ready" : "not-ready";
  }
}
