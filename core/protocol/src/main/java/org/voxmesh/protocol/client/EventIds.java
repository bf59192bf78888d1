package org.voxmesh.protocol.client;

import org.voxmesh.protocol.error.Checks;

/** Validation of the client {@code event_id}. */
final class EventIds {

  private EventIds() {}

  static void check(String eventId) {
    Checks.maxLength(eventId, ClientEvent.MAX_EVENT_ID_LENGTH, "event_id");
  }
}
