package org.voxmesh.speech.tts;

/**
 * The audio of one {@link SynthesisRequest}, pulled chunk by chunk. {@link #next()} is called by one
 * thread at a time; {@link #cancel()} and {@link #close()} may be called from any thread at any
 * time.
 */
public interface SynthesisStream extends AutoCloseable {

  /**
   * The next chunk: mono PCM16 at the engine's {@link SpeechSynthesizer#sampleRate()}, never empty.
   * Blocks while the engine synthesises (or the upstream service answers).
   *
   * @return the chunk, or null at the end of the audio and after {@link #cancel()} or {@link
   *     #close()}
   * @throws SynthesisException when the engine fails; the stream is then over
   */
  short[] next();

  /**
   * Stops early: a {@code next()} running in another thread returns null as soon as the engine
   * lets it (at the latest after the sentence being synthesised), later calls return null, and the
   * engine capacity is released. Idempotent; safe from any thread.
   */
  void cancel();

  /** Cancels if not finished and releases everything. Idempotent; safe from any thread. */
  @Override
  void close();
}
