package org.voxmesh.webhook.delivery;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs tasks one after another per key and concurrently across keys. The key is the session id, so one
 * session's events reach a receiver in order while other sessions proceed. Used by one event-loop context only.
 */
public final class KeyedSequencer {

  private final Map<String, Future<?>> tails = new HashMap<>();

  /** Starts {@code task} once every earlier task of {@code key} has completed (successfully or not). */
  public <T> Future<T> submit(String key, Supplier<Future<T>> task) {
    Future<?> tail = tails.get(key);
    Future<T> next = tail == null ? start(task) : tail.transform(ignored -> start(task));
    tails.put(key, next);
    next.onComplete(ignored -> tails.remove(key, next));
    return next;
  }

  /** Keys with a task running or waiting. */
  public int activeKeys() {
    return tails.size();
  }

  private static <T> Future<T> start(Supplier<Future<T>> task) {
    try {
      return task.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
