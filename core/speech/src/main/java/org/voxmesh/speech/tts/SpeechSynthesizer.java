package org.voxmesh.speech.tts;

/**
 * A text-to-speech engine. Thread-safe; hands out one {@link SynthesisStream} per text.
 * Implementations bound their own capacity and refuse with {@link SynthesizerOverloadedException}
 * instead of queueing without bound.
 *
 * <p>Audio comes out as 16-bit mono PCM at {@link #sampleRate()}, the engine's native rate; turning
 * it into the session's wire format (24 kHz PCM, G.711) is the caller's job.
 */
public interface SpeechSynthesizer extends AutoCloseable {

  /** Engine/model name reported to users and logs, e.g. {@code flite}. */
  String name();

  /** The sample rate (Hz) of every chunk this engine's streams yield. */
  int sampleRate();

  /**
   * Starts synthesising one text. Does not wait for audio: the work (or the wait for an upstream
   * service) happens in {@link SynthesisStream#next()}, and engine failures are thrown from there as
   * {@link SynthesisException}. The stream holds one unit of the engine's capacity until it ends,
   * is cancelled or is closed.
   *
   * @throws SynthesizerOverloadedException when the engine is at capacity
   * @throws IllegalStateException when the engine is closed
   */
  SynthesisStream synthesize(SynthesisRequest request);

  /** Refuses new streams; open ones may finish. Idempotent. */
  @Override
  void close();
}
