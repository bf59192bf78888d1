package org.voxmesh.speech.tts;

import org.voxmesh.speech.engine.flite.FliteSynthesizer;
import org.voxmesh.speech.engine.upstream.OpenAiCompatibleSpeechSynthesizer;

/** Builds the {@link SpeechSynthesizer} a service's settings ask for. */
public final class Synthesizers {

  private Synthesizers() {}

  /**
   * Creates the configured engine. For Flite this loads the library and its voices and fails with a
   * {@code FliteUnavailableException} naming the Debian package {@code libflite1} when missing.
   */
  public static SpeechSynthesizer create(TtsSettings settings) {
    return switch (settings.engine()) {
      case FLITE -> new FliteSynthesizer(settings.flite());
      case OPENAI_COMPATIBLE -> new OpenAiCompatibleSpeechSynthesizer(settings.openAiCompatible());
    };
  }
}
