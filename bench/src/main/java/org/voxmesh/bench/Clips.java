package org.voxmesh.bench;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.PcmAudio;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;

/**
 * The corpus recordings of the four non-espeak voices, ready to stream: PCM16 at 24 kHz (the GA
 * default input format) cut into 20 ms {@code input_audio_buffer.append} frames, encoded once and
 * shared by every session, plus where speech really ends in each file. The conversation benchmark
 * plays the same clips.
 */
public final class Clips {

  public static final int CHUNK_MS = 20;
  public static final SessionFormat FORMAT = SessionFormat.PCM16;
  static final int CHUNK_BYTES = CHUNK_MS * FORMAT.bytesPerMs(); // 960

  /** Energy scan: 10 ms windows; speech is a window within this many dB of the file's loudest one. */
  static final int SCAN_WINDOW_MS = 10;
  static final double SCAN_RANGE_DB = 40;

  /**
   * One recording.
   *
   * @param key {@code voice/id}
   * @param text reference transcript
   * @param durationMs length after padding to whole 20 ms frames
   * @param speechStartMs start of the first speech window (energy scan)
   * @param speechEndMs end of the last speech window (energy scan): the true end of speech
   * @param frames the append events, one per 20 ms
   */
  public record Clip(String key, String text, int durationMs, int speechStartMs, int speechEndMs, String[] frames) {}

  private Clips() {}

  /** The 88 recordings of flite_slt, flite_kal16, fest_kal and fest_slt, voice by voice, in sentence order. */
  public static List<Clip> load(Corpus corpus) {
    List<Clip> clips = new ArrayList<>();
    for (String voice : corpus.accuracyVoices()) {
      for (Utterance u : corpus.utterances(voice)) {
        clips.add(clip(u));
      }
    }
    return List.copyOf(clips);
  }

  static Clip clip(Utterance u) {
    PcmAudio audio = u.read();
    int[] speech = speechBounds(audio);
    byte[] bytes = FORMAT.encode(audio);
    int frames = (bytes.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
    String[] out = new String[frames];
    for (int i = 0; i < frames; i++) {
      byte[] chunk = new byte[CHUNK_BYTES]; // zero-padded at the end: PCM16 silence
      System.arraycopy(bytes, i * CHUNK_BYTES, chunk, 0, Math.min(CHUNK_BYTES, bytes.length - i * CHUNK_BYTES));
      out[i] = appendEvent(chunk);
    }
    return new Clip(u.key(), u.text(), frames * CHUNK_MS, speech[0], speech[1], out);
  }

  public static final String SILENCE_FRAME = appendEvent(new byte[CHUNK_BYTES]);

  /** What the gaps between clips are made of: digital silence unless {@link #useNoiseGaps} was called. */
  private static String[] gapFrames = {SILENCE_FRAME};

  static String gapFrame(int i) {
    return gapFrames[i % gapFrames.length];
  }

  /**
   * Fills gaps with white Gaussian noise at {@code dbfs} RMS instead of digital silence (a live
   * microphone's floor): above the VAD's energy gate (-60 dBFS) every gap frame then goes through the model.
   */
  static void useNoiseGaps(double dbfs) {
    java.util.Random random = new java.util.Random(42);
    double sigma = 32768 * Math.pow(10, dbfs / 20);
    String[] frames = new String[50];
    for (int f = 0; f < frames.length; f++) {
      short[] pcm = new short[CHUNK_BYTES / 2];
      for (int i = 0; i < pcm.length; i++) {
        pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(random.nextGaussian() * sigma)));
      }
      frames[f] = appendEvent(org.voxmesh.testkit.corpus.SessionAudio.toPcm16Le(pcm));
    }
    gapFrames = frames;
  }

  static String appendEvent(byte[] chunk) {
    return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(chunk) + "\"}";
  }

  /**
   * {start, end} of speech in ms: the first and last {@value #SCAN_WINDOW_MS} ms window whose RMS level is
   * within {@value #SCAN_RANGE_DB} dB of the loudest window of the file.
   */
  static int[] speechBounds(PcmAudio audio) {
    short[] s = audio.samples();
    int window = audio.sampleRate() * SCAN_WINDOW_MS / 1000;
    int windows = s.length / window;
    double[] level = new double[windows];
    double loudest = Double.NEGATIVE_INFINITY;
    for (int w = 0; w < windows; w++) {
      double sum = 0;
      for (int i = w * window; i < (w + 1) * window; i++) {
        sum += (double) s[i] * s[i];
      }
      level[w] = 10 * Math.log10(sum / window / (32768.0 * 32768.0) + 1e-20);
      loudest = Math.max(loudest, level[w]);
    }
    int first = -1;
    int last = -1;
    for (int w = 0; w < windows; w++) {
      if (level[w] >= loudest - SCAN_RANGE_DB) {
        if (first < 0) {
          first = w;
        }
        last = w;
      }
    }
    if (first < 0) {
      throw new IllegalStateException("no speech found in " + audio);
    }
    return new int[] {first * SCAN_WINDOW_MS, (last + 1) * SCAN_WINDOW_MS};
  }
}
