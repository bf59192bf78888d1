package org.voxmesh.speech.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.speech.vad.TestAudio.addNoise;
import static org.voxmesh.speech.vad.TestAudio.bursts;
import static org.voxmesh.speech.vad.TestAudio.chords;
import static org.voxmesh.speech.vad.TestAudio.concat;
import static org.voxmesh.speech.vad.TestAudio.noise;
import static org.voxmesh.speech.vad.TestAudio.sentence;
import static org.voxmesh.speech.vad.TestAudio.silence;
import static org.voxmesh.speech.vad.TestAudio.speechSpan;
import static org.voxmesh.speech.vad.TestAudio.trimmed;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxmesh.speech.vad.TestAudio;
import org.voxmesh.speech.vad.TestAudio.Span;
import org.voxmesh.speech.vad.SileroVadEngine;
import org.voxmesh.speech.vad.VoiceActivityDetector;

/** Server-VAD turns on real speech: the Silero v5 model on corpus recordings. */
class TurnDetectionOnSpeechTest {

  /**
   * Sentences with varied onsets (t, th, s, sh, k, h). s02, s12 and s18 are left out: in the kal
   * voices their recordings start with 170 ms of -40 dBFS synthesis noise, so their true onset is
   * a matter of opinion.
   */
  private static final String[] SENTENCES = {"s01", "s04", "s07", "s13", "s16", "s21"};
  private static final int PAD_MS = 1000;
  private static final long ONSET_TOLERANCE_MS = 150;

  /**
   * The diphone voices pause up to ~400 ms between phrases, which OpenAI's 200 ms default rightly
   * treats as a turn end; one turn per sentence needs a longer window.
   */
  private static final TurnParams ONE_TURN_PER_SENTENCE = TurnParams.defaults().withSilenceDurationMs(500);

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
  void eachSentenceInSilenceIsOneTurnWithAccurateStartAndEnd() {
    assertEachSentenceIsOneAccurateTurn(Double.NEGATIVE_INFINITY);
  }

  @Test
  void eachSentenceInLowNoiseIsOneTurnWithAccurateStartAndEnd() {
    // -50 dBFS white noise: above the energy gate, so the model hears every frame.
    assertEachSentenceIsOneAccurateTurn(-50);
  }

  @Test
  void twoSentencesOneAndAHalfSecondsApartAreTwoTurns() {
    short[] stream = concat(silence(PAD_MS), sentence("flite_slt", "s01"), silence(1500),
        sentence("fest_slt", "s21"), silence(PAD_MS));

    List<TurnEvent> events = run(TurnParams.defaults(), stream);

    assertThat(events).hasSize(4);
    assertThat(events.get(0)).isInstanceOf(SpeechStarted.class);
    assertThat(events.get(1)).isInstanceOf(SpeechStopped.class);
    assertThat(events.get(2)).isInstanceOf(SpeechStarted.class);
    assertThat(events.get(3)).isInstanceOf(SpeechStopped.class);
  }

  @Test
  void silenceDurationDecidesWhetherAPauseEndsTheTurn() {
    // 400 ms of silence between the speech of two sentences (their own edge silence trimmed off).
    short[] stream = concat(silence(PAD_MS), trimmed(sentence("flite_slt", "s01")), silence(400),
        trimmed(sentence("flite_slt", "s04")), silence(PAD_MS));

    long longWindowTurns = VadTurns.turnCount(run(TurnParams.defaults().withSilenceDurationMs(800), stream));
    long shortWindowTurns = VadTurns.turnCount(run(TurnParams.defaults().withSilenceDurationMs(200), stream));

    assertThat(longWindowTurns).as("turns with silence_duration_ms 800").isEqualTo(1);
    assertThat(shortWindowTurns).as("turns with silence_duration_ms 200").isEqualTo(2);
  }

  @Test
  void aHigherThresholdNeverGivesMoreTurnsOnNoise() {
    List<short[]> noises = List.of(noise(20_000, -20, 1), noise(20_000, -10, 2), chords(20_000, -30, 3),
        chords(20_000, -20, 4), chords(20_000, -10, 5), bursts(20_000, -20, 6), bursts(20_000, -10, 7));
    float[] thresholds = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.7f, 0.9f};
    long turnsAtLowest = 0;
    for (short[] stream : noises) {
      long previous = Long.MAX_VALUE;
      for (float threshold : thresholds) {
        long turns = VadTurns.turnCount(run(TurnParams.defaults().withThreshold(threshold), stream));
        assertThat(turns).as("turns at threshold %s", threshold).isLessThanOrEqualTo(previous);
        if (threshold == TurnParams.DEFAULT_THRESHOLD) {
          assertThat(turns).as("turns on noise at the default threshold").isZero();
        }
        turnsAtLowest += previous == Long.MAX_VALUE ? turns : 0;
        previous = turns;
      }
    }
    // Guard: if no threshold ever fired on these noises, the comparison above would prove nothing.
    assertThat(turnsAtLowest).as("turns on noise at threshold 0.1").isPositive();
    // (Not asserted on speech: there a higher threshold also raises the silence threshold, so it can split a turn.)
  }

  @Test
  void silenceAndLowNoiseProduceNoEvents() {
    assertThat(run(TurnParams.defaults(), silence(10_000))).isEmpty();
    for (int dbfs : new int[] {-70, -60, -50, -40}) {
      assertThat(run(TurnParams.defaults(), noise(10_000, dbfs, dbfs))).as("events in %d dBFS noise", dbfs).isEmpty();
    }
  }

  private static void assertEachSentenceIsOneAccurateTurn(double noiseDbfs) {
    TurnParams params = ONE_TURN_PER_SENTENCE;
    List<String> failures = new ArrayList<>();
    for (String voice : TestAudio.VOICES) {
      for (String id : SENTENCES) {
        short[] recording = sentence(voice, id);
        Span truth = speechSpan(recording);
        short[] stream = concat(silence(PAD_MS), recording, silence(PAD_MS));
        if (noiseDbfs > Double.NEGATIVE_INFINITY) {
          stream = addNoise(stream, noiseDbfs, id.hashCode());
        }

        List<TurnEvent> events = run(params, stream);

        String name = voice + "/" + id;
        if (events.size() != 2 || !(events.get(0) instanceof SpeechStarted) || !(events.get(1) instanceof SpeechStopped)) {
          failures.add(name + ": events " + events);
          continue;
        }
        long expectedStart = PAD_MS + truth.startMs() - params.prefixPaddingMs();
        long expectedEnd = PAD_MS + truth.endMs() + params.silenceDurationMs();
        long startError = ((SpeechStarted) events.get(0)).audioStartMs() - expectedStart;
        long endError = ((SpeechStopped) events.get(1)).audioEndMs() - expectedEnd;
        // The model's probability decays over a few frames after speech ends: the end may be late, not early.
        if (Math.abs(startError) > ONSET_TOLERANCE_MS || endError < -100 || endError > 250) {
          failures.add(name + ": start off by " + startError + " ms, end off by " + endError + " ms");
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  private static List<TurnEvent> run(TurnParams params, short[] stream) {
    try (VoiceActivityDetector detector = engine.newDetector()) {
      return VadTurns.run(detector, params, stream);
    }
  }
}
