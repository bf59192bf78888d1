package org.voxmesh.webhook.dispatch;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one endpoint's dispatcher. Written on the dispatcher's event loop, read from anywhere (the admin
 * server), hence the atomics.
 */
public final class DispatchStats {

  final AtomicLong received = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong invalid = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong pauses = new AtomicLong();
  final AtomicLong commits = new AtomicLong();
  final AtomicInteger inFlight = new AtomicInteger();
  final Map<String, Long> committed = new ConcurrentHashMap<>();
  volatile boolean paused;
  volatile boolean ready;
  volatile long attempts;
  volatile long failedAttempts;

  public long received() {
    return received.get();
  }

  public long delivered() {
    return delivered.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  public int inFlight() {
    return inFlight.get();
  }

  public long pauses() {
    return pauses.get();
  }

  public boolean ready() {
    return ready;
  }

  /** Committed offsets by {@code topic-partition}. */
  public Map<String, Long> committedOffsets() {
    return new TreeMap<>(committed);
  }

  public JsonObject toJson() {
    JsonObject offsets = new JsonObject();
    committedOffsets().forEach(offsets::put);
    return new JsonObject()
        .put("ready", ready)
        .put("received", received.get())
        .put("delivered", delivered.get())
        .put("dead_lettered", deadLettered.get())
        .put("invalid", invalid.get())
        .put("skipped", skipped.get())
        .put("attempts", attempts)
        .put("failed_attempts", failedAttempts)
        .put("in_flight", inFlight.get())
        .put("paused", paused)
        .put("pauses", pauses.get())
        .put("commits", commits.get())
        .put("committed_offsets", offsets);
  }
}
