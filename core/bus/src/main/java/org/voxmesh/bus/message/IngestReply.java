package org.voxmesh.bus.message;

/** Replies from the ingest service to a session's requests. */
public sealed interface IngestReply extends BusMessage {

  /** The pipeline exists; further requests go to {@code address} (the owning instance). */
  record Opened(String address, String instanceId) implements IngestReply {}

  /** Audio chunk {@code seq} was processed: one credit back to the sender. */
  record ChunkAck(long seq) implements IngestReply {}

  /** A control request was applied. */
  record Ack() implements IngestReply {}

  /** A manual commit became item {@code itemId} covering the given stretch of session audio. */
  record Committed(String itemId, String previousItemId, long audioStartMs, long audioEndMs) implements IngestReply {}
}
