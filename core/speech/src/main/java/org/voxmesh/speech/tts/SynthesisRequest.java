package org.voxmesh.speech.tts;

/**
 * What to say and how.
 *
 * @param text the text of one utterance (typically a sentence)
 * @param voice an OpenAI voice name (alloy, ash, …) or a custom voice id; engines map it to theirs
 * @param speed 0.25 … 1.5, 1.0 = normal
 */
public record SynthesisRequest(String text, String voice, double speed) {}
