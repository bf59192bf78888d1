package org.voxmesh.speech.engine.pocketsphinx;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * JNA binding to the PocketSphinx "5prealpha" C API as shipped by Debian 12 ({@code
 * libpocketsphinx3}, {@code libsphinxbase3}). The libraries are loaded by soname, so only the runtime
 * packages are needed.
 *
 * <p>Not the PocketSphinx 5.x ({@code ps_config_t}) API: a later Debian moving to 5.x needs a new
 * binding.
 */
final class PocketSphinxNative {

  static final String POCKETSPHINX_SONAME = "libpocketsphinx.so.3";
  static final String SPHINXBASE_SONAME = "libsphinxbase.so.3";
  static final String PACKAGES = "libpocketsphinx3 pocketsphinx-en-us";
  static final String FIX = "./voxmesh run installs them (or: apt-get install libpocketsphinx3 libsphinxbase3 pocketsphinx-en-us)";

  /** libpocketsphinx.so.3 */
  interface PocketSphinx extends Library {
    /** {@code arg_t const *ps_args(void)}: the option definitions for cmd_ln_parse_r. */
    Pointer ps_args();

    /** {@code ps_decoder_t *ps_init(cmd_ln_t *config)}: retains config; NULL on failure. */
    Pointer ps_init(Pointer config);

    int ps_free(Pointer ps);

    int ps_start_utt(Pointer ps);

    /**
     * {@code int ps_process_raw(ps_decoder_t *ps, int16 const *data, size_t n_samples, int
     * no_search, int full_utt)}. size_t is mapped as NativeLong: both are 64 bits on LP64 Linux.
     */
    int ps_process_raw(Pointer ps, short[] data, NativeLong nSamples, int noSearch, int fullUtt);

    int ps_end_utt(Pointer ps);

    /** {@code char const *ps_get_hyp(ps_decoder_t *ps, int32 *out_best_score)}; may be NULL. */
    String ps_get_hyp(Pointer ps, IntByReference outBestScore);

    /** {@code feat_t *ps_get_feat(ps_decoder_t *ps)}: the decoder's feature computation. */
    Pointer ps_get_feat(Pointer ps);
  }

  /** libsphinxbase.so.3 */
  interface SphinxBase extends Library {
    /**
     * {@code cmd_ln_t *cmd_ln_parse_r(cmd_ln_t *inout, arg_t const *defn, int32 argc, char *argv[],
     * int32 strict)}. The returned object keeps pointers to the argv strings (they become hash
     * keys), so argv must stay allocated for as long as the config lives.
     */
    Pointer cmd_ln_parse_r(Pointer inout, Pointer defn, int argc, Pointer argv, int strict);

    int cmd_ln_free_r(Pointer cmdln);

    /** {@code err_set_logfp(NULL)} silences the C logger (it otherwise writes to stderr). */
    void err_set_logfp(Pointer fp);

    /** {@code void cmn_live_get(cmn_t *cmn, mfcc_t *vec)}: the live cepstral mean. */
    void cmn_live_get(Pointer cmn, float[] vec);

    /** {@code void cmn_live_set(cmn_t *cmn, mfcc_t const *vec)}: resets the live cepstral mean. */
    void cmn_live_set(Pointer cmn, float[] vec);
  }

  /*
   * Layout of the public sphinxbase structs (sphinxbase/feat.h, sphinxbase/cmn.h) on LP64, with
   * mfcc_t = float (Debian does not build the fixed-point variant). Only read, and only after the
   * plausibility checks in CmnReset.
   */
  /** {@code feat_t.cepsize} (int32 after int refcount and char *name). */
  static final int FEAT_CEPSIZE_OFFSET = 16;
  /** {@code feat_t.cmn_struct}: after the compute_feat function pointer at 80. */
  static final int FEAT_CMN_STRUCT_OFFSET = 88;
  /** {@code cmn_t.veclen}: after three mfcc_t pointers and int32 nframe. */
  static final int CMN_VECLEN_OFFSET = 28;

  private static volatile PocketSphinxNative instance;
  private static Throwable loadFailure;

  final PocketSphinx ps;
  final SphinxBase sb;

  private PocketSphinxNative(PocketSphinx ps, SphinxBase sb) {
    this.ps = ps;
    this.sb = sb;
  }

  /** Loads both libraries once per JVM. */
  static PocketSphinxNative get() {
    PocketSphinxNative n = instance;
    if (n != null) {
      return n;
    }
    synchronized (PocketSphinxNative.class) {
      if (instance == null) {
        if (loadFailure != null) {
          throw unavailable(loadFailure);
        }
        try {
          instance = load(SPHINXBASE_SONAME, POCKETSPHINX_SONAME);
        } catch (UnsatisfiedLinkError | PocketSphinxUnavailableException e) {
          loadFailure = e;
          throw unavailable(e);
        }
      }
      return instance;
    }
  }

  /** Loads the named libraries (visible for the missing-library test). */
  static PocketSphinxNative load(String sphinxbaseName, String pocketsphinxName) {
    SphinxBase sb;
    PocketSphinx ps;
    try {
      sb = Native.load(sphinxbaseName, SphinxBase.class);
      ps = Native.load(pocketsphinxName, PocketSphinx.class);
    } catch (UnsatisfiedLinkError e) {
      throw unavailable(e);
    }
    sb.err_set_logfp(null);
    return new PocketSphinxNative(ps, sb);
  }

  private static PocketSphinxUnavailableException unavailable(Throwable cause) {
    if (cause instanceof PocketSphinxUnavailableException p) {
      return p;
    }
    return new PocketSphinxUnavailableException(
        "PocketSphinx is not installed: cannot load "
            + POCKETSPHINX_SONAME
            + " / "
            + SPHINXBASE_SONAME
            + " (Debian packages "
            + PACKAGES
            + "; fix: "
            + FIX
            + "): "
            + cause.getMessage(),
        cause);
  }
}
