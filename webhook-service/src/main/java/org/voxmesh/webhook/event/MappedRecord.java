package org.voxmesh.webhook.event;

/** What {@link EventMapper} makes of one source record. */
public sealed interface MappedRecord {

  /** A webhook event to deliver (to the endpoints whose filter accepts its type). */
  record Event(WebhookEvent event) implements MappedRecord {}

  /** Nothing to send: a record type this service does not turn into webhooks, or a tombstone. */
  record Skipped(String reason) implements MappedRecord {}

  /** A record that claims a known type but cannot be read; it is dead-lettered, never retried. */
  record Invalid(String reason) implements MappedRecord {}
}
