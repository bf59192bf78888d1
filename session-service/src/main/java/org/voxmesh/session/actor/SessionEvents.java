package org.voxmesh.session.actor;

/**
 * What a transcription session tells its client, in protocol terms but without wire types: the
 * connection maps each call to exactly one GA (or later beta) server event. Keeping this seam lets
 * the session logic be tested without sockets or JSON.
 */
public interface SessionEvents {

  void speechStarted(String itemId, long audioStartMs);

  void speechStopped(String itemId, long audioEndMs);

  /** {@code input_audio_buffer.committed} followed by the user item's added/done events. */
  void committed(String itemId, String previousItemId);

  void cleared();

  /** {@code input_audio_buffer.timeout_triggered}, then the silent turn is committed like any other. */
  void idleTimeout(String itemId, long audioStartMs, long audioEndMs);

  void transcriptionDelta(String itemId, String delta);

  void transcriptionCompleted(String itemId, String transcript, double audioSeconds);

  void transcriptionFailed(String itemId, String code, String message);

  /** An {@code error} event (type invalid_request_error) answering the client event {@code clientEventId} (may be null). */
  void clientError(String code, String message, String param, String clientEventId);

  /** An {@code error} event (type server_error): something failed on our side. */
  void serverError(String message, String clientEventId);
}
