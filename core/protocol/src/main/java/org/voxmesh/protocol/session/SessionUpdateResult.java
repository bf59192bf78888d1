package org.voxmesh.protocol.session;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.error.RealtimeError;

/** The outcome of a {@code session.update}: the new effective config, or the error (nothing applied). */
public sealed interface SessionUpdateResult {

  /** The update was valid; {@link #config()} is the new effective config. */
  record Applied(SessionConfig config) implements SessionUpdateResult {
    public Applied {
      requireNonNull(config, "config");
    }
  }

  /** The update was rejected; the current config stays as it was. */
  record Rejected(RealtimeError error) implements SessionUpdateResult {
    public Rejected {
      requireNonNull(error, "error");
    }
  }
}
