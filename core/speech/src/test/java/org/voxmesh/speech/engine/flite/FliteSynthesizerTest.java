package org.voxmesh.speech.engine.flite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxmesh.speech.asr.RecognitionRequest;
import org.voxmesh.speech.asr.RecognitionStream;
import org.voxmesh.speech.engine.Corpus;
import org.voxmesh.speech.engine.WordErrorRate;
import org.voxmesh.speech.engine.pocketsphinx.PocketSphinxConfig;
import org.voxmesh.speech.engine.pocketsphinx.PocketSphinxRecognizer;
import org.voxmesh.speech.tts.SynthesisRequest;
import org.voxmesh.speech.tts.SynthesisStream;
import org.voxmesh.speech.tts.SynthesizerOverloadedException;

/** The real Flite engine (Debian libflite1 through JNA): audible, timed, intelligible, bounded. */
class FliteSynthesizerTest {

  private static final String SENTENCE = "The meeting has been moved to next Thursday afternoon.";
  private static final String LONG_TEXT =
      "Turn on the lights in the kitchen. What is the weather going to be like tomorrow morning? "
          + "Please call my mother and tell her I will be late. The quick brown fox jumps over the "
          + "lazy dog. I would like to book a table for two people at seven. Can you play some "
          + "relaxing music in the living room? Set an alarm for six thirty in the morning.";

  /** How far the trimmed start of a sentence moves between runs (random excitation noise). */
  private static final int TRIM_JITTER = 16 * 50;

  private static FliteSynthesizer flite;

  @BeforeAll
  static void load() {
    long rssBefore = rssKb();
    long t0 = System.nanoTime();
    flite = new FliteSynthesizer(FliteConfig.defaults().withMaxConcurrent(4));
    long loadMs = (System.nanoTime() - t0) / 1_000_000;
    speak(SENTENCE, "alloy", 1.0); // touch a voice so its pages count
    System.out.printf(
        Locale.ROOT,
        "flite: libflite + 4 voices loaded in %d ms; RSS %+d MB (meaningful when this class is the"
            + " first in the JVM to load Flite)%n",
        loadMs,
        (rssKb() - rssBefore) / 1024);
  }

  @AfterAll
  static void close() {
    flite.close();
  }

  @Test
  void everyMappedVoiceSpeaksANonSilentSentenceOfPlausibleLength() {
    assertThat(flite.sampleRate()).isEqualTo(16_000);
    assertThat(flite.name()).isEqualTo("flite");
    int words = SENTENCE.split(" ").length;
    double expected = words / 2.5;
    List<String> voices = new ArrayList<>(FliteConfig.DEFAULT_VOICE_MAP.keySet());
    voices.add("kal16");
    Map<String, Integer> lengthByFliteVoice = new LinkedHashMap<>();
    for (String voice : voices) {
      short[] audio = speak(SENTENCE, voice, 1.0);
      double seconds = audio.length / 16_000.0;
      assertThat(seconds).as(voice + " duration").isBetween(0.5 * expected, 2 * expected);
      assertThat(rms(audio)).as(voice + " is not silent").isGreaterThan(500);
      assertThat(peak(audio)).as(voice + " peak").isGreaterThan(5_000);
      lengthByFliteVoice.put(flite.voiceFor(voice), audio.length);
    }
    // the four Flite voices really are different voices
    assertThat(lengthByFliteVoice.keySet()).containsExactlyInAnyOrder("slt", "rms", "awb", "kal16");
    assertThat(lengthByFliteVoice.values().stream().distinct().count()).isEqualTo(4);
  }

  @Test
  void voiceNamesMapOntoFliteVoices() {
    assertThat(flite.voiceFor("alloy")).isEqualTo("slt");
    assertThat(flite.voiceFor("MARIN")).isEqualTo("slt");
    assertThat(flite.voiceFor("shimmer")).isEqualTo("slt");
    assertThat(flite.voiceFor("echo")).isEqualTo("rms");
    assertThat(flite.voiceFor("cedar")).isEqualTo("rms");
    assertThat(flite.voiceFor("ash")).isEqualTo("rms");
    assertThat(flite.voiceFor("ballad")).isEqualTo("awb");
    assertThat(flite.voiceFor("verse")).isEqualTo("awb");
    for (String v : SynthesisRequest.OPENAI_VOICES) {
      assertThat(FliteConfig.DEFAULT_VOICE_MAP).containsKey(v);
    }
    // Flite's own names as custom ids
    assertThat(flite.voiceFor("kal16")).isEqualTo("kal16");
    assertThat(flite.voiceFor("flite/rms")).isEqualTo("rms");
    assertThat(flite.voiceFor("cmu_us_awb")).isEqualTo("awb");
    // unknown custom ids fall back to the default voice
    assertThat(flite.voiceFor("voice_1234")).isEqualTo("slt");
    assertThat(flite.voiceFor(null)).isEqualTo("slt");
    try (FliteSynthesizer custom =
        new FliteSynthesizer(
            FliteConfig.defaults().withDefaultVoice("rms").withVoices(Map.of("Alloy", "kal16")))) {
      assertThat(custom.voiceFor("voice_1234")).isEqualTo("rms");
      assertThat(custom.voiceFor("alloy")).isEqualTo("kal16");
      assertThat(custom.voiceFor("echo")).isEqualTo("rms");
    }
    short[] fallback = speak("Hello there.", "voice_1234", 1.0);
    assertThat(fallback.length).isGreaterThan(8_000);
    assertThatThrownBy(() -> FliteConfig.defaults().withVoices(Map.of("alloy", "kal")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slt, rms, awb, kal16");
  }

  @Test
  void fasterSpeedGivesShorterAudioAndSlowerLonger() {
    for (String voice : FliteConfig.VOICES) {
      int normal = speak(SENTENCE, voice, 1.0).length;
      int fast = speak(SENTENCE, voice, 1.5).length;
      int slow = speak(SENTENCE, voice, 0.5).length;
      System.out.printf(
          Locale.ROOT,
          "flite %-5s speed 1.0: %.2f s, 1.5: %.2f s (x%.2f), 0.5: %.2f s (x%.2f)%n",
          voice, normal / 16e3, fast / 16e3, fast / (double) normal, slow / 16e3, slow / (double) normal);
      assertThat(fast).as(voice).isLessThan((int) (normal * 0.8)).isGreaterThan((int) (normal * 0.55));
      assertThat(slow).as(voice).isGreaterThan((int) (normal * 1.6));
    }
  }

  @Test
  void longTextsComeSentenceBySentenceInBoundedChunks() {
    List<short[]> chunks = new ArrayList<>();
    try (SynthesisStream s = flite.synthesize(SynthesisRequest.of(LONG_TEXT).withVoice("echo"))) {
      for (short[] c = s.next(); c != null; c = s.next()) {
        chunks.add(c);
      }
      assertThat(s.next()).isNull();
    }
    assertThat(chunks).allSatisfy(c -> assertThat(c.length).isBetween(1, FliteSynthesizer.CHUNK_SAMPLES));
    int total = chunks.stream().mapToInt(c -> c.length).sum();
    int words = LONG_TEXT.split("\\s+").length;
    assertThat(total / 16e3).isBetween(0.5 * words / 2.5, 2.0 * words / 2.5);
    // the leading pause is trimmed: speech starts within ~50 ms of the first sample
    assertThat(FliteSynthesizer.speechStart(chunks.get(0), 0)).isLessThanOrEqualTo(16 * 60);
    assertThat(flite.activeStreams()).isZero();
  }

  @Test
  void cancelFromAnotherThreadStopsTheStreamEarly() throws Exception {
    int full = speak(LONG_TEXT, "alloy", 1.0).length;

    SynthesisStream stream = flite.synthesize(SynthesisRequest.of(LONG_TEXT));
    CountDownLatch firstChunk = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> reader =
          pool.submit(
              () -> {
                int got = 0;
                for (short[] c = stream.next(); c != null; c = stream.next()) {
                  got += c.length;
                  firstChunk.countDown();
                  Thread.sleep(5); // a consumer pacing itself a little
                }
                return got;
              });
      assertThat(firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      stream.cancel();
      int got = reader.get(5, TimeUnit.SECONDS);
      long stopMs = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf(
          Locale.ROOT, "flite cancel: reader stopped %d ms after cancel() with %.2f of %.2f s%n",
          stopMs, got / 16e3, full / 16e3);
      assertThat(got).isLessThan(full / 2);
      assertThat(stream.next()).isNull();
      assertThat(flite.activeStreams()).isZero(); // capacity released by cancel
      stream.close(); // idempotent
      stream.cancel();
      assertThat(flite.activeStreams()).isZero();
    } finally {
      pool.shutdownNow();
    }

    // cancelled before the first next(): nothing is synthesised
    SynthesisStream early = flite.synthesize(SynthesisRequest.of(LONG_TEXT));
    early.cancel();
    assertThat(early.next()).isNull();
    early.close();
  }

  @Test
  void concurrentStreamsUpToTheBoundWorkAndBeyondAreRefused() throws Exception {
    try (FliteSynthesizer bounded = new FliteSynthesizer(FliteConfig.defaults().withMaxConcurrent(3))) {
      String[] voices = {"alloy", "alloy", "echo"}; // two share a voice: serialised on its lock
      int[] serial = new int[voices.length];
      for (int i = 0; i < voices.length; i++) {
        serial[i] = drain(bounded.synthesize(SynthesisRequest.of(LONG_TEXT).withVoice(voices[i])));
      }
      List<SynthesisStream> open = new ArrayList<>();
      for (String v : voices) {
        open.add(bounded.synthesize(SynthesisRequest.of(LONG_TEXT).withVoice(v)));
      }
      assertThat(bounded.activeStreams()).isEqualTo(3);
      assertThatThrownBy(() -> bounded.synthesize(SynthesisRequest.of("One more.")))
          .isInstanceOf(SynthesizerOverloadedException.class)
          .hasMessageContaining("all 3 synthesis streams are busy");

      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (SynthesisStream s : open) {
          results.add(pool.submit(() -> drain(s)));
        }
        for (int i = 0; i < voices.length; i++) {
          // concurrent use gives what serial use gave (up to where the trimmed leading pause
          // ends, which moves by a few ms with Flite's random excitation noise)
          assertThat(results.get(i).get(60, TimeUnit.SECONDS))
              .as(voices[i])
              .isCloseTo(serial[i], org.assertj.core.data.Offset.offset(TRIM_JITTER * 7));
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(bounded.activeStreams()).isZero();
      assertThat(drain(bounded.synthesize(SynthesisRequest.of("Capacity is back.")))).isPositive();
    }
  }

  @Test
  void manyThreadsOnAllVoicesAtOnceStayCorrect() throws Exception {
    // a stress run across instances: voices are process-wide, their locks must be too
    try (FliteSynthesizer a = new FliteSynthesizer(FliteConfig.defaults().withMaxConcurrent(8));
        FliteSynthesizer b = new FliteSynthesizer(FliteConfig.defaults().withMaxConcurrent(8))) {
      String[] voices = {"slt", "rms", "awb", "kal16"};
      Map<String, Integer> expected = new LinkedHashMap<>();
      for (String v : voices) {
        expected.put(v, drain(a.synthesize(SynthesisRequest.of(SENTENCE).withVoice(v))));
      }
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          FliteSynthesizer engine = t % 2 == 0 ? a : b;
          int id = t;
          results.add(
              pool.submit(
                  () -> {
                    for (int k = 0; k < 10; k++) {
                      String v = voices[(id + k) % voices.length];
                      while (true) {
                        try {
                          int n = drain(engine.synthesize(SynthesisRequest.of(SENTENCE).withVoice(v)));
                          if (Math.abs(n - expected.get(v)) > TRIM_JITTER) {
                            return false;
                          }
                          break;
                        } catch (SynthesizerOverloadedException busy) {
                          Thread.sleep(2);
                        }
                      }
                    }
                    return true;
                  }));
        }
        for (Future<Boolean> r : results) {
          assertThat(r.get(120, TimeUnit.SECONDS)).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void theRecognizerUnderstandsWhatEachVoiceSays() {
    Map<String, String> refs = Corpus.transcripts();
    List<String> ids = List.of("s01", "s04", "s07", "s10", "s16");
    WordErrorRate pooled = new WordErrorRate();
    try (PocketSphinxRecognizer asr =
        new PocketSphinxRecognizer(PocketSphinxConfig.defaults().withMaxDecoders(1))) {
      for (String voice : FliteConfig.VOICES) {
        WordErrorRate perVoice = new WordErrorRate();
        for (String id : ids) {
          short[] audio = speak(refs.get(id), voice, 1.0);
          String heard = recognise(asr, audio);
          perVoice.add(refs.get(id), heard);
        }
        System.out.printf("flite %-5s through pocketsphinx: %s%n", voice, perVoice);
        pooled.addAll(perVoice);
      }
    }
    System.out.println("flite pooled through pocketsphinx: " + pooled);
    assertThat(pooled.referenceWords()).isGreaterThan(100);
    assertThat(pooled.rate()).isLessThanOrEqualTo(0.20);
  }

  @Test
  void latencyAndRealTimeFactorPerVoice() {
    Map<String, String> refs = Corpus.transcripts();
    for (String voice : FliteConfig.VOICES) {
      speak(SENTENCE, voice, 1.0); // warm
      List<Long> firsts = new ArrayList<>();
      long synthNanos = 0;
      long samples = 0;
      for (String text : refs.values()) {
        long t0 = System.nanoTime();
        try (SynthesisStream s = flite.synthesize(SynthesisRequest.of(text).withVoice(voice))) {
          short[] c = s.next();
          firsts.add(System.nanoTime() - t0);
          for (; c != null; c = s.next()) {
            samples += c.length;
          }
        }
        synthNanos += System.nanoTime() - t0;
      }
      long[] f = firsts.stream().mapToLong(Long::longValue).sorted().toArray();
      double audioSeconds = samples / 16e3;
      System.out.printf(
          Locale.ROOT,
          "flite %-5s %d sentences, %.1f s of audio: first chunk p50 %.1f ms, max %.1f ms;"
              + " real-time factor %.4f (%.0fx faster than real time)%n",
          voice, f.length, audioSeconds, f[f.length / 2] / 1e6, f[f.length - 1] / 1e6,
          synthNanos / 1e9 / audioSeconds, audioSeconds / (synthNanos / 1e9));
      assertThat(synthNanos / 1e9 / audioSeconds).as(voice + " RTF").isLessThan(0.5);
    }
  }

  @Test
  void textWithNothingSpeakableGivesNoAudioAndHostileTextIsSafe() {
    for (String text : List.of("", "   ", "...", "\uD83D\uDE00\uD83D\uDE00", "\u4f60\u597d\u3002", "**", "\n\n")) {
      try (SynthesisStream s = flite.synthesize(SynthesisRequest.of(text))) {
        assertThat(s.next()).as("[" + text + "]").isNull();
      }
    }
    assertThat(flite.activeStreams()).isZero();
    assertThat(speak("Caf\u00e9 na\u00efve \u201cquoted\u201d \u2014 **bold** `code` \u2026 fin.", "alloy", 1.0).length)
        .isGreaterThan(16_000);
    Random rnd = new Random(7);
    for (int i = 0; i < 40; i++) {
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(120);
      for (int k = 0; k < n; k++) {
        sb.appendCodePoint(rnd.nextInt(4) == 0 ? rnd.nextInt(0x3000) : 32 + rnd.nextInt(95));
      }
      speak(sb.toString(), i % 2 == 0 ? "kal16" : "alloy", 1.0); // must not crash or hang
    }
  }

  @Test
  void textIsPreparedForFlite() {
    assertThat(FliteText.prepare("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e")).isEqualTo("Cafe creme brulee");
    assertThat(FliteText.prepare("\u201cHi,\u201d she said \u2014 it\u2019s 5\u00bd\u2026"))
        .isEqualTo("\"Hi,\" she said , it's 51/2...");
    assertThat(FliteText.prepare("**Bold** and `code` # heading\tand\u00a0nbsp\u0007"))
        .isEqualTo("Bold and code heading and nbsp");
    assertThat(FliteText.prepare("emoji \uD83D\uDE00 here \u4f60\u597d end")).isEqualTo("emoji here end");
    assertThat(FliteText.speakable(FliteText.prepare("\uD83D\uDE00 ... !!"))).isFalse();
    assertThat(FliteText.speakable("a")).isTrue();
  }

  @Test
  void aMissingLibraryNamesTheDebianPackage() {
    assertThatThrownBy(() -> FliteNative.load("libflite-not-installed.so.1"))
        .isInstanceOf(FliteUnavailableException.class)
        .hasMessageContaining("libflite1")
        .hasMessageContaining("libflite-not-installed.so.1")
        .hasMessageContaining("install-deps.sh");
  }

  @Test
  void aClosedEngineRefusesNewStreams() {
    FliteSynthesizer f = new FliteSynthesizer(FliteConfig.defaults().withMaxConcurrent(1));
    SynthesisStream open = f.synthesize(SynthesisRequest.of("Still speaking."));
    f.close();
    assertThatThrownBy(() -> f.synthesize(SynthesisRequest.of("No.")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(drain(open)).isPositive(); // open streams may finish
  }

  // --- helpers -------------------------------------------------------------------------------

  static short[] speak(String text, String voice, double speed) {
    List<short[]> chunks = new ArrayList<>();
    try (SynthesisStream s = flite.synthesize(new SynthesisRequest(text, voice, speed))) {
      for (short[] c = s.next(); c != null; c = s.next()) {
        assertThat(c).isNotEmpty();
        chunks.add(c);
      }
    }
    return concat(chunks);
  }

  private static int drain(SynthesisStream s) {
    int n = 0;
    try (s) {
      for (short[] c = s.next(); c != null; c = s.next()) {
        n += c.length;
      }
    }
    return n;
  }

  private static String recognise(PocketSphinxRecognizer asr, short[] audio16k) {
    try (RecognitionStream s = asr.open(RecognitionRequest.DEFAULT)) {
      for (int i = 0; i < audio16k.length; i += 320) {
        s.accept(Arrays.copyOfRange(audio16k, i, Math.min(audio16k.length, i + 320)));
      }
      return s.finish().text();
    }
  }

  static short[] concat(List<short[]> chunks) {
    short[] all = new short[chunks.stream().mapToInt(c -> c.length).sum()];
    int at = 0;
    for (short[] c : chunks) {
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
    }
    return all;
  }

  static double rms(short[] audio) {
    double sum = 0;
    for (short s : audio) {
      sum += (double) s * s;
    }
    return Math.sqrt(sum / Math.max(1, audio.length));
  }

  static int peak(short[] audio) {
    int p = 0;
    for (short s : audio) {
      p = Math.max(p, Math.abs(s));
    }
    return p;
  }

  private static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no number
    }
    return 0;
  }
}
