package org.voxmesh.speech.engine.flite;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * JNA binding to Flite 2.2 as shipped by Debian 12 ({@code libflite1}): {@code libflite.so.1} and
 * one library per voice ({@code libflite_cmu_us_slt.so.1} ...), loaded by soname so only the
 * runtime package is needed.
 *
 * <p>A voice is a process-wide singleton ({@code register_cmu_us_<name>} returns the same {@code
 * cst_voice} every time), so the per-voice locks live here, shared by every {@link FliteSynthesizer}
 * of the JVM.
 */
final class FliteNative {

  static final String FLITE_SONAME = "libflite.so.1";
  static final String PACKAGE = "libflite1";
  static final String FIX = "scripts/install-deps.sh installs it (or: apt-get install libflite1)";

  /**
   * Layout of {@code cst_wave} on LP64 (flite/cst_wave.h): {@code const char *type; int sample_rate;
   * int num_samples; int num_channels; short *samples;}.
   */
  static final int WAVE_SAMPLE_RATE = 8;

  static final int WAVE_NUM_SAMPLES = 12;
  static final int WAVE_NUM_CHANNELS = 16;
  static final int WAVE_SAMPLES = 24;

  /** {@code cst_utterance.features} is its first member (flite/cst_utterance.h). */
  static final int UTT_FEATURES = 0;

  /** libflite.so.1 */
  interface Flite extends Library {
    int flite_init();

    /** {@code cst_utterance *new_utterance(void)} */
    Pointer new_utterance();

    /** {@code int utt_set_input_text(cst_utterance *u, const char *text)}: copies the text. */
    int utt_set_input_text(Pointer utt, Pointer text);

    /** {@code cst_utterance *utt_init(cst_utterance *u, cst_voice *vox)}: links in the voice. */
    Pointer utt_init(Pointer utt, Pointer voice);

    /** {@code cst_utterance *utt_synth(cst_utterance *u)}: NULL on failure (u stays owned by us). */
    Pointer utt_synth(Pointer utt);

    /** {@code cst_wave *utt_wave(cst_utterance *u)}: owned by the utterance; may be NULL. */
    Pointer utt_wave(Pointer utt);

    void delete_utterance(Pointer utt);

    /**
     * {@code void flite_feat_set_float(cst_features *f, const char *name, float v)}. Flite keeps
     * the name pointer (it does not copy feature names), so it must stay allocated: pass {@link
     * #DURATION_STRETCH}.
     */
    void flite_feat_set_float(Pointer features, Pointer name, float value);
  }

  /** The feature name, allocated once for the life of the JVM (Flite keeps the pointer). */
  static final Memory DURATION_STRETCH = cString("duration_stretch");

  private static volatile FliteNative instance;
  private static Throwable loadFailure;

  final Flite flite;
  private final Map<String, Voice> voices = new ConcurrentHashMap<>();

  private FliteNative(Flite flite) {
    this.flite = flite;
  }

  /** A registered voice and the lock that serialises synthesis with it. */
  static final class Voice {
    final String name;
    final Pointer ptr;
    /** Fair, so a busy voice serves its waiting streams in arrival order. */
    final ReentrantLock lock = new ReentrantLock(true);

    @SuppressWarnings("unused") // keeps the voice library loaded
    private final NativeLibrary library;

    Voice(String name, Pointer ptr, NativeLibrary library) {
      this.name = name;
      this.ptr = ptr;
      this.library = library;
    }
  }

  /** Loads libflite once per JVM. */
  static FliteNative get() {
    FliteNative n = instance;
    if (n != null) {
      return n;
    }
    synchronized (FliteNative.class) {
      if (instance == null) {
        if (loadFailure != null) {
          throw unavailable(FLITE_SONAME, loadFailure);
        }
        try {
          instance = load(FLITE_SONAME);
        } catch (FliteUnavailableException e) {
          loadFailure = e.getCause() != null ? e.getCause() : e;
          throw e;
        }
      }
      return instance;
    }
  }

  /** Loads the named library (visible for the missing-library test). */
  static FliteNative load(String soname) {
    Flite f;
    try {
      f = Native.load(soname, Flite.class);
    } catch (UnsatisfiedLinkError e) {
      throw unavailable(soname, e);
    }
    f.flite_init();
    return new FliteNative(f);
  }

  /** Registers a voice on first use ({@code register_cmu_us_<name>(NULL)} from its own library). */
  Voice voice(String name) {
    Voice v = voices.get(name);
    if (v != null) {
      return v;
    }
    synchronized (this) {
      v = voices.get(name);
      if (v == null) {
        v = register(name);
        voices.put(name, v);
      }
      return v;
    }
  }

  private static Voice register(String name) {
    String soname = "libflite_cmu_us_" + name + ".so.1";
    String symbol = "register_cmu_us_" + name;
    NativeLibrary lib;
    Function register;
    try {
      lib = NativeLibrary.getInstance(soname);
      register = lib.getFunction(symbol);
    } catch (UnsatisfiedLinkError e) {
      throw unavailable(soname, e);
    }
    Pointer p = register.invokePointer(new Object[] {null});
    if (p == null) {
      throw new FliteUnavailableException(
          "Flite voice " + name + ": " + symbol + " returned NULL (Debian package " + PACKAGE + ")");
    }
    return new Voice(name, p, lib);
  }

  static Memory cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    Memory m = new Memory(b.length + 1L);
    m.write(0, b, 0, b.length);
    m.setByte(b.length, (byte) 0);
    return m;
  }

  static FliteUnavailableException unavailable(String soname, Throwable cause) {
    if (cause instanceof FliteUnavailableException f) {
      return f;
    }
    return new FliteUnavailableException(
        "Flite is not installed: cannot load "
            + soname
            + " (Debian package "
            + PACKAGE
            + "; fix: "
            + FIX
            + "): "
            + cause.getMessage(),
        cause);
  }
}
