package org.voxmesh.speech.responder;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Settings of the embedded {@link RuleResponder}.
 *
 * @param maxConcurrent the most responses streaming at once; beyond it {@code respond} refuses
 *     (default {@value #DEFAULT_MAX_CONCURRENT})
 * @param wordDelay a pause between streamed pieces, to mimic a model's pacing (so barge-in and
 *     cancellation can be tried out); default zero (everything is ready at once)
 * @param timeZone the zone "what time is it" answers in (default: the JVM's)
 */
public record RuleResponderConfig(int maxConcurrent, Duration wordDelay, ZoneId timeZone) {

  public static final int DEFAULT_MAX_CONCURRENT = 64;

  public RuleResponderConfig {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
    }
    wordDelay = wordDelay == null ? Duration.ZERO : wordDelay;
    if (wordDelay.isNegative() || wordDelay.compareTo(Duration.ofSeconds(10)) > 0) {
      throw new IllegalArgumentException("wordDelay must be within 0..10 s, got " + wordDelay);
    }
    timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
  }

  public static RuleResponderConfig defaults() {
    return new RuleResponderConfig(DEFAULT_MAX_CONCURRENT, Duration.ZERO, null);
  }

  public RuleResponderConfig withMaxConcurrent(int n) {
    return new RuleResponderConfig(n, wordDelay, timeZone);
  }

  public RuleResponderConfig withWordDelay(Duration d) {
    return new RuleResponderConfig(maxConcurrent, d, timeZone);
  }

  public RuleResponderConfig withTimeZone(ZoneId z) {
    return new RuleResponderConfig(maxConcurrent, wordDelay, z);
  }
}
