package org.voxmesh.speech.tts;

/**
 * A text-to-speech engine. Thread-safe; each call to {@link #synthesize} streams one utterance.
 * Implementations bound their own capacity and refuse with {@link SynthesizerOverloadedException}.
 */
public interface SpeechSynthesizer extends AutoCloseable {

  /** Engine name for logs and docs, e.g. {@code flite}. */
  String name();

  /** Sample rate of the PCM16 mono audio its streams yield. */
  int sampleRate();

  /** Starts synthesising; may block briefly. Call on a worker thread. */
  SynthesisStream synthesize(SynthesisRequest request);

  @Override
  void close();
}
