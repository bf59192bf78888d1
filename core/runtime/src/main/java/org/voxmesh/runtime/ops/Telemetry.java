package org.voxmesh.runtime.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The metrics registry of each {@link Vertx} the runtime builds. Vert.x records its own meters there
 * (HTTP/WebSocket connections, event bus traffic, worker pool queues, JVM), services add theirs
 * ({@code voxmesh_*}), and the ops server exposes it at {@code /metrics} in the Prometheus format.
 *
 * <p>Vert.x's default labels are kept: they leave out the event-bus address, which here names one
 * session and would make a new time series per session.
 */
public final class Telemetry {

  private static final Map<Vertx, PrometheusMeterRegistry> REGISTRIES = Collections.synchronizedMap(new WeakHashMap<>());
  private static final AtomicInteger NAMES = new AtomicInteger();
  /** For a Vertx built elsewhere (component tests): meters work, nothing exposes them. */
  private static final MeterRegistry DETACHED = new SimpleMeterRegistry();

  private Telemetry() {}

  /** A builder whose Vertx records metrics into a fresh Prometheus registry; call {@link #attach} on the result. */
  public static Instrumented instrument(VertxOptions options) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // A registry name per Vertx: Vert.x would otherwise share one backend between Vertx instances of a JVM.
    options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setRegistryName("voxmesh-" + NAMES.incrementAndGet()));
    VertxBuilder builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
    return new Instrumented(builder, registry);
  }

  public record Instrumented(VertxBuilder builder, PrometheusMeterRegistry registry) {
    public Vertx attach(Vertx vertx) {
      REGISTRIES.put(vertx, registry);
      return vertx;
    }
  }

  /** Where a service running on {@code vertx} records its meters. */
  public static MeterRegistry registry(Vertx vertx) {
    PrometheusMeterRegistry registry = REGISTRIES.get(vertx);
    return registry != null ? registry : DETACHED;
  }

  /** The registry {@code /metrics} scrapes, or null for a Vertx the runtime did not build. */
  public static PrometheusMeterRegistry prometheus(Vertx vertx) {
    return REGISTRIES.get(vertx);
  }
}
