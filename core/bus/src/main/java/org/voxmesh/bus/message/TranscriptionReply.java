package org.voxmesh.bus.message;

/** Replies from the transcript service. */
public sealed interface TranscriptionReply extends BusMessage {

  /** Further requests for the session go to {@code address}. */
  record Opened(String address, String instanceId) implements TranscriptionReply {}

  /** The request was taken. */
  record Accepted() implements TranscriptionReply {}
}
