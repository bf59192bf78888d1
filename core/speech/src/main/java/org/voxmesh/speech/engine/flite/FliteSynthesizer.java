package org.voxmesh.speech.engine.flite;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.speech.tts.SentenceSplitter;
import org.voxmesh.speech.tts.SpeechSynthesizer;
import org.voxmesh.speech.tts.SynthesisException;
import org.voxmesh.speech.tts.SynthesisRequest;
import org.voxmesh.speech.tts.SynthesisStream;
import org.voxmesh.speech.tts.SynthesizerOverloadedException;

/**
 * US-English speech with Debian's Flite 2.2 ({@code libflite1}, through JNA), 16 kHz mono.
 *
 * <p><b>Voices.</b> The request's voice is looked up in this order: a Flite voice name ({@code slt
 * rms awb kal16}, optionally written {@code flite/slt} or {@code cmu_us_slt}) selects that voice;
 * an OpenAI voice name goes through {@link FliteConfig#voiceMap()} (by default {@code alloy coral
 * sage shimmer marin nova} → {@code slt}, {@code ash echo cedar onyx} → {@code rms}, {@code ballad
 * verse fable} → {@code awb}); anything else (an unknown custom id such as {@code voice_1234})
 * falls back to {@link FliteConfig#defaultVoice()}, logged once per id, so a client that asks for a
 * voice this server lacks still hears speech. {@link #voiceFor} tells which voice a name gets.
 *
 * <p><b>Speed</b> is Flite's {@code duration_stretch} feature (1/speed), set on each utterance
 * (not on the shared voice), so it changes the speaking rate without changing the pitch.
 *
 * <p><b>Streaming.</b> The text is cut into sentences ({@link SentenceSplitter}) and each is
 * synthesised whole when {@link SynthesisStream#next()} needs it (a sentence takes about 1/90 of
 * its duration with slt/rms/awb, 1/2000 with kal16), then handed out in chunks of at most 200 ms. So
 * the first chunk waits only for the first sentence, and {@link SynthesisStream#cancel()} takes
 * effect at the latest when the sentence being synthesised is done. The leading pause Flite puts
 * before every utterance (150-290 ms) is cut to 50 ms for the first sentence of a stream (it would
 * only delay the first sound) and to 120 ms for the others (a natural gap between sentences); the
 * pause Flite leaves after an utterance (80-180 ms) is kept.
 *
 * <p><b>Text.</b> Flite only reads ASCII: accents are stripped, typographic punctuation is mapped to
 * ASCII, Markdown emphasis marks are removed, other scripts and emoji are dropped; sentences with
 * nothing speakable left make no sound.
 *
 * <p><b>Concurrency.</b> Flite voices are process-wide singletons and Flite does not promise that
 * one voice object can synthesise on two threads at once, so synthesis is serialised per voice (a
 * fair lock shared by every instance in the JVM); different voices run in parallel. At most {@link
 * FliteConfig#maxConcurrent()} streams are open at once per instance; {@link #synthesize} refuses
 * beyond with {@link SynthesizerOverloadedException}. Since a sentence takes tens of milliseconds,
 * a stream waiting for a busy voice waits at most about that much per stream ahead of it.
 */
public final class FliteSynthesizer implements SpeechSynthesizer {

  public static final String NAME = "flite";
  public static final int SAMPLE_RATE = 16_000;

  static final int CHUNK_SAMPLES = SAMPLE_RATE / 5; // 200 ms
  /** Leading pause kept before the first sentence of a stream, and before the others. */
  static final int FIRST_LEAD_SAMPLES = SAMPLE_RATE * 50 / 1000;

  static final int LEAD_SAMPLES = SAMPLE_RATE * 120 / 1000;
  /** |sample| below this (about -40 dBFS) counts as the pause before speech. */
  static final int SILENCE_LEVEL = 300;

  private static final Logger log = LoggerFactory.getLogger(FliteSynthesizer.class);
  private static final int MAX_LOGGED_UNKNOWN = 100;

  private final FliteConfig config;
  private final FliteNative lib;
  private final Map<String, FliteNative.Voice> voices = new LinkedHashMap<>();
  private final Semaphore permits;
  private final Set<String> loggedUnknown = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Loads libflite and registers every voice of {@link FliteConfig#VOICES} (about 0.1 s and 5-7 MB
   * each), failing with a {@link FliteUnavailableException} naming the Debian package {@code
   * libflite1} when they are missing.
   */
  public FliteSynthesizer(FliteConfig config) {
    this.config = config;
    this.lib = FliteNative.get();
    long t0 = System.nanoTime();
    for (String v : FliteConfig.VOICES) {
      voices.put(v, lib.voice(v));
    }
    log.debug("{}: voices {} ready in {} ms", NAME, voices.keySet(), (System.nanoTime() - t0) / 1_000_000);
    this.permits = new Semaphore(config.maxConcurrent());
  }

  /** The default voice mapping and limits. */
  public FliteSynthesizer() {
    this(FliteConfig.defaults());
  }

  /** The default voice mapping, at most {@code maxConcurrent} open streams. */
  public FliteSynthesizer(int maxConcurrent) {
    this(FliteConfig.defaults().withMaxConcurrent(maxConcurrent));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int sampleRate() {
    return SAMPLE_RATE;
  }

  public FliteConfig config() {
    return config;
  }

  /** Streams currently open (holding capacity). */
  public int activeStreams() {
    return config.maxConcurrent() - permits.availablePermits();
  }

  /**
   * The Flite voice ({@code slt rms awb kal16}) a request voice gets: see the class comment. Never
   * null.
   */
  public String voiceFor(String voice) {
    String known = knownVoice(voice);
    return known != null ? known : config.defaultVoice();
  }

  /** The Flite voice a name selects, or null when the name is unknown. */
  private String knownVoice(String voice) {
    String key = voice == null || voice.isBlank() ? SynthesisRequest.DEFAULT_VOICE : voice.strip().toLowerCase(Locale.ROOT);
    String bare = key;
    for (String prefix : new String[] {"flite/", "flite:", "cmu_us_"}) {
      if (bare.startsWith(prefix)) {
        bare = bare.substring(prefix.length());
      }
    }
    if (FliteConfig.VOICES.contains(bare)) {
      return bare;
    }
    return config.voiceMap().get(key);
  }

  /**
   * @throws SynthesizerOverloadedException when {@code maxConcurrent} streams are open
   */
  @Override
  public SynthesisStream synthesize(SynthesisRequest request) {
    if (closed) {
      throw new IllegalStateException(NAME + " synthesizer is closed");
    }
    String voiceName = knownVoice(request.voice());
    if (voiceName == null) {
      voiceName = config.defaultVoice();
      if (loggedUnknown.size() < MAX_LOGGED_UNKNOWN && loggedUnknown.add(request.voiceKey())) {
        log.info("{}: unknown voice '{}', using the default voice {}", NAME, request.voice(), voiceName);
      }
    }
    if (!permits.tryAcquire()) {
      throw new SynthesizerOverloadedException(
          NAME + ": all " + config.maxConcurrent() + " synthesis streams are busy");
    }
    try {
      return new Stream(voices.get(voiceName), (float) (1.0 / request.speed()), request.text());
    } catch (RuntimeException | Error e) {
      permits.release();
      throw e;
    }
  }

  /** Refuses new streams; open ones may finish. The voices stay loaded (they are process-wide). */
  @Override
  public void close() {
    closed = true;
  }

  /**
   * Synthesises one sentence (already prepared ASCII) with the voice, holding its lock.
   *
   * @return the samples, or null if {@code stream} was cancelled while waiting for the voice
   */
  private short[] synthesizeSentence(FliteNative.Voice voice, String text, float stretch, Stream stream) {
    try {
      voice.lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SynthesisException(NAME + ": interrupted while waiting for voice " + voice.name, e);
    }
    try {
      if (stream.cancelled) {
        return null;
      }
      FliteNative.Flite f = lib.flite;
      Memory input = FliteNative.cString(text);
      Pointer utt = f.new_utterance();
      if (utt == null) {
        throw new SynthesisException(NAME + ": new_utterance failed");
      }
      try {
        f.utt_set_input_text(utt, input);
        f.utt_init(utt, voice.ptr);
        if (stretch != 1f) {
          f.flite_feat_set_float(
              utt.getPointer(FliteNative.UTT_FEATURES), FliteNative.DURATION_STRETCH, stretch);
        }
        if (f.utt_synth(utt) == null) {
          throw new SynthesisException(NAME + " (" + voice.name + ") failed to synthesise a sentence");
        }
        Pointer wave = f.utt_wave(utt);
        if (wave == null) {
          return new short[0];
        }
        int rate = wave.getInt(FliteNative.WAVE_SAMPLE_RATE);
        int n = wave.getInt(FliteNative.WAVE_NUM_SAMPLES);
        int channels = wave.getInt(FliteNative.WAVE_NUM_CHANNELS);
        if (rate != SAMPLE_RATE || channels != 1 || n < 0) {
          throw new SynthesisException(
              NAME + " (" + voice.name + ") produced " + rate + " Hz, " + channels
                  + " channels, " + n + " samples; expected 16000 Hz mono");
        }
        Pointer samples = wave.getPointer(FliteNative.WAVE_SAMPLES);
        return n == 0 || samples == null ? new short[0] : samples.getShortArray(0, n);
      } finally {
        f.delete_utterance(utt);
        input.close();
      }
    } finally {
      voice.lock.unlock();
    }
  }

  /** Where speech starts, keeping {@code keep} samples of the pause before it. */
  static int speechStart(short[] pcm, int keep) {
    for (int i = 0; i < pcm.length; i++) {
      if (Math.abs(pcm[i]) >= SILENCE_LEVEL) {
        return Math.max(0, i - keep);
      }
    }
    return 0; // no speech at all: leave it
  }

  private final class Stream implements SynthesisStream {
    private final FliteNative.Voice voice;
    private final float stretch;
    private final Deque<String> sentences;
    private final AtomicBoolean released = new AtomicBoolean();
    volatile boolean cancelled;
    private boolean finished;
    private boolean first = true;
    private short[] current;
    private int pos;

    Stream(FliteNative.Voice voice, float stretch, String text) {
      this.voice = voice;
      this.stretch = stretch;
      this.sentences = new ArrayDeque<>();
      for (String s : SentenceSplitter.split(text)) {
        String p = FliteText.prepare(s);
        if (FliteText.speakable(p)) {
          sentences.add(p);
        }
      }
    }

    @Override
    public short[] next() {
      if (cancelled || finished) {
        release();
        return null;
      }
      try {
        while (current == null || pos >= current.length) {
          current = null;
          String sentence = sentences.poll();
          if (sentence == null) {
            finished = true;
            release();
            return null;
          }
          short[] pcm = synthesizeSentence(voice, sentence, stretch, this);
          if (pcm == null || cancelled) {
            release();
            return null;
          }
          pos = speechStart(pcm, first ? FIRST_LEAD_SAMPLES : LEAD_SAMPLES);
          first = false;
          current = pcm;
        }
      } catch (RuntimeException | Error e) {
        finished = true;
        release();
        throw e;
      }
      int n = Math.min(CHUNK_SAMPLES, current.length - pos);
      short[] chunk = Arrays.copyOfRange(current, pos, pos + n);
      pos += n;
      return chunk;
    }

    @Override
    public void cancel() {
      cancelled = true;
      release();
    }

    @Override
    public void close() {
      cancel();
    }

    private void release() {
      if (released.compareAndSet(false, true)) {
        permits.release();
      }
    }
  }
}
