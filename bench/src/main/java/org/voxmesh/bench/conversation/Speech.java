package org.voxmesh.bench.conversation;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.PcmAudio;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;

/**
 * The corpus recordings of the four accuracy voices as a microphone would send them: PCM16 24 kHz
 * (the GA default input format) in 20 ms {@code input_audio_buffer.append} frames, and where speech
 * really starts and ends in each file (energy scan: the first and last 10 ms window within 40 dB of
 * the file's loudest window — the same rule as the transcription benchmark).
 */
final class Speech {

  static final int FRAME_MS = 20;
  static final SessionFormat FORMAT = SessionFormat.PCM16;
  static final int FRAME_BYTES = FRAME_MS * FORMAT.bytesPerMs(); // 960
  static final int SCAN_WINDOW_MS = 10;
  static final double SCAN_RANGE_DB = 40;
  static final String SILENCE_FRAME = append(new byte[FRAME_BYTES]);

  /**
   * @param key voice/id
   * @param text the reference text
   * @param durationMs length, padded to whole frames
   * @param speechStartMs true speech onset in the file
   * @param speechEndMs true end of speech in the file
   */
  record Clip(String key, String text, int durationMs, int speechStartMs, int speechEndMs, String[] frames) {}

  private Speech() {}

  static List<Clip> load(Corpus corpus) {
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
    int[] bounds = speechBounds(audio);
    byte[] bytes = FORMAT.encode(audio);
    int frames = (bytes.length + FRAME_BYTES - 1) / FRAME_BYTES;
    String[] out = new String[frames];
    for (int i = 0; i < frames; i++) {
      byte[] chunk = new byte[FRAME_BYTES];
      System.arraycopy(bytes, i * FRAME_BYTES, chunk, 0, Math.min(FRAME_BYTES, bytes.length - i * FRAME_BYTES));
      out[i] = append(chunk);
    }
    return new Clip(u.key(), u.text(), frames * FRAME_MS, bounds[0], bounds[1], out);
  }

  static String append(byte[] chunk) {
    return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(chunk) + "\"}";
  }

  /** {start, end} of speech in ms (see the class comment). */
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
      throw new IllegalStateException("no speech in " + audio);
    }
    return new int[] {first * SCAN_WINDOW_MS, (last + 1) * SCAN_WINDOW_MS};
  }

  /** A corpus sentence written as a user would type it: capitalised, with a full stop. */
  static String typed(String text) {
    String t = text.strip();
    return Character.toUpperCase(t.charAt(0)) + t.substring(1) + ".";
  }
}
