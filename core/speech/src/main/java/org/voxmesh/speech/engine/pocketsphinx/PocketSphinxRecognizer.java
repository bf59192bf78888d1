package org.voxmesh.speech.engine.pocketsphinx;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.speech.asr.RecognitionRequest;
import org.voxmesh.speech.asr.RecognitionResult;
import org.voxmesh.speech.asr.RecognitionStream;
import org.voxmesh.speech.asr.RecognizerOverloadedException;
import org.voxmesh.speech.asr.SpeechRecognizer;

/**
 * Streaming US-English recognition with Debian's PocketSphinx (5prealpha C API, through JNA) and
 * its trigram language model.
 *
 * <p>Decoders are pooled: at most {@link PocketSphinxConfig#maxDecoders()} exist, each created on
 * first need (0.25-0.4 s and about 95 MB of native memory each) and reused across utterances. {@link #open} borrows one
 * and throws {@link RecognizerOverloadedException} when all are in use; the stream gives it back
 * when it finishes or closes. Every decoder loads its own copy of the acoustic model and LM: the
 * LM is not shared because sphinxbase's trie LM keeps per-query caches ({@code lm_trie_t}'s
 * {@code backoff_cache}/{@code hist_cache}), so two decoders scoring through one LM at once would
 * race.
 *
 * <p>By default a reused decoder keeps its live cepstral-mean estimate from earlier utterances,
 * PocketSphinx's normal live-mode adaptation to the channel and speaker; with {@link
 * PocketSphinxConfig#resetCepstralMean()} every utterance starts from the model's initial mean
 * instead (through sphinxbase's {@code cmn_live_set}), so results do not depend on the decoder's
 * history.
 *
 * <p>Thread-safe. All calls block (native decoding): run them on worker threads. The request's
 * model, language and prompt are ignored: this engine only knows US English, and results report
 * language {@code en}.
 */
public final class PocketSphinxRecognizer implements SpeechRecognizer {

  public static final String NAME = "pocketsphinx-en-us";
  static final int SAMPLE_RATE = 16_000;

  private static final Logger log = LoggerFactory.getLogger(PocketSphinxRecognizer.class);
  /** ps_init touches process-global sphinxbase state (logging, debug level): one at a time. */
  private static final Object NATIVE_INIT_LOCK = new Object();

  private final PocketSphinxConfig config;
  private final PocketSphinxNative lib;

  private final Object lock = new Object();
  private final ArrayDeque<Decoder> idle = new ArrayDeque<>();
  private int live; // decoders created and not yet freed (idle + in use + being created)
  private int totalCreated;
  private boolean closed;

  /**
   * Checks that the native library and model files are present (failing with a {@link
   * PocketSphinxUnavailableException} naming the Debian packages otherwise) and creates {@link
   * PocketSphinxConfig#preload()} decoders. Other decoders are created on demand.
   */
  public PocketSphinxRecognizer(PocketSphinxConfig config) {
    this.config = config;
    checkModelFiles(config);
    this.lib = PocketSphinxNative.get();
    List<Decoder> warm = new ArrayList<>();
    try {
      for (int i = 0; i < config.preload(); i++) {
        synchronized (lock) {
          live++;
        }
        warm.add(createDecoder());
      }
    } catch (RuntimeException e) {
      warm.forEach(Decoder::free);
      throw e;
    }
    synchronized (lock) {
      idle.addAll(warm);
    }
  }

  /** The Debian model with the default pool size. */
  public PocketSphinxRecognizer() {
    this(PocketSphinxConfig.defaults());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean streaming() {
    return true;
  }

  public PocketSphinxConfig config() {
    return config;
  }

  /** How many decoders this recognizer has created since construction (reuse keeps it low). */
  public int decodersCreated() {
    synchronized (lock) {
      return totalCreated;
    }
  }

  /** Decoders currently lent to open streams. */
  public int decodersInUse() {
    synchronized (lock) {
      return live - idle.size();
    }
  }

  /** Decoders created and waiting for an utterance. */
  public int decodersIdle() {
    synchronized (lock) {
      return idle.size();
    }
  }

  /**
   * Borrows a decoder (creating one if the pool is below its maximum, which takes 0.25-0.4 s) and starts
   * an utterance.
   *
   * @throws RecognizerOverloadedException when {@code maxDecoders} utterances are already open
   */
  @Override
  public RecognitionStream open(RecognitionRequest request) {
    Decoder d = borrow(request.narrowband());
    try {
      d.startUtterance();
    } catch (RuntimeException e) {
      giveBack(d, false);
      throw e;
    }
    return new Stream(d);
  }

  /** Frees idle decoders now and in-use ones when their streams end. Idempotent. */
  @Override
  public void close() {
    List<Decoder> toFree;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      toFree = new ArrayList<>(idle);
      live -= idle.size();
      idle.clear();
    }
    toFree.forEach(Decoder::free);
  }

  private Decoder borrow(boolean narrowband) {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException(NAME + " recognizer is closed");
      }
      // Most recently used first (warm caches), preferring one whose live cepstral mean adapted to
      // the same band: a decoder that just heard telephony audio mis-hears wideband audio, and back.
      Decoder d = idle.stream().filter(x -> x.narrowband == narrowband).findFirst().orElse(idle.peekFirst());
      if (d != null) {
        idle.remove(d);
        d.narrowband = narrowband;
        return d;
      }
      if (live >= config.maxDecoders()) {
        throw new RecognizerOverloadedException(
            NAME + ": all " + config.maxDecoders() + " decoders are busy");
      }
      live++;
    }
    Decoder d;
    try {
      d = createDecoder();
      d.narrowband = narrowband;
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        live--;
      }
      throw e;
    }
    synchronized (lock) {
      if (!closed) {
        return d;
      }
      live--;
    }
    d.free();
    throw new IllegalStateException(NAME + " recognizer is closed");
  }

  private void giveBack(Decoder d, boolean reusable) {
    synchronized (lock) {
      if (reusable && !closed) {
        idle.addFirst(d);
        return;
      }
      live--;
    }
    d.free();
  }

  /** Called with {@code live} already incremented for this decoder. */
  private Decoder createDecoder() {
    List<String> args = new ArrayList<>();
    args.add("-hmm");
    args.add(config.acousticModel().toString());
    args.add("-lm");
    args.add(config.languageModel().toString());
    args.add("-dict");
    args.add(config.dictionary().toString());
    args.addAll(config.extraArgs());
    // cmd_ln_parse_r keeps pointers into argv (as hash keys): keep it alive with the decoder.
    StringArray argv = new StringArray(args.toArray(String[]::new));
    long t0 = System.nanoTime();
    Pointer ps;
    synchronized (NATIVE_INIT_LOCK) {
      Pointer cfg = lib.sb.cmd_ln_parse_r(null, lib.ps.ps_args(), args.size(), argv, 1);
      if (cfg == null) {
        throw new PocketSphinxUnavailableException(
            "PocketSphinx rejected its options " + args + " (see extraArgs)");
      }
      ps = lib.ps.ps_init(cfg);
      lib.sb.cmd_ln_free_r(cfg); // ps_init retained it
    }
    if (ps == null) {
      checkModelFiles(config); // a file vanished since construction: say which
      throw new PocketSphinxUnavailableException(
          "PocketSphinx could not load its model (hmm "
              + config.acousticModel()
              + ", lm "
              + config.languageModel()
              + ", dict "
              + config.dictionary()
              + "): is it a 16 kHz PocketSphinx model? Debian packages "
              + PocketSphinxNative.PACKAGES
              + "; fix: "
              + PocketSphinxNative.FIX);
    }
    synchronized (lock) {
      totalCreated++;
    }
    log.info("{}: decoder created in {} ms", NAME, (System.nanoTime() - t0) / 1_000_000);
    Decoder d = new Decoder(lib, ps, argv);
    if (config.resetCepstralMean()) {
      d.captureInitialCepstralMean();
    }
    return d;
  }

  static void checkModelFiles(PocketSphinxConfig config) {
    check(config.acousticModel().resolve("mdef"), "acoustic model");
    check(config.languageModel(), "language model");
    check(config.dictionary(), "dictionary");
  }

  private static void check(Path p, String what) {
    if (!Files.isReadable(p)) {
      throw new PocketSphinxUnavailableException(
          "PocketSphinx "
              + what
              + " not found: "
              + p
              + " (Debian packages "
              + PocketSphinxNative.PACKAGES
              + "; fix: "
              + PocketSphinxNative.FIX
              + ")");
    }
  }

  /** One native decoder; used by one stream at a time. */
  private static final class Decoder {
    private final PocketSphinxNative lib;
    private final Pointer ps;
    @SuppressWarnings("unused") // must outlive ps: the native config points into it
    private final StringArray argv;
    private final IntByReference score = new IntByReference();
    private boolean inUtterance;
    /** The band of the audio this decoder heard last (its cepstral mean adapted to it). */
    private boolean narrowband;
    /** The feature extractor's CMN state and its initial mean, or null when not resettable. */
    private Pointer cmn;
    private float[] initialMean;

    Decoder(PocketSphinxNative lib, Pointer ps, StringArray argv) {
      this.lib = lib;
      this.ps = ps;
      this.argv = argv;
    }

    /**
     * Remembers the live cepstral mean the decoder starts with (the model's {@code -cmninit}) so
     * every utterance can start from it: otherwise the mean adapted to the previous utterance,
     * possibly another caller's, carries over and the same audio decodes differently depending on
     * what the pooled decoder heard before. Skipped (with a warning) if the native structs do not
     * look as expected.
     */
    void captureInitialCepstralMean() {
      Pointer feat = lib.ps.ps_get_feat(ps);
      if (feat == null) {
        return;
      }
      int cepsize = feat.getInt(PocketSphinxNative.FEAT_CEPSIZE_OFFSET);
      Pointer c = feat.getPointer(PocketSphinxNative.FEAT_CMN_STRUCT_OFFSET);
      if (cepsize < 1 || cepsize > 64 || c == null) {
        log.warn("{}: unexpected feat_t layout; the cepstral mean is not reset per utterance", NAME);
        return;
      }
      int veclen = c.getInt(PocketSphinxNative.CMN_VECLEN_OFFSET);
      if (veclen != cepsize) {
        log.warn("{}: unexpected cmn_t layout; the cepstral mean is not reset per utterance", NAME);
        return;
      }
      float[] mean = new float[veclen];
      lib.sb.cmn_live_get(c, mean);
      for (float v : mean) {
        if (!Float.isFinite(v) || Math.abs(v) > 1e4) {
          log.warn("{}: implausible cepstral mean; it is not reset per utterance", NAME);
          return;
        }
      }
      cmn = c;
      initialMean = mean;
    }

    void startUtterance() {
      if (cmn != null) {
        lib.sb.cmn_live_set(cmn, initialMean);
      }
      if (lib.ps.ps_start_utt(ps) < 0) {
        throw new IllegalStateException(NAME + ": ps_start_utt failed");
      }
      inUtterance = true;
    }

    void process(short[] pcm) {
      if (lib.ps.ps_process_raw(ps, pcm, new NativeLong(pcm.length), 0, 0) < 0) {
        throw new IllegalStateException(NAME + ": ps_process_raw failed");
      }
    }

    String hypothesis() {
      String h = lib.ps.ps_get_hyp(ps, score);
      return h == null ? "" : h.trim();
    }

    /** Ends the utterance; returns false if the decoder reported an error. */
    boolean endUtterance() {
      inUtterance = false;
      return lib.ps.ps_end_utt(ps) >= 0;
    }

    void free() {
      if (inUtterance) {
        endUtterance();
      }
      lib.ps.ps_free(ps);
    }
  }

  private final class Stream implements RecognitionStream {
    private Decoder decoder;
    private String lastPartial = "";
    private long samples;
    private boolean finished;
    private boolean closed;
    private boolean healthy = true;

    Stream(Decoder decoder) {
      this.decoder = decoder;
    }

    @Override
    public String accept(short[] pcm16k) {
      ensureOpen();
      if (pcm16k.length == 0) {
        return null;
      }
      try {
        decoder.process(pcm16k);
      } catch (RuntimeException e) {
        healthy = false;
        throw e;
      }
      samples += pcm16k.length;
      String hyp = decoder.hypothesis();
      if (hyp.equals(lastPartial)) {
        return null;
      }
      lastPartial = hyp;
      return hyp;
    }

    @Override
    public RecognitionResult finish() {
      ensureOpen();
      finished = true;
      boolean ok = decoder.endUtterance();
      String text = ok ? decoder.hypothesis() : "";
      release(ok);
      if (!ok) {
        throw new IllegalStateException(NAME + ": ps_end_utt failed");
      }
      return new RecognitionResult(text, "en", samples / (double) SAMPLE_RATE);
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (decoder != null) {
        boolean ok = healthy && decoder.endUtterance(); // abandon the utterance
        release(ok);
      }
    }

    private void release(boolean reusable) {
      Decoder d = decoder;
      decoder = null;
      if (d != null) {
        giveBack(d, reusable && healthy);
      }
    }

    private void ensureOpen() {
      if (closed) {
        throw new IllegalStateException("recognition stream is closed");
      }
      if (finished) {
        throw new IllegalStateException("recognition stream is finished");
      }
    }
  }
}
