package org.voxmesh.speech.asr;

import org.voxmesh.speech.engine.pocketsphinx.PocketSphinxRecognizer;
import org.voxmesh.speech.engine.upstream.OpenAiCompatibleRecognizer;

/** Builds the {@link SpeechRecognizer} a service's settings ask for. */
public final class Recognizers {

  private Recognizers() {}

  /**
   * Creates the configured engine. For PocketSphinx this checks that the Debian packages are
   * installed and fails with a {@code PocketSphinxUnavailableException} naming them otherwise.
   */
  public static SpeechRecognizer create(RecognizerSettings settings) {
    return switch (settings.engine()) {
      case POCKETSPHINX -> new PocketSphinxRecognizer(settings.pocketSphinx());
      case OPENAI_COMPATIBLE -> new OpenAiCompatibleRecognizer(settings.openAiCompatible());
    };
  }
}
