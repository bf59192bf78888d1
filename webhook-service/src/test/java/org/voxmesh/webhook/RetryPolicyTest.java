package org.voxmesh.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5),
      Duration.ofMinutes(1), Duration.ofSeconds(1));

  @Test
  @DisplayName("The bound doubles per failure up to the cap, and the jittered wait spans [0, bound]")
  void exponentialWithFullJitter() {
    assertThat(policy.backoffBoundMillis(1)).isEqualTo(100);
    assertThat(policy.backoffBoundMillis(2)).isEqualTo(200);
    assertThat(policy.backoffBoundMillis(6)).isEqualTo(3200);
    assertThat(policy.backoffBoundMillis(7)).isEqualTo(5000);
    assertThat(policy.backoffBoundMillis(1000)).isEqualTo(5000);
    assertThat(policy.backoffMillis(3, () -> 0.0)).isZero();
    assertThat(policy.backoffMillis(3, () -> 0.999999)).isEqualTo(400);
    assertThat(policy.backoffMillis(3, () -> 0.5)).isEqualTo(200);
  }
}
