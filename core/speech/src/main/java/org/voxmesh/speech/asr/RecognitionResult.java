package org.voxmesh.speech.asr;

/**
 * The final transcript of one utterance.
 *
 * @param text the transcript, possibly empty when nothing was recognised
 * @param language ISO-639-1 code of the transcript (may be null when unknown)
 * @param audioSeconds seconds of audio the engine consumed
 */
public record RecognitionResult(String text, String language, double audioSeconds) {}
