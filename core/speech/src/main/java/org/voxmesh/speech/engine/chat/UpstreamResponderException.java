package org.voxmesh.speech.engine.chat;

/**
 * The upstream Chat Completions server failed: it answered a non-2xx status (see {@link #status()}
 * and {@link #upstreamMessage()}), streamed something unreadable, broke off, or could not be
 * reached in time ({@link #status()} is 0).
 */
public final class UpstreamResponderException extends RuntimeException {

  private final int status;
  private final String upstreamMessage;

  public UpstreamResponderException(
      String message, int status, String upstreamMessage, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.upstreamMessage = upstreamMessage;
  }

  /** The HTTP status the upstream answered with, or 0 when there was no HTTP answer. */
  public int status() {
    return status;
  }

  /** The upstream's own error message (e.g. OpenAI's {@code error.message}), or null. */
  public String upstreamMessage() {
    return upstreamMessage;
  }
}
