package org.voxmesh.speech.responder;

/** The responder has no free capacity right now; retrying later may succeed. */
public final class ResponderOverloadedException extends RuntimeException {
  public ResponderOverloadedException(String message) {
    super(message);
  }
}
