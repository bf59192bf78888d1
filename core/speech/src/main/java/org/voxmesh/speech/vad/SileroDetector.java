package org.voxmesh.speech.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * One stream's Silero v5 state. Each frame goes to the model with the last 64 samples of the
 * previous frame in front of it (as silero's own wrapper and vad-web do) and the recurrent state
 * the model returned last time.
 */
final class SileroDetector implements VoiceActivityDetector {

  static final String INPUT = "input";
  static final String STATE = "state";
  static final String SR = "sr";
  static final String OUTPUT = "output";
  static final String STATE_OUT = "stateN";

  private static final int CONTEXT_SAMPLES = 64;
  private static final int STATE_SIZE = 2 * 128; // shape [2, 1, 128]

  private final OrtSession session;
  // The tensors wrap direct buffers (no copy), so refilling a buffer updates its tensor in place.
  private final FloatBuffer input = directFloats(CONTEXT_SAMPLES + SileroVadEngine.FRAME_SAMPLES);
  private final FloatBuffer state = directFloats(STATE_SIZE);
  private final OnnxTensor inputTensor;
  private final OnnxTensor stateTensor;
  private final OnnxTensor srTensor;
  private final Map<String, OnnxTensor> inputs;

  SileroDetector(OrtEnvironment env, OrtSession session) throws OrtException {
    this.session = session;
    this.inputTensor = OnnxTensor.createTensor(env, input, new long[] {1, input.capacity()});
    this.stateTensor = OnnxTensor.createTensor(env, state, new long[] {2, 1, 128});
    this.srTensor = OnnxTensor.createTensor(env, (long) SileroVadEngine.SAMPLE_RATE);
    this.inputs = Map.of(INPUT, inputTensor, STATE, stateTensor, SR, srTensor);
  }

  @Override
  public int sampleRate() {
    return SileroVadEngine.SAMPLE_RATE;
  }

  @Override
  public int frameSamples() {
    return SileroVadEngine.FRAME_SAMPLES;
  }

  @Override
  public float speechProbability(short[] frame) {
    if (frame.length != SileroVadEngine.FRAME_SAMPLES) {
      throw new IllegalArgumentException(
          "frame: " + frame.length + " samples (expected: " + SileroVadEngine.FRAME_SAMPLES + ")");
    }
    // Shift the previous frame's tail into the context slot, then append the new frame.
    for (int i = 0; i < CONTEXT_SAMPLES; i++) {
      input.put(i, input.get(input.capacity() - CONTEXT_SAMPLES + i));
    }
    for (int i = 0; i < frame.length; i++) {
      input.put(CONTEXT_SAMPLES + i, frame[i] / 32768f);
    }
    try (OrtSession.Result result = session.run(inputs)) {
      float probability = ((float[][]) result.get(OUTPUT).orElseThrow().getValue())[0][0];
      FloatBuffer next = ((OnnxTensor) result.get(STATE_OUT).orElseThrow()).getFloatBuffer();
      for (int i = 0; i < STATE_SIZE; i++) {
        state.put(i, next.get(i));
      }
      return probability;
    } catch (OrtException e) {
      throw new IllegalStateException("Silero VAD inference failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void reset() {
    for (int i = 0; i < input.capacity(); i++) {
      input.put(i, 0f);
    }
    for (int i = 0; i < STATE_SIZE; i++) {
      state.put(i, 0f);
    }
  }

  @Override
  public void close() {
    inputTensor.close();
    stateTensor.close();
    srTensor.close();
  }

  private static FloatBuffer directFloats(int count) {
    return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }
}
