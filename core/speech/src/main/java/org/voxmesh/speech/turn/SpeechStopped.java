package org.voxmesh.speech.turn;

/**
 * The user stopped speaking.
 *
 * @param audioEndMs where the turn's audio ends: the end of speech plus the silence window
 *     (OpenAI's {@code audio_end_ms})
 */
public record SpeechStopped(long audioEndMs) implements TurnEvent {}
