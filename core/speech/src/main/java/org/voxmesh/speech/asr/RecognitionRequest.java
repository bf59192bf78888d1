package org.voxmesh.speech.asr;

/**
 * What a session asked for. Every field may be null (engine default).
 *
 * @param model the requested transcription model name (an upstream may pass it through)
 * @param language ISO-639-1 code
 * @param prompt free-text hint
 */
public record RecognitionRequest(String model, String language, String prompt) {
  public static final RecognitionRequest DEFAULT = new RecognitionRequest(null, null, null);
}
