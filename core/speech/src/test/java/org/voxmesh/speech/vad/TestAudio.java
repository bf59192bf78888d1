package org.voxmesh.speech.vad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.voxmesh.audio.WavFile;

/** Test audio at 16 kHz: corpus sentences, silence, noise, and where the speech in a recording is. */
public final class TestAudio {

  public static final int RATE = 16_000;
  public static final String[] VOICES = {"flite_slt", "flite_kal16", "fest_kal", "fest_slt", "espeak_en-us"};

  private TestAudio() {}

  /** The repository root: system property voxmesh.home (set by surefire), else the parent pom's directory. */
  public static Path repoRoot() {
    String home = System.getProperty("voxmesh.home");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      try {
        if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>voxmesh-parent</artifactId>")) {
          return dir;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no voxmesh-parent pom.xml above " + Path.of("").toAbsolutePath());
  }

  /** The VAD model the tests use: the one {@code scripts/fetch-vad-model.sh} installs. */
  public static Path vadModel() {
    return repoRoot().resolve("models").resolve(SileroVadEngine.MODEL_FILE);
  }

  public static short[] sentence(String voice, String id) {
    Path file = repoRoot().resolve("../shared/speech/corpus").resolve(voice).resolve(id + ".wav").normalize();
    try {
      WavFile wav = WavFile.read(file);
      if (wav.sampleRate() != RATE || wav.channels() != 1) {
        throw new IllegalStateException(file + ": " + wav.sampleRate() + " Hz x " + wav.channels() + " (expected: 16 kHz mono)");
      }
      return wav.samples();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static short[] silence(int ms) {
    return new short[samples(ms)];
  }

  /** White Gaussian noise with the given RMS level. */
  public static short[] noise(int ms, double dbfs, long seed) {
    return addNoise(silence(ms), dbfs, seed);
  }

  /** A copy of {@code x} with white Gaussian noise of the given RMS level added. */
  public static short[] addNoise(short[] x, double dbfs, long seed) {
    Random random = new Random(seed);
    double sigma = 32768 * Math.pow(10, dbfs / 20);
    short[] out = new short[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = clamp(x[i] + random.nextGaussian() * sigma);
    }
    return out;
  }

  /**
   * Music-like noise: three-note chords with harmonics, a new chord every 250 ms (the "tones" noise
   * of the speech feasibility study).
   */
  public static short[] chords(int ms, double dbfs, long seed) {
    Random random = new Random(seed);
    double amplitude = 32768 * Math.pow(10, dbfs / 20) / 3;
    short[] out = new short[samples(ms)];
    double[] notes = new double[3];
    for (int i = 0; i < out.length; i++) {
      if (i % samples(250) == 0) {
        for (int k = 0; k < notes.length; k++) {
          notes[k] = 110 * Math.pow(2, random.nextInt(36) / 12.0);
        }
      }
      double v = 0;
      for (double note : notes) {
        for (int h = 1; h <= 4; h++) {
          v += Math.sin(2 * Math.PI * note * h * i / RATE) / h;
        }
      }
      out[i] = clamp(v * amplitude);
    }
    return out;
  }

  /** Clatter: decaying white-noise bursts of 50-300 ms with 50-450 ms gaps (keyboard, dishes). */
  public static short[] bursts(int ms, double dbfs, long seed) {
    Random random = new Random(seed);
    double sigma = 32768 * Math.pow(10, dbfs / 20);
    short[] out = new short[samples(ms)];
    int i = 0;
    while (i < out.length) {
      int length = samples(50 + random.nextInt(250));
      for (int k = 0; k < length && i < out.length; k++, i++) {
        out[i] = clamp(random.nextGaussian() * sigma * Math.exp(-3.0 * k / length));
      }
      i += samples(50 + random.nextInt(400));
    }
    return out;
  }

  public static short[] concat(short[]... parts) {
    int total = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    short[] out = new short[total];
    int pos = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  public static int samples(int ms) {
    return ms * RATE / 1000;
  }

  /** Where a recording's speech starts and ends, in ms from its start. */
  public record Span(long startMs, long endMs) {}

  /**
   * The speech span by an energy scan: from the first to the last 10 ms window within 20 dB of the
   * loudest window. 20 dB leaves out the faint lead-in noise some diphone recordings start with,
   * and keeps weak consonants at the edges of words.
   */
  public static Span speechSpan(short[] x) {
    int window = samples(10);
    int n = x.length / window;
    double[] level = new double[n];
    double loudest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      level[i] = EnergyGate.rmsDbfs(Arrays.copyOfRange(x, i * window, (i + 1) * window));
      loudest = Math.max(loudest, level[i]);
    }
    int first = -1;
    int last = -1;
    for (int i = 0; i < n; i++) {
      if (level[i] > loudest - 20) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    return new Span(first * 10L, (last + 1) * 10L);
  }

  /** Only the speech of a recording (its {@link #speechSpan}). */
  public static short[] trimmed(short[] x) {
    Span span = speechSpan(x);
    return Arrays.copyOfRange(x, samples((int) span.startMs()), samples((int) span.endMs()));
  }

  private static short clamp(double v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
  }
}
