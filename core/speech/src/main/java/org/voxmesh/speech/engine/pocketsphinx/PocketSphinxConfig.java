package org.voxmesh.speech.engine.pocketsphinx;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of {@link PocketSphinxRecognizer}.
 *
 * @param acousticModel the acoustic model directory ({@code -hmm}); must be a 16 kHz model
 * @param languageModel the n-gram language model ({@code -lm}, ARPA or binary)
 * @param dictionary the pronunciation dictionary ({@code -dict})
 * @param maxDecoders the most decoders alive at once, i.e. the most concurrent utterances (each
 *     decoder costs about 90 MB of native memory)
 * @param preload decoders created eagerly by the constructor (0 = all lazily, on first use)
 * @param resetCepstralMean whether every utterance starts from the model's initial cepstral mean
 *     ({@code -cmninit}). PocketSphinx adapts that mean to the audio it hears, and a pooled decoder
 *     normally carries it over from its previous utterance (perhaps another caller's). {@code
 *     false} (the default) keeps that live adaptation, which measured better on the corpus (6.8 %
 *     against 10.6 % pooled WER when each voice's utterances follow one another); {@code true}
 *     makes a transcript independent of what the decoder heard before
 * @param extraArgs further PocketSphinx command-line options as name/value pairs, e.g. {@code
 *     ["-beam", "1e-60"]}; may be empty
 */
public record PocketSphinxConfig(
    Path acousticModel,
    Path languageModel,
    Path dictionary,
    int maxDecoders,
    int preload,
    boolean resetCepstralMean,
    List<String> extraArgs) {

  /** Where Debian's {@code pocketsphinx-en-us} package installs the US-English model. */
  public static final Path DEBIAN_MODEL_DIR = Path.of("/usr/share/pocketsphinx/model/en-us");

  public static final int DEFAULT_MAX_DECODERS = 4;

  public PocketSphinxConfig {
    Objects.requireNonNull(acousticModel, "acousticModel");
    Objects.requireNonNull(languageModel, "languageModel");
    Objects.requireNonNull(dictionary, "dictionary");
    if (maxDecoders < 1) {
      throw new IllegalArgumentException("maxDecoders must be >= 1, got " + maxDecoders);
    }
    if (preload < 0 || preload > maxDecoders) {
      throw new IllegalArgumentException(
          "preload must be in [0, maxDecoders=" + maxDecoders + "], got " + preload);
    }
    extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
    if (extraArgs.size() % 2 != 0) {
      throw new IllegalArgumentException("extraArgs must be name/value pairs: " + extraArgs);
    }
  }

  /** The Debian model ({@link #DEBIAN_MODEL_DIR}) with {@value #DEFAULT_MAX_DECODERS} decoders. */
  public static PocketSphinxConfig defaults() {
    return fromModelDir(DEBIAN_MODEL_DIR);
  }

  /**
   * A model laid out like Debian's: {@code dir/en-us/}, {@code dir/en-us.lm.bin}, {@code
   * dir/cmudict-en-us.dict}.
   */
  public static PocketSphinxConfig fromModelDir(Path dir) {
    return new PocketSphinxConfig(
        dir.resolve("en-us"),
        dir.resolve("en-us.lm.bin"),
        dir.resolve("cmudict-en-us.dict"),
        DEFAULT_MAX_DECODERS,
        0,
        false,
        List.of());
  }

  public PocketSphinxConfig withMaxDecoders(int max) {
    return new PocketSphinxConfig(
        acousticModel,
        languageModel,
        dictionary,
        max,
        Math.min(preload, max),
        resetCepstralMean,
        extraArgs);
  }

  public PocketSphinxConfig withPreload(int n) {
    return new PocketSphinxConfig(
        acousticModel, languageModel, dictionary, maxDecoders, n, resetCepstralMean, extraArgs);
  }

  public PocketSphinxConfig withResetCepstralMean(boolean reset) {
    return new PocketSphinxConfig(
        acousticModel, languageModel, dictionary, maxDecoders, preload, reset, extraArgs);
  }

  public PocketSphinxConfig withExtraArgs(List<String> args) {
    return new PocketSphinxConfig(
        acousticModel, languageModel, dictionary, maxDecoders, preload, resetCepstralMean, args);
  }
}
