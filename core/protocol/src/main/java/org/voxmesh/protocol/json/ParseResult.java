package org.voxmesh.protocol.json;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.error.RealtimeError;

/** The outcome of parsing one client frame: the event, or the {@code error} to send back (session stays open). */
public sealed interface ParseResult {

  /** A valid client event. */
  record Parsed(ClientEvent event) implements ParseResult {
    public Parsed {
      requireNonNull(event, "event");
    }
  }

  /** The protocol error for the frame; {@code error.event_id} echoes the client's id when it could be read. */
  record Failed(RealtimeError error) implements ParseResult {
    public Failed {
      requireNonNull(error, "error");
    }
  }
}
