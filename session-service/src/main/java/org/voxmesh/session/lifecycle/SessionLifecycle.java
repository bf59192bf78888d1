package org.voxmesh.session.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.voxmesh.bus.kafka.SessionEventRecord;

/**
 * Follows each session of this session-service instance from open to close: the {@code voxmesh_sessions_*}
 * meters and, when Kafka is configured, the {@code session.created} / {@code session.closed} records.
 */
public final class SessionLifecycle {

  private final String instance;
  private final SessionEventPublisher publisher;
  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
  private final Counter audioSeconds;

  /** @param publisher null when lifecycle records are off */
  public SessionLifecycle(String instance, SessionEventPublisher publisher, MeterRegistry registry) {
    this.instance = instance;
    this.publisher = publisher;
    this.registry = registry;
    this.audioSeconds = Counter.builder("voxmesh.session.audio.input").baseUnit("seconds")
        .description("Input audio clients appended").register(registry);
  }

  public String instance() {
    return instance;
  }

  /** A session started (its session.created went to the client). */
  public Tracker opened(String sessionId, String sessionType, String model) {
    active.computeIfAbsent(sessionType, type -> {
      AtomicInteger count = new AtomicInteger();
      Gauge.builder("voxmesh.sessions.active", count, AtomicInteger::get).tag("type", type)
          .description("Sessions connected to this instance").register(registry);
      return count;
    }).incrementAndGet();
    Counter.builder("voxmesh.sessions.opened").tag("type", sessionType).description("Sessions started")
        .register(registry).increment();
    Tracker tracker = new Tracker(sessionId, sessionType, model);
    if (publisher != null) {
      publisher.publish(SessionEventRecord.created(sessionId, tracker.openedAt, sessionType, model, instance));
    }
    return tracker;
  }

  /** One session's usage so far; used on its connection's event loop only. */
  public final class Tracker {
    private final String sessionId;
    private final String sessionType;
    private final String model;
    private final Instant openedAt = Instant.now();
    private final long openedNanos = System.nanoTime();
    private long audioMs;
    private int transcripts;
    private boolean closed;

    private Tracker(String sessionId, String sessionType, String model) {
      this.sessionId = sessionId;
      this.sessionType = sessionType;
      this.model = model;
    }

    public void audio(long ms) {
      audioMs += ms;
      audioSeconds.increment(ms / 1000.0);
    }

    public void transcribed() {
      transcripts++;
    }

    /** @param closeCode the WebSocket close code, or null when the connection dropped without one */
    public void closed(Integer closeCode, String reason) {
      if (closed) {
        return;
      }
      closed = true;
      active.get(sessionType).decrementAndGet();
      Counter.builder("voxmesh.sessions.closed").tag("type", sessionType)
          .tag("close_code", closeCode == null ? "none" : closeCode.toString())
          .description("Sessions ended, by WebSocket close code").register(registry).increment();
      if (publisher != null) {
        long durationMs = (System.nanoTime() - openedNanos) / 1_000_000;
        publisher.publish(SessionEventRecord.closed(sessionId, 2, Instant.now(), sessionType, model, instance,
            closeCode, reason, durationMs, audioMs, transcripts));
      }
    }
  }
}
