package org.voxmesh.webhook.delivery;

import java.time.Instant;

/** How a delivery (all its attempts) ended. */
public sealed interface DeliveryOutcome {

  int attempts();

  /** A 2xx arrived. */
  record Delivered(int attempts, int status) implements DeliveryOutcome {}

  /** The deadline passed; the caller dead-letters it. */
  record Exhausted(int attempts, AttemptResult.Failed lastFailure, Instant firstAttemptAt) implements DeliveryOutcome {}

  /** The owner stopped (shutdown, partition revoked) before an outcome; nothing is committed for it. */
  record Cancelled(int attempts) implements DeliveryOutcome {}
}
