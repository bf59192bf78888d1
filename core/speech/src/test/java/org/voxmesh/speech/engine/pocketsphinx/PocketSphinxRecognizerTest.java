package org.voxmesh.speech.engine.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxmesh.speech.asr.DeltaStabilizer;
import org.voxmesh.speech.asr.RecognitionRequest;
import org.voxmesh.speech.asr.RecognitionResult;
import org.voxmesh.speech.asr.RecognitionStream;
import org.voxmesh.speech.asr.RecognizerOverloadedException;
import org.voxmesh.speech.engine.Corpus;
import org.voxmesh.speech.engine.WordErrorRate;

/** The real PocketSphinx engine (Debian packages) on the real speech corpus. */
class PocketSphinxRecognizerTest {

  private static final int CHUNK = 320; // 20 ms at 16 kHz, as a realtime client sends

  private static PocketSphinxRecognizer recognizer;

  @BeforeAll
  static void start() {
    recognizer = new PocketSphinxRecognizer(PocketSphinxConfig.defaults().withMaxDecoders(2));
  }

  @AfterAll
  static void stop() {
    recognizer.close();
  }

  /** Streams the audio in 20 ms chunks; returns the partials seen, then the final text. */
  private static Decoded decode(PocketSphinxRecognizer r, short[] pcm, Timings timings) {
    List<String> partials = new ArrayList<>();
    try (RecognitionStream s = r.open(RecognitionRequest.DEFAULT)) {
      for (int off = 0; off < pcm.length; off += CHUNK) {
        short[] chunk = Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + CHUNK));
        long t0 = System.nanoTime();
        String p = s.accept(chunk);
        if (timings != null) {
          timings.chunks.add(System.nanoTime() - t0);
        }
        if (p != null) {
          partials.add(p);
        }
      }
      long t0 = System.nanoTime();
      RecognitionResult result = s.finish();
      if (timings != null) {
        timings.finals.add(System.nanoTime() - t0);
      }
      return new Decoded(partials, result);
    }
  }

  private record Decoded(List<String> partials, RecognitionResult result) {}

  private static final class Timings {
    final List<Long> chunks = new ArrayList<>();
    final List<Long> finals = new ArrayList<>();

    static String describe(List<Long> nanos) {
      long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
      return String.format(
          Locale.ROOT,
          "n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms",
          s.length,
          s[s.length / 2] / 1e6,
          s[(int) Math.min(s.length - 1, Math.round(s.length * 0.99))] / 1e6,
          s[s.length - 1] / 1e6);
    }
  }

  @Test
  void transcribesTheCorpusWithLowWordErrorRate() {
    Map<String, String> refs = Corpus.transcripts();
    WordErrorRate pooled = new WordErrorRate();
    Timings timings = new Timings();
    double audioSeconds = 0;
    long decodeNanos = 0;
    int diverged = 0;
    long wordsBeforeFinal = 0;
    long finalWords = 0;
    for (String voice : Corpus.ACCURACY_VOICES) {
      WordErrorRate perVoice = new WordErrorRate();
      for (Map.Entry<String, String> ref : refs.entrySet()) {
        short[] pcm = Corpus.samples(voice, ref.getKey());
        long t0 = System.nanoTime();
        Decoded d = decode(recognizer, pcm, timings);
        decodeNanos += System.nanoTime() - t0;
        audioSeconds += d.result().audioSeconds();
        assertThat(d.result().audioSeconds()).isEqualTo(pcm.length / 16_000.0);
        assertThat(d.result().language()).isEqualTo("en");
        perVoice.add(ref.getValue(), d.result().text());
        DeltaStabilizer stabilizer = new DeltaStabilizer();
        d.partials().forEach(stabilizer::onPartial);
        wordsBeforeFinal += WordErrorRate.normalise(stabilizer.emitted()).size();
        stabilizer.onFinal(d.result().text());
        finalWords += WordErrorRate.normalise(d.result().text()).size();
        diverged += stabilizer.diverged() ? 1 : 0;
      }
      System.out.printf("pocketsphinx %-12s %s%n", voice, perVoice);
      pooled.addAll(perVoice);
    }
    System.out.printf(
        Locale.ROOT,
        "pocketsphinx pooled       %s over %.1f s of audio, RTF %.3f%n",
        pooled,
        audioSeconds,
        decodeNanos / 1e9 / audioSeconds);
    System.out.println("pocketsphinx accept() per 20 ms chunk: " + Timings.describe(timings.chunks));
    System.out.println("pocketsphinx finish():                 " + Timings.describe(timings.finals));
    System.out.printf(
        "pocketsphinx deltas: %d of %d final words were emitted before the final;"
            + " the final diverged from the deltas in %d of %d utterances%n",
        wordsBeforeFinal, finalWords, diverged, 4 * refs.size());
    assertThat(pooled.referenceWords()).isEqualTo(4 * 199);
    assertThat(pooled.rate()).isLessThanOrEqualTo(0.15);
  }

  @Test
  void partialsAppearBeforeFinishAndTheFinalCompletesTheStableDeltas() {
    // a fresh-mean decoder makes this independent of what other tests decoded before
    try (PocketSphinxRecognizer r =
        new PocketSphinxRecognizer(
            PocketSphinxConfig.defaults().withMaxDecoders(1).withResetCepstralMean(true))) {
      // s20, 4 s: "cancel my subscription and send me a confirmation email"
      short[] pcm = Corpus.samples("flite_slt", "s20");
      Decoded d = decode(r, pcm, null);

      assertThat(d.partials()).hasSizeGreaterThan(10);
      // partials grow towards the sentence: the last one already holds most of it
      String lastPartial = d.partials().get(d.partials().size() - 1);
      assertThat(lastPartial).startsWith("cancel my subscription and send me a");

      String fin = d.result().text();
      assertThat(fin).isEqualTo(Corpus.transcripts().get("s20"));

      // what a client sees as append-only deltas: most of the text before the end of speech,
      // completed by the final without retracting anything
      DeltaStabilizer stabilizer = new DeltaStabilizer();
      List<String> deltas = new ArrayList<>();
      for (String p : d.partials()) {
        String delta = stabilizer.onPartial(p);
        if (!delta.isEmpty()) {
          deltas.add(delta);
        }
      }
      assertThat(deltas).hasSizeGreaterThan(3);
      assertThat(String.join("", deltas)).startsWith("cancel my subscription and send");
      deltas.add(stabilizer.onFinal(fin));
      assertThat(stabilizer.diverged()).isFalse();
      assertThat(String.join("", deltas)).isEqualTo(fin);
    }
  }

  @Test
  void silenceAndLowNoiseGiveAnEmptyTranscript() {
    RecognitionResult silence = decode(recognizer, new short[2 * 16_000], null).result();
    assertThat(silence.text()).isEmpty();
    assertThat(silence.audioSeconds()).isEqualTo(2.0);

    Random rnd = new Random(42);
    short[] hiss = new short[2 * 16_000];
    for (int i = 0; i < hiss.length; i++) {
      hiss[i] = (short) Math.round(rnd.nextGaussian() * 30); // about -60 dBFS
    }
    assertThat(decode(recognizer, hiss, null).result().text()).isEmpty();
  }

  @Test
  void poolRefusesBeyondItsSizeAndReusesReturnedDecoders() {
    try (PocketSphinxRecognizer r =
        new PocketSphinxRecognizer(PocketSphinxConfig.defaults().withMaxDecoders(2))) {
      assertThat(r.decodersCreated()).isZero(); // lazy
      RecognitionStream a = r.open(RecognitionRequest.DEFAULT);
      RecognitionStream b = r.open(RecognitionRequest.DEFAULT);
      assertThat(r.decodersInUse()).isEqualTo(2);
      assertThatThrownBy(() -> r.open(RecognitionRequest.DEFAULT))
          .isInstanceOf(RecognizerOverloadedException.class)
          .hasMessageContaining("2 decoders are busy");

      // b is abandoned mid-utterance: its decoder goes back to the pool
      b.accept(Corpus.samples("fest_slt", "s13"));
      b.close();
      b.close(); // idempotent
      assertThat(r.decodersIdle()).isEqualTo(1);

      // the returned decoder is reused for a new utterance, which it recognises
      Decoded d = decode(r, Corpus.samples("flite_kal16", "s02"), null);
      assertThat(new WordErrorRate().add(Corpus.transcripts().get("s02"), d.result().text()))
          .isLessThanOrEqualTo(1);
      assertThat(r.decodersCreated()).isEqualTo(2);

      a.close();
      assertThat(r.decodersInUse()).isZero();
      assertThat(r.decodersIdle()).isEqualTo(2);
      decode(r, Corpus.samples("flite_kal16", "s19"), null);
      assertThat(r.decodersCreated()).isEqualTo(2);
    }
  }

  @Test
  void withCepstralMeanResetAReusedDecoderGivesTheSameTranscriptWhateverItHeardBefore() {
    try (PocketSphinxRecognizer r =
        new PocketSphinxRecognizer(
            PocketSphinxConfig.defaults().withMaxDecoders(1).withResetCepstralMean(true))) {
      short[] kitchen = Corpus.samples("flite_kal16", "s01");
      String first = decode(r, kitchen, null).result().text();
      assertThat(first).isEqualTo("turn on the lights in the kitchen");

      // another voice, abandoned mid-utterance, then a whole utterance of a third voice
      try (RecognitionStream other = r.open(RecognitionRequest.DEFAULT)) {
        other.accept(Corpus.samples("fest_slt", "s13"));
      }
      decode(r, Corpus.samples("fest_kal", "s17"), null);

      assertThat(decode(r, kitchen, null).result().text()).isEqualTo(first);
      assertThat(r.decodersCreated()).isEqualTo(1);
    }
  }

  @Test
  void decodersWorkInParallelOnWorkerThreads() throws Exception {
    String[] ids = {"s02", "s08", "s14", "s18"};
    try (PocketSphinxRecognizer r =
        new PocketSphinxRecognizer(
            PocketSphinxConfig.defaults().withMaxDecoders(2).withResetCepstralMean(true))) {
      Map<String, String> sequential = new java.util.HashMap<>();
      for (String id : ids) {
        sequential.put(id, decode(r, Corpus.samples("fest_slt", id), null).result().text());
      }
      java.util.concurrent.ExecutorService workers =
          java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        List<java.util.concurrent.Future<String>> parallel = new ArrayList<>();
        for (String id : ids) {
          parallel.add(
              workers.submit(() -> decode(r, Corpus.samples("fest_slt", id), null).result().text()));
        }
        for (int i = 0; i < ids.length; i++) {
          assertThat(parallel.get(i).get()).isEqualTo(sequential.get(ids[i]));
        }
      } finally {
        workers.shutdownNow();
      }
      assertThat(r.decodersCreated()).isEqualTo(2);
    }
  }

  @Test
  void aStreamAcceptsNothingAfterFinishAndReleasesItsDecoderOnFinish() {
    try (PocketSphinxRecognizer r =
        new PocketSphinxRecognizer(PocketSphinxConfig.defaults().withMaxDecoders(1).withPreload(1))) {
      assertThat(r.decodersIdle()).isEqualTo(1);
      RecognitionStream s = r.open(RecognitionRequest.DEFAULT);
      assertThat(s.accept(new short[0])).isNull();
      s.accept(Corpus.samples("flite_kal16", "s19"));
      assertThat(s.finish().text()).isEqualTo("yes that sounds good to me");
      assertThatThrownBy(() -> s.accept(new short[CHUNK])).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(s::finish).isInstanceOf(IllegalStateException.class);
      // the single decoder is free again even before close()
      try (RecognitionStream next = r.open(RecognitionRequest.DEFAULT)) {
        assertThat(next).isNotNull();
      }
      s.close();
      assertThat(r.decodersCreated()).isEqualTo(1);
    }
  }

  @Test
  void missingModelNamesThePackageAndTheFix() {
    PocketSphinxConfig bad = PocketSphinxConfig.fromModelDir(Path.of("/nonexistent/pocketsphinx/en-us"));
    assertThatThrownBy(() -> new PocketSphinxRecognizer(bad))
        .isInstanceOf(PocketSphinxUnavailableException.class)
        .hasMessageContaining("/nonexistent/pocketsphinx/en-us/en-us/mdef")
        .hasMessageContaining("libpocketsphinx3 pocketsphinx-en-us")
        .hasMessageContaining("./voxmesh run");
  }

  @Test
  void missingLibraryNamesThePackageAndTheFix() {
    assertThatThrownBy(
            () -> PocketSphinxNative.load("libsphinxbase.so.3", "libpocketsphinx-missing.so.99"))
        .isInstanceOf(PocketSphinxUnavailableException.class)
        .hasMessageContaining("libpocketsphinx3 pocketsphinx-en-us")
        .hasMessageContaining("./voxmesh run");
  }

  @Test
  void refusesToOpenAfterClose() {
    PocketSphinxRecognizer r = new PocketSphinxRecognizer(PocketSphinxConfig.defaults());
    r.close();
    r.close();
    assertThatThrownBy(() -> r.open(RecognitionRequest.DEFAULT))
        .isInstanceOf(IllegalStateException.class);
    assertThat(r.name()).isEqualTo("pocketsphinx-en-us");
    assertThat(r.streaming()).isTrue();
  }
}
