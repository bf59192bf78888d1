package org.voxmesh.bus.message;

/**
 * Events flowing back into a session's inbox from the ingest and transcript services. Times are
 * milliseconds of session audio (from the first appended byte), not wall clock.
 */
public sealed interface SessionInput extends BusMessage {

  /** The item this event belongs to. */
  String itemId();

  /** Server VAD heard speech begin; {@code itemId} is the id the committed item will get. */
  record SpeechStarted(String itemId, long audioStartMs) implements SessionInput {}

  /** Server VAD heard the speech end and committed the turn as {@code itemId}. */
  record SpeechStopped(String itemId, String previousItemId, long audioStartMs, long audioEndMs) implements SessionInput {}

  /**
   * Server VAD heard nothing for the session's idle timeout: the silence is committed as {@code itemId}
   * (OpenAI's input_audio_buffer.timeout_triggered), so a conversation can prompt the user.
   */
  record IdleTimeout(String itemId, String previousItemId, long audioStartMs, long audioEndMs) implements SessionInput {}

  /** More transcript text for the item; deltas are append-only. */
  record TranscriptDelta(String itemId, String delta) implements SessionInput {}

  /** The final transcript of the item. */
  record TranscriptCompleted(
      String itemId, String transcript, String language, String engine, double audioSeconds) implements SessionInput {}

  /** Transcription of the item failed; {@code code} is a protocol error code. */
  record TranscriptFailed(String itemId, String code, String message) implements SessionInput {}
}
