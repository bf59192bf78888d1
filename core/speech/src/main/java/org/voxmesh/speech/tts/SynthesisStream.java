package org.voxmesh.speech.tts;

/** One utterance being synthesised. Pull-based and blocking; {@link #cancel()} may come from any thread. */
public interface SynthesisStream extends AutoCloseable {

  /** The next chunk of PCM16 mono audio at the engine's rate, or null at the end. */
  short[] next();

  /** Stops early; the next {@link #next()} returns null. */
  void cancel();

  @Override
  void close();
}
