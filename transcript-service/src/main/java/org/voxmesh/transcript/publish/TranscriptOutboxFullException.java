package org.voxmesh.transcript.publish;

/**
 * The transcript outbox reached its size limit ({@code transcripts.outbox.max.mb}) while Kafka was unreachable:
 * the transcript was NOT stored and will not reach Kafka. The message says where, how full and since when.
 */
public class TranscriptOutboxFullException extends TranscriptSinkOverloadedException {

  public TranscriptOutboxFullException(String message) {
    super(message);
  }
}
