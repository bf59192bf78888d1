package org.voxmesh.speech.vad;

/**
 * Voice activity model state for one audio stream. Not thread-safe; calls may block for the
 * model's inference time, so callers run them on a worker thread, never on an event loop.
 */
public interface VoiceActivityDetector extends AutoCloseable {

  /** Sample rate of the frames this detector takes (16 000). */
  int sampleRate();

  /** Exact number of samples per frame passed to {@link #speechProbability(short[])}. */
  int frameSamples();

  /** Probability in [0, 1] that the frame holds speech. The frame has {@link #frameSamples()} samples. */
  float speechProbability(short[] frame);

  /** Forgets the stream's history (model state), as at a new stream. */
  void reset();

  @Override
  void close();
}
