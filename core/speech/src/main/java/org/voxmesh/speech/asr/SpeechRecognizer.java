package org.voxmesh.speech.asr;

/**
 * A speech-to-text engine. Thread-safe; hands out one {@link RecognitionStream} per utterance.
 * Implementations bound their own capacity and refuse with {@link RecognizerOverloadedException}
 * instead of queueing without bound.
 */
public interface SpeechRecognizer extends AutoCloseable {

  /** Engine/model name reported to users, e.g. {@code pocketsphinx-en-us}. */
  String name();

  /** Whether streams produce partial hypotheses while audio arrives. */
  boolean streaming();

  /**
   * Opens a stream for one utterance. May block (e.g. to load a decoder): call on a worker thread.
   *
   * @throws RecognizerOverloadedException when the engine is at capacity
   */
  RecognitionStream open(RecognitionRequest request);

  @Override
  void close();
}
