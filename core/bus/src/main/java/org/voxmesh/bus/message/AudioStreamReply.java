package org.voxmesh.bus.message;

/** Replies from the audio gateway to an {@link AudioStreamRequest}. */
public sealed interface AudioStreamReply extends BusMessage {

  /**
   * The stream is open as transcription session {@code sessionId} (the key of its records on
   * {@code voxmesh.transcripts.v1}); send its chunks and end to {@code address}.
   */
  record Started(String streamId, String sessionId, String address) implements AudioStreamReply {}

  /** Chunk {@code seq} was taken by the pipeline, or dropped as a duplicate ({@code duplicate}). */
  record ChunkTaken(String streamId, long seq, boolean duplicate) implements AudioStreamReply {}

  /** The stream is closed; {@code turns} turns were committed for transcription. */
  record Ended(String streamId, String sessionId, int turns) implements AudioStreamReply {}
}
