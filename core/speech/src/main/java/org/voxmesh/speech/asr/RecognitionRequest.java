package org.voxmesh.speech.asr;

/**
 * What a session asked for. Every field may be null (engine default).
 *
 * @param model the requested transcription model name (an upstream may pass it through)
 * @param language ISO-639-1 code
 * @param prompt free-text hint
 * @param sourceSampleRate the rate the client's audio had before resampling to 16 kHz (0 = unknown);
 *     engines that adapt to the channel keep narrowband (telephony) and wideband audio apart
 */
public record RecognitionRequest(String model, String language, String prompt, int sourceSampleRate) {
  public static final RecognitionRequest DEFAULT = new RecognitionRequest(null, null, null);

  public RecognitionRequest(String model, String language, String prompt) {
    this(model, language, prompt, 0);
  }

  /** True for telephony-band audio (8 kHz G.711 and the like). */
  public boolean narrowband() {
    return sourceSampleRate > 0 && sourceSampleRate <= 8_000;
  }
}
