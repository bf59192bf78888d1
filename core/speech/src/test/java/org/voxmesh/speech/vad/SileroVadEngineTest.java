package org.voxmesh.speech.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voxmesh.speech.vad.TestAudio.VOICES;
import static org.voxmesh.speech.vad.TestAudio.addNoise;
import static org.voxmesh.speech.vad.TestAudio.concat;
import static org.voxmesh.speech.vad.TestAudio.sentence;
import static org.voxmesh.speech.vad.TestAudio.silence;
import static org.voxmesh.speech.vad.TestAudio.speechSpan;
import static org.voxmesh.speech.vad.TestAudio.trimmed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.speech.vad.TestAudio.Span;

class SileroVadEngineTest {

  private static final int FRAME = SileroVadEngine.FRAME_SAMPLES;
  private static final int FRAME_MS = 32;

  private static SileroVadEngine engine;

  @BeforeAll
  static void loadModel() {
    engine = SileroVadEngine.load(TestAudio.vadModel());
  }

  @AfterAll
  static void closeModel() {
    engine.close();
  }

  @Test
  void aMissingModelFailsNamingThePathAndTheFix(@TempDir Path tmp) {
    Path missing = tmp.resolve("models/silero_vad_v5.onnx");

    assertThatThrownBy(() -> SileroVadEngine.load(missing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("./voxmesh run")
        .hasMessageContaining("scripts/fetch-vad-model.sh");
  }

  @Test
  void aFileThatIsNotTheModelFailsNamingThePath(@TempDir Path tmp) throws IOException {
    Path garbage = Files.writeString(tmp.resolve("silero_vad_v5.onnx"), "<html>404</html>");

    assertThatThrownBy(() -> SileroVadEngine.load(garbage))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(garbage.toString())
        .hasMessageContaining("scripts/fetch-vad-model.sh");
  }

  @Test
  void findsSpeechFramesAndIgnoresNoiseFramesInEveryCorpusRecording() {
    // Every recording of the corpus, padded with 1 s each side, with white noise 10 dB below the speech.
    int speechFrames = 0;
    int speechHits = 0;
    int noiseFrames = 0;
    int noiseHits = 0;
    for (String voice : VOICES) {
      for (int n = 1; n <= 22; n++) {
        short[] recording = sentence(voice, String.format("s%02d", n));
        Span truth = speechSpan(recording);
        double speechLevel = EnergyGate.rmsDbfs(trimmed(recording));
        short[] stream = addNoise(concat(silence(1000), recording, silence(1000)), speechLevel - 10, n);
        float[] p = probabilities(engine.newDetector(), stream);
        for (int f = 0; f < p.length; f++) {
          long start = f * FRAME_MS;
          long end = start + FRAME_MS;
          if (start >= 1000 + truth.startMs() && end <= 1000 + truth.endMs()) {
            speechFrames++;
            speechHits += p[f] >= 0.5f ? 1 : 0;
          } else if (end <= 900 + truth.startMs() || start >= 1300 + truth.endMs()) {
            noiseFrames++; // away from the edges, where the model's decay is legitimate
            noiseHits += p[f] >= 0.5f ? 1 : 0;
          }
        }
      }
    }
    // The speech span includes the short pauses between words, so recall cannot be 100 %.
    assertThat(100.0 * speechHits / speechFrames).as("%% of speech frames detected").isGreaterThan(90);
    assertThat(100.0 * noiseHits / noiseFrames).as("%% of noise frames called speech").isLessThan(1);
  }

  @Test
  void detectorsKeepSeparateStateWhileSharingTheModelAcrossThreads() throws Exception {
    List<short[]> streams = List.of(
        concat(silence(500), sentence("flite_slt", "s04"), silence(500)),
        concat(silence(300), sentence("fest_kal", "s13"), silence(700)),
        addNoise(concat(silence(200), sentence("espeak_en-us", "s21"), silence(400)), -45, 9),
        concat(silence(100), sentence("fest_slt", "s07"), silence(100)));
    List<float[]> alone = new ArrayList<>();
    for (short[] s : streams) {
      alone.add(probabilities(engine.newDetector(), s));
    }

    ExecutorService pool = Executors.newFixedThreadPool(streams.size());
    try {
      List<Future<float[]>> together = new ArrayList<>();
      for (short[] s : streams) {
        together.add(pool.submit(() -> probabilities(engine.newDetector(), s)));
      }
      for (int i = 0; i < streams.size(); i++) {
        assertThat(together.get(i).get()).as("stream %d", i).containsExactly(alone.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resetMakesTheDetectorForgetThePreviousStream() {
    short[] first = concat(sentence("flite_kal16", "s05"), silence(200));
    short[] second = concat(silence(300), sentence("fest_slt", "s16"));
    VoiceActivityDetector detector = engine.newDetector();

    probabilities(detector, first);
    detector.reset();
    float[] afterReset = probabilities(detector, second);

    assertThat(afterReset).containsExactly(probabilities(engine.newDetector(), second));
  }

  @Test
  void theEnergyGateSkipsTheModelForNearSilenceOnly() {
    VoiceActivityDetector gated = engine.newDetector();
    short[] faint = TestAudio.noise(1000, -70, 1);
    short[] audible = TestAudio.noise(1000, -50, 2);

    float[] faintP = probabilities(gated, faint);
    float[] digitalSilence = probabilities(gated, silence(1000));

    assertThat(faintP).containsOnly(0f);
    assertThat(digitalSilence).containsOnly(0f);
    // Above the floor the model answers, with its own (small, non-zero) probabilities.
    assertThat(probabilities(gated, audible)).isEqualTo(probabilities(engine.newUngatedDetector(), audible))
        .matches(p -> p[p.length - 1] > 0f, "the model's answer");
  }

  @Test
  void rejectsAFrameOfTheWrongSize() {
    VoiceActivityDetector detector = engine.newDetector();

    assertThat(detector.sampleRate()).isEqualTo(16_000);
    assertThat(detector.frameSamples()).isEqualTo(512);
    assertThatThrownBy(() -> detector.speechProbability(new short[480]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frame: 480 samples (expected: 512)");
  }

  @Test
  void defaultModelPathPrefersThePropertyThenTheEnvironmentThenTheHome() {
    Path cwd = Path.of("/srv/app");
    Map<String, String> none = Map.of();

    assertThat(SileroVadEngine.defaultModelPath(
        Map.of("voxmesh.vad.model", "/opt/vad.onnx", "voxmesh.home", "/h")::get,
        Map.of("VOXMESH_VAD_MODEL", "/env/vad.onnx")::get, cwd)).isEqualTo(Path.of("/opt/vad.onnx"));
    assertThat(SileroVadEngine.defaultModelPath(Map.of("voxmesh.home", "/h")::get,
        Map.of("VOXMESH_VAD_MODEL", "/env/vad.onnx")::get, cwd)).isEqualTo(Path.of("/env/vad.onnx"));
    assertThat(SileroVadEngine.defaultModelPath(Map.of("voxmesh.home", "/h")::get, none::get, cwd))
        .isEqualTo(Path.of("/h/models/silero_vad_v5.onnx"));
    assertThat(SileroVadEngine.defaultModelPath(none::get, none::get, cwd))
        .isEqualTo(Path.of("/srv/app/models/silero_vad_v5.onnx"));
  }

  @Test
  void reportsTheMeanInferenceTimePerFrame() {
    // A report, not a goal: timing depends on the machine and its load.
    List<short[]> all = new ArrayList<>();
    for (String voice : VOICES) {
      for (int n = 1; n <= 22; n++) {
        all.add(sentence(voice, String.format("s%02d", n)));
      }
    }
    short[] stream = concat(all.toArray(short[][]::new));
    VoiceActivityDetector detector = engine.newUngatedDetector();
    probabilities(detector, Arrays.copyOf(stream, 200 * FRAME)); // warm-up
    detector.reset();

    long start = System.nanoTime();
    float[] p = probabilities(detector, stream);
    long elapsed = System.nanoTime() - start;

    System.out.printf("silero-v5: %d frames, mean %.1f µs per 32 ms frame (one thread)%n",
        p.length, elapsed / 1000.0 / p.length);
    assertThat(p).hasSize(stream.length / FRAME);
  }

  static float[] probabilities(VoiceActivityDetector detector, short[] stream) {
    float[] p = new float[stream.length / FRAME];
    for (int f = 0; f < p.length; f++) {
      p[f] = detector.speechProbability(Arrays.copyOfRange(stream, f * FRAME, (f + 1) * FRAME));
    }
    return p;
  }
}
