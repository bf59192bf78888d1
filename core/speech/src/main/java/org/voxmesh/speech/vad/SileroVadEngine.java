package org.voxmesh.speech.vad;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;

/**
 * Silero VAD v5 through ONNX Runtime: 512-sample frames (32 ms) of 16 kHz audio.
 *
 * <p>One ONNX session is shared by all detectors ({@code OrtSession.run} is thread-safe); each
 * detector keeps its own recurrent state and audio context. Detectors are gated by an
 * {@link EnergyGate}, so digital silence and near-silence cost no inference.
 */
public final class SileroVadEngine implements VadEngine {

  public static final int SAMPLE_RATE = 16_000;
  public static final int FRAME_SAMPLES = 512;

  /** File name of the model under {@code models/}, as installed by {@code scripts/fetch-vad-model.sh}. */
  public static final String MODEL_FILE = "silero_vad_v5.onnx";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final EnergyGate gate;

  private SileroVadEngine(OrtEnvironment env, OrtSession session, EnergyGate gate) {
    this.env = env;
    this.session = session;
    this.gate = gate;
  }

  /** Loads the model with the default energy gate ({@link EnergyGate#DEFAULT_FLOOR_DBFS}). */
  public static SileroVadEngine load(Path model) {
    return load(model, EnergyGate.defaultGate());
  }

  /**
   * Loads the model at {@code model}. Fails with an {@link IllegalStateException} that names the path
   * and the fix when the file is missing or is not the Silero v5 model.
   */
  public static SileroVadEngine load(Path model, EnergyGate gate) {
    requireNonNull(model, "model");
    requireNonNull(gate, "gate");
    if (!Files.isRegularFile(model)) {
      throw new IllegalStateException("Silero VAD model not found: " + model.toAbsolutePath()
          + " (fix: run ./voxmesh run, or scripts/fetch-vad-model.sh, which installs it into models/;"
          + " or point -Dvoxmesh.vad.model / VOXMESH_VAD_MODEL at a copy)");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // One thread per inference: many small concurrent streams, not one big one.
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtSession session = env.createSession(model.toString(), options);
      checkInputs(session, model);
      return new SileroVadEngine(env, session, gate);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the Silero VAD model " + model.toAbsolutePath()
          + ": " + e.getMessage() + " (fix: delete it and run scripts/fetch-vad-model.sh again)", e);
    }
  }

  /**
   * Where the model is expected: system property {@code voxmesh.vad.model}, else environment variable
   * {@code VOXMESH_VAD_MODEL}, else {@code models/silero_vad_v5.onnx} under the system property
   * {@code voxmesh.home} or, without it, under the working directory.
   */
  public static Path defaultModelPath() {
    return defaultModelPath(System::getProperty, System::getenv, Path.of("").toAbsolutePath());
  }

  static Path defaultModelPath(Function<String, String> properties, Function<String, String> environment,
      Path workingDir) {
    String explicit = firstNonBlank(properties.apply("voxmesh.vad.model"), environment.apply("VOXMESH_VAD_MODEL"));
    if (explicit != null) {
      return Path.of(explicit);
    }
    String home = properties.apply("voxmesh.home");
    Path root = home == null || home.isBlank() ? workingDir : Path.of(home);
    return root.resolve("models").resolve(MODEL_FILE);
  }

  @Override
  public String name() {
    return "silero-v5";
  }

  @Override
  public VoiceActivityDetector newDetector() {
    try {
      return new GatedVoiceActivityDetector(new SileroDetector(env, session), gate);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot create a Silero VAD detector: " + e.getMessage(), e);
    }
  }

  /** A detector without the energy gate: every frame goes through the model. */
  VoiceActivityDetector newUngatedDetector() {
    try {
      return new SileroDetector(env, session);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot create a Silero VAD detector: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the Silero VAD session: " + e.getMessage(), e);
    }
    // The OrtEnvironment is a process-wide singleton: it is not ours to close.
  }

  /** The v4 model has different inputs (h, c): catch a swapped file here, not at the first frame. */
  private static void checkInputs(OrtSession session, Path model) throws OrtException {
    Set<String> inputs = session.getInputNames();
    Set<String> outputs = session.getOutputNames();
    if (inputs.equals(Set.of(SileroDetector.INPUT, SileroDetector.STATE, SileroDetector.SR))
        && outputs.containsAll(Set.of(SileroDetector.OUTPUT, SileroDetector.STATE_OUT))) {
      return;
    }
    session.close();
    throw new IllegalStateException("not a Silero VAD v5 model: " + model.toAbsolutePath() + " (inputs: " + inputs
        + ", outputs: " + outputs + "; expected: inputs [input, state, sr], outputs [output, stateN];"
        + " fix: delete it and run scripts/fetch-vad-model.sh)");
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
