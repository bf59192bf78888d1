package org.voxmesh.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voxmesh.audio.Signals.concat;
import static org.voxmesh.audio.Signals.db;
import static org.voxmesh.audio.Signals.fitSine;
import static org.voxmesh.audio.Signals.middle;
import static org.voxmesh.audio.Signals.rms;
import static org.voxmesh.audio.Signals.tone;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.voxmesh.audio.Corpus;
import org.voxmesh.audio.Signals.SineFit;

class ResamplerTest {

  private static final double AMPLITUDE = 0.9 * Short.MAX_VALUE;

  @ParameterizedTest(name = "{0} -> {1} Hz")
  @CsvSource({"24000,16000", "8000,16000", "16000,24000", "16000,8000", "48000,16000", "16000,48000",
      "44100,16000", "16000,44100"})
  void aOneKilohertzToneComesOutCleanAndAtTheSameLevel(int from, int to) {
    short[] out = resampleWhole(tone(1000, AMPLITUDE, from, 1.0), from, to);

    SineFit fit = fitSine(middle(out, 0.1), 1000, to);

    assertThat(fit.thdPlusNoiseDb()).as("THD+N in dB").isLessThan(-80);
    assertThat(db(fit.amplitude() / AMPLITUDE)).as("gain in dB").isBetween(-0.02, 0.02);
  }

  @ParameterizedTest(name = "{0} -> {1} Hz, tone at {2} Hz")
  @CsvSource({"24000,16000,8500", "24000,16000,9300", "16000,8000,4300", "48000,16000,8800",
      "48000,16000,19700", "44100,16000,9100"})
  void aToneAboveTheOutputNyquistVanishesInsteadOfFoldingBack(int from, int to, double frequency) {
    short[] out = resampleWhole(tone(frequency, AMPLITUDE, from, 1.0), from, to);

    // The stop band starts about 5 % above the output's Nyquist frequency.
    double levelDb = db(rms(middle(out, 0.1)) / (AMPLITUDE / Math.sqrt(2)));

    assertThat(levelDb).as("alias level in dB relative to the input tone").isLessThan(-80);
  }

  @ParameterizedTest(name = "{0} -> {1} Hz, tone at {2} Hz")
  @CsvSource({"8000,16000,3100", "16000,24000,6300", "16000,48000,6300", "8000,48000,3100"})
  void upsamplingAddsNoImagesOfAHighTone(int from, int to, double frequency) {
    short[] out = resampleWhole(tone(frequency, AMPLITUDE, from, 1.0), from, to);

    SineFit fit = fitSine(middle(out, 0.1), frequency, to);

    // Images would sit at from - frequency, above the input band: anything there is residual.
    assertThat(fit.thdPlusNoiseDb()).as("image + noise level in dB").isLessThan(-80);
  }

  @ParameterizedTest(name = "{0} -> {1} Hz")
  @CsvSource({"24000,16000", "8000,16000", "16000,24000", "16000,8000", "48000,16000", "16000,48000",
      "44100,16000"})
  void anyChunkingGivesExactlyTheWholeStreamOutput(int from, int to) {
    short[] speech = new Resampler(16000, from).process(Corpus.wav("flite_slt", "s04"));
    short[] whole = resampleWhole(speech, from, to);

    Random random = new Random(42);
    Resampler resampler = new Resampler(from, to);
    List<short[]> parts = new ArrayList<>();
    for (int pos = 0; pos < speech.length; ) {
      int size = Math.min(speech.length - pos, random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(2000));
      short[] chunk = new short[size];
      System.arraycopy(speech, pos, chunk, 0, size);
      parts.add(resampler.process(chunk));
      pos += size;
    }
    parts.add(resampler.flush());

    assertThat(concat(parts.toArray(short[][]::new))).isEqualTo(whole);
  }

  @ParameterizedTest(name = "{0} -> {1} Hz")
  @CsvSource({"24000,16000", "8000,16000", "16000,48000", "44100,16000"})
  void theStreamKeepsItsDurationAndItsTimeline(int from, int to) {
    // A click 0.25 s into the stream must come out 0.25 s into the output: VAD timestamps rely on it.
    short[] in = new short[from / 2 + 7];
    in[from / 4] = 30000;

    short[] out = resampleWhole(in, from, to);

    assertThat(out).hasSize((int) Math.ceil((double) in.length * to / from));
    assertThat(indexOfPeak(out)).isEqualTo(to / 4);
  }

  @Test
  void flushStartsAFreshStream() {
    Resampler resampler = new Resampler(24000, 16000);
    short[] speech = Corpus.wav("fest_kal", "s02");
    short[] first = concat(resampler.process(speech), resampler.flush());
    short[] second = concat(resampler.process(speech), resampler.flush());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void rejectsNonPositiveRates() {
    assertThatThrownBy(() -> new Resampler(0, 16000)).hasMessageContaining("inputRate: 0 (expected: > 0)");
    assertThatThrownBy(() -> new Resampler(16000, -8000)).hasMessageContaining("outputRate: -8000");
  }

  static short[] resampleWhole(short[] in, int from, int to) {
    Resampler resampler = new Resampler(from, to);
    return concat(resampler.process(in), resampler.flush());
  }

  private static int indexOfPeak(short[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (Math.abs(x[i]) > Math.abs(x[best])) {
        best = i;
      }
    }
    return best;
  }
}
