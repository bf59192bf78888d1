package org.voxmesh.transcript.publish;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** The durable transcript sink at /metrics: what went to Kafka, what waits in the outbox, what failed. */
final class TranscriptSinkMetrics {

  private TranscriptSinkMetrics() {}

  static void register(MeterRegistry registry, DurableTranscriptSink sink, String topic) {
    counter(registry, sink, "voxmesh.transcripts.published", "Transcripts accepted into the outbox",
        s -> s.stats().published());
    counter(registry, sink, "voxmesh.transcripts.delivered", "Transcripts Kafka acknowledged",
        s -> s.stats().delivered() + s.stats().foundInKafka());
    FunctionCounter.builder("voxmesh.kafka.producer.errors", sink, s -> s.stats().dropped() + s.stats().rejectedFull())
        .tag("topic", topic)
        .description("Records a producer gave up on (refused for good by Kafka, or refused because the outbox was full)")
        .register(registry);
    gauge(registry, sink, "voxmesh.transcripts.outbox.pending", "Transcripts in the outbox not yet acknowledged by Kafka",
        s -> s.stats().outboxTranscripts());
    gauge(registry, sink, "voxmesh.transcripts.outbox.bytes", "Bytes the outbox uses on disk", s -> s.stats().outboxBytes());
    gauge(registry, sink, "voxmesh.transcripts.kafka.up", "1 while Kafka takes transcripts, 0 while they wait in the outbox",
        s -> s.stats().state() == DurableTranscriptSink.State.UP ? 1 : 0);
  }

  private static void counter(MeterRegistry registry, DurableTranscriptSink sink, String name, String description,
      ToDoubleFunction<DurableTranscriptSink> value) {
    FunctionCounter.builder(name, sink, value).description(description).register(registry);
  }

  private static void gauge(MeterRegistry registry, DurableTranscriptSink sink, String name, String description,
      ToDoubleFunction<DurableTranscriptSink> value) {
    Gauge.builder(name, sink, value).description(description).strongReference(true).register(registry);
  }
}
