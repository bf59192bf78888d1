package org.voxmesh.runtime.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The one latency histogram shape every service uses, so dashboards can compare them. */
public final class Meters {

  /** Bucket bounds from 1 ms (a VAD step) to 10 s (a slow upstream). */
  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private Meters() {}

  /** A timer exported as a Prometheus histogram ({@code <name>_seconds_bucket}). */
  public static Timer latency(MeterRegistry registry, String name, String description, String... tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }
}
