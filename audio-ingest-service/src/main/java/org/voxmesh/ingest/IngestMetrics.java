package org.voxmesh.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.IntSupplier;
import org.voxmesh.runtime.ops.Meters;

/**
 * What an ingest instance reports at /metrics. The VAD pool's queue depth comes from Vert.x itself
 * ({@code vertx_pool_queue_pending{pool_name="voxmesh-vad"}}).
 */
record IngestMetrics(Timer vadStep, Counter turns) {

  static IngestMetrics register(MeterRegistry registry, IntSupplier sessions) {
    Gauge.builder("voxmesh.ingest.sessions", sessions::getAsInt)
        .description("Sessions whose audio pipeline lives on this instance")
        .register(registry);
    return new IngestMetrics(
        Meters.latency(registry, "voxmesh.vad.step", "Time to decode, resample and run VAD + turn detection on one audio chunk"),
        Counter.builder("voxmesh.ingest.turns").description("Turns detected or committed (speech stopped / commit)")
            .register(registry));
  }
}
