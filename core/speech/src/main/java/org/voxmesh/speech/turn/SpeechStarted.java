package org.voxmesh.speech.turn;

/**
 * The user started speaking.
 *
 * @param audioStartMs where the turn's audio begins: the speech onset minus the prefix padding, not
 *     before 0 (OpenAI's {@code audio_start_ms})
 */
public record SpeechStarted(long audioStartMs) implements TurnEvent {}
