package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code audio.input} of a realtime or transcription session. Every key is serialised; {@code transcription},
 * {@code noise_reduction} and {@code turn_detection} are null when off. A missing {@code format} is PCM 24 kHz.
 */
@JsonPropertyOrder({"format", "transcription", "noise_reduction", "turn_detection"})
public record AudioInput(AudioFormatSpec format, InputAudioTranscription transcription, NoiseReduction noiseReduction,
                         TurnDetection turnDetection) {

  public AudioInput {
    format = format == null ? AudioFormatSpec.PCM_24K : format;
  }

  /** PCM 24 kHz, no transcription, no noise reduction, server VAD with defaults. */
  public static AudioInput defaults() {
    return new AudioInput(AudioFormatSpec.PCM_24K, null, null, TurnDetection.ServerVad.defaults());
  }

  public AudioInput withTranscription(InputAudioTranscription value) {
    return new AudioInput(format, value, noiseReduction, turnDetection);
  }

  public AudioInput withTurnDetection(TurnDetection value) {
    return new AudioInput(format, transcription, noiseReduction, value);
  }

  public AudioInput withNoiseReduction(NoiseReduction value) {
    return new AudioInput(format, transcription, value, turnDetection);
  }

  public AudioInput withFormat(AudioFormatSpec value) {
    return new AudioInput(value, transcription, noiseReduction, turnDetection);
  }
}
