package org.voxmesh.transcript.publish;

/** Too many transcripts are waiting for Kafka acknowledgements; the caller decides whether to retry later. */
public class TranscriptSinkOverloadedException extends RuntimeException {

  public TranscriptSinkOverloadedException(String message) {
    super(message, null, false, false); // expected under load: no stack trace to fill
  }
}
