package org.voxmesh.webhook.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * At most {@code permits} tasks running at once; the rest wait in arrival order. Used by one event-loop context
 * only (no locking): the HTTP pool then never queues, so a request's timeout measures the receiver, not our queue.
 */
final class ConcurrencyLimiter {

  private final int permits;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  ConcurrencyLimiter(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits: " + permits + " (expected: >= 1)");
    }
    this.permits = permits;
  }

  <T> Future<T> run(Supplier<Future<T>> task) {
    Promise<T> result = Promise.promise();
    Runnable start = () -> {
      running++;
      Future<T> f;
      try {
        f = task.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        running--;
        Runnable next = waiting.poll();
        if (next != null) {
          next.run();
        }
        result.handle(ar);
      });
    };
    if (running < permits) {
      start.run();
    } else {
      waiting.add(start);
    }
    return result.future();
  }

  int running() {
    return running;
  }

  int waiting() {
    return waiting.size();
  }
}
