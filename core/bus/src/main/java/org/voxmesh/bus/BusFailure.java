package org.voxmesh.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/** Why a bus request was refused. The integer codes are the wire contract: never reorder. */
public enum BusFailure {
  /** The engine or pipeline is at capacity; retrying later may work. */
  OVERLOADED(503),
  /** The per-session resource is gone (closed or its node died). */
  SESSION_UNKNOWN(404),
  /** The request itself is invalid. */
  BAD_REQUEST(400),
  /** An engine or internal failure. */
  INTERNAL(500);

  private final int code;

  BusFailure(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** A failure carrying its kind across the bus. */
  public BusException exception(String message) {
    return new BusException(this, message);
  }

  static int codeOf(Throwable failure) {
    return failure instanceof BusException be ? be.failure().code() : INTERNAL.code();
  }

  /** The kind of a failed request's error, or null when it was not a refusal by a handler. */
  public static BusFailure of(Throwable failure) {
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      for (BusFailure f : values()) {
        if (f.code == re.failureCode()) {
          return f;
        }
      }
      return INTERNAL;
    }
    return null;
  }

  /** True when nobody serves the address any more (e.g. the owning node died). */
  public static boolean isNoHandler(Throwable failure) {
    return failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }

  /** An exception that carries a {@link BusFailure} kind. */
  public static final class BusException extends RuntimeException {
    private final BusFailure failure;

    BusException(BusFailure failure, String message) {
      super(message, null, false, false);
      this.failure = failure;
    }

    public BusFailure failure() {
      return failure;
    }
  }
}
