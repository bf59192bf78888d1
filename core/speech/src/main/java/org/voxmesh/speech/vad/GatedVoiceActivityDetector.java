package org.voxmesh.speech.vad;

import static java.util.Objects.requireNonNull;

/**
 * Puts an {@link EnergyGate} in front of a detector: frames below the floor report 0 without running
 * the model. When the gate closes, the model's history is reset, because the model did not hear
 * the silence; its state after long silence is then what a new stream starts with (all zeros, which
 * is also what the gated audio nearly is).
 */
public final class GatedVoiceActivityDetector implements VoiceActivityDetector {

  private final VoiceActivityDetector delegate;
  private final EnergyGate gate;
  private boolean gateClosed = true; // a fresh detector's model state is already the reset state

  public GatedVoiceActivityDetector(VoiceActivityDetector delegate, EnergyGate gate) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.gate = requireNonNull(gate, "gate");
  }

  @Override
  public int sampleRate() {
    return delegate.sampleRate();
  }

  @Override
  public int frameSamples() {
    return delegate.frameSamples();
  }

  @Override
  public float speechProbability(short[] frame) {
    if (frame.length != frameSamples()) {
      throw new IllegalArgumentException("frame: " + frame.length + " samples (expected: " + frameSamples() + ")");
    }
    if (gate.isSilence(frame)) {
      if (!gateClosed) {
        delegate.reset();
        gateClosed = true;
      }
      return 0f;
    }
    gateClosed = false;
    return delegate.speechProbability(frame);
  }

  @Override
  public void reset() {
    delegate.reset();
    gateClosed = true;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
