package org.voxmesh.speech.asr;

/**
 * One utterance being recognised. Not thread-safe: calls are made one at a time (possibly from
 * different worker threads, with happens-before between them). All calls may block.
 */
public interface RecognitionStream extends AutoCloseable {

  /**
   * Feeds 16 kHz mono PCM16 samples.
   *
   * @return the whole current partial hypothesis when it changed, otherwise null
   */
  String accept(short[] pcm16k);

  /** Ends the utterance and returns the final result. The stream accepts no audio afterwards. */
  RecognitionResult finish();

  /** Releases the engine resources; abandons the utterance if it was not finished. Idempotent. */
  @Override
  void close();
}
