package org.voxmesh.webhook;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: exponential backoff with full jitter, until a deadline counted from
 * the first attempt. After attempt {@code n} fails, the next one waits a uniformly random time in
 * {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]}; when that would start after the deadline, the delivery
 * is given up (and dead-lettered). Full jitter spreads the retries of many deliveries that failed together
 * (a receiver restart), so they do not come back as one burst.
 *
 * @param initialBackoff upper bound of the wait after the first failure
 * @param maxBackoff cap of the exponential bound
 * @param deadline how long after the first attempt a new attempt may still start
 * @param requestTimeout one attempt's limit: connect, send, and the whole response
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration deadline, Duration requestTimeout) {

  public RetryPolicy {
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    positive(deadline, "deadline");
    positive(requestTimeout, "requestTimeout");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff: " + maxBackoff + " (expected: >= initialBackoff " + initialBackoff + ")");
    }
  }

  /** The upper bound of the wait after {@code failedAttempts} failures (1 = after the first attempt). */
  public long backoffBoundMillis(int failedAttempts) {
    long initial = initialBackoff.toMillis();
    int shift = Math.min(Math.max(failedAttempts - 1, 0), 40);
    long bound = initial > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initial << shift;
    return Math.min(bound, maxBackoff.toMillis());
  }

  /** A full-jitter wait after {@code failedAttempts} failures; {@code random} yields values in [0, 1). */
  public long backoffMillis(int failedAttempts, DoubleSupplier random) {
    return (long) Math.floor(random.getAsDouble() * (backoffBoundMillis(failedAttempts) + 1));
  }

  /** The same policy with another deadline (replays use a shorter one). */
  public RetryPolicy withDeadline(Duration newDeadline) {
    return new RetryPolicy(initialBackoff, maxBackoff, newDeadline, requestTimeout);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
  }
}
