package org.voxmesh.speech.engine.upstream;

import org.voxmesh.speech.tts.SynthesisException;

/**
 * The upstream speech service failed: it answered with a non-2xx status (see {@link #status()} and
 * {@link #upstreamMessage()}), answered something that is not raw PCM, stalled, or could not be
 * reached ({@link #status()} is 0 when there was no HTTP answer).
 */
public final class OpenAiCompatibleSpeechException extends SynthesisException {

  private final int status;
  private final String upstreamMessage;

  public OpenAiCompatibleSpeechException(
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
