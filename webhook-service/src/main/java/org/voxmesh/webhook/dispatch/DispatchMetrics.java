package org.voxmesh.webhook.dispatch;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** One webhook endpoint's delivery counters at /metrics, tagged {@code endpoint=<id>}. */
public final class DispatchMetrics {

  private DispatchMetrics() {}

  public static void register(MeterRegistry registry, String endpointId, DispatchStats stats) {
    counter(registry, endpointId, stats, "voxmesh.webhook.events.received", "Events read from Kafka for this endpoint",
        s -> s.received.get());
    counter(registry, endpointId, stats, "voxmesh.webhook.deliveries", "Events the endpoint acknowledged with a 2xx",
        s -> s.delivered.get());
    counter(registry, endpointId, stats, "voxmesh.webhook.dead.lettered", "Events given up on and written to the DLQ",
        s -> s.deadLettered.get());
    counter(registry, endpointId, stats, "voxmesh.webhook.attempts", "HTTP attempts, first tries and retries",
        s -> s.attempts);
    counter(registry, endpointId, stats, "voxmesh.webhook.retries", "Failed attempts (each one is retried or dead-lettered)",
        s -> s.failedAttempts);
    Gauge.builder("voxmesh.webhook.in.flight", stats, s -> s.inFlight.get()).tag("endpoint", endpointId)
        .description("Events being delivered now").register(registry);
  }

  private static void counter(MeterRegistry registry, String endpointId, DispatchStats stats, String name,
      String description, ToDoubleFunction<DispatchStats> value) {
    FunctionCounter.builder(name, stats, value).tag("endpoint", endpointId).description(description).register(registry);
  }
}
