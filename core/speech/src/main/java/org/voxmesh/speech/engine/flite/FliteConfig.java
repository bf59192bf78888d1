package org.voxmesh.speech.engine.flite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Configuration of {@link FliteSynthesizer}.
 *
 * @param defaultVoice the Flite voice for voice names and ids the mapping does not know (default
 *     {@code slt})
 * @param voiceMap voice name (lower case) to Flite voice; defaults to {@link #DEFAULT_VOICE_MAP}.
 *     The Flite voice names themselves ({@code slt rms awb kal16}) always select that voice
 * @param maxConcurrent the most streams open at once; beyond it {@code synthesize} refuses (default
 *     {@value #DEFAULT_MAX_CONCURRENT})
 */
public record FliteConfig(String defaultVoice, Map<String, String> voiceMap, int maxConcurrent) {

  /**
   * The Flite voices of Debian's {@code libflite1} that this engine offers, all 16 kHz: {@code slt}
   * (US English female), {@code rms} (US English male), {@code awb} (Scottish English male), all
   * three CMU ARCTIC voices; and {@code kal16} (US English male diphone voice, robotic but ~20 times
   * faster). ({@code kal} is 8 kHz and {@code cmu_time_awb} only speaks the time: left out.)
   */
  public static final List<String> VOICES = List.of("slt", "rms", "awb", "kal16");

  /**
   * The OpenAI voices onto the Flite voices: the female-sounding ones onto {@code slt}, the male ones
   * onto {@code rms}, and the more expressive/storytelling male ones ({@code ballad verse fable})
   * onto {@code awb}. {@code kal16} is only reachable by its own name.
   */
  public static final Map<String, String> DEFAULT_VOICE_MAP;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    for (String v : List.of("alloy", "coral", "sage", "shimmer", "marin", "nova")) {
      m.put(v, "slt");
    }
    for (String v : List.of("ash", "echo", "cedar", "onyx")) {
      m.put(v, "rms");
    }
    for (String v : List.of("ballad", "verse", "fable")) {
      m.put(v, "awb");
    }
    DEFAULT_VOICE_MAP = Collections.unmodifiableMap(m);
  }

  public static final String DEFAULT_VOICE = "slt";
  public static final int DEFAULT_MAX_CONCURRENT = 16;

  public FliteConfig {
    defaultVoice = defaultVoice == null || defaultVoice.isBlank() ? DEFAULT_VOICE : flite(defaultVoice, "defaultVoice");
    Map<String, String> m = new LinkedHashMap<>();
    if (voiceMap == null) {
      m.putAll(DEFAULT_VOICE_MAP);
    } else {
      voiceMap.forEach(
          (k, v) -> {
            if (k == null || k.isBlank()) {
              throw new IllegalArgumentException("voiceMap has a blank voice name");
            }
            m.put(k.strip().toLowerCase(Locale.ROOT), flite(v, "voiceMap[" + k + "]"));
          });
    }
    voiceMap = Collections.unmodifiableMap(m);
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
    }
  }

  /** Voice {@code slt} by default, the OpenAI mapping, {@value #DEFAULT_MAX_CONCURRENT} streams. */
  public static FliteConfig defaults() {
    return new FliteConfig(DEFAULT_VOICE, DEFAULT_VOICE_MAP, DEFAULT_MAX_CONCURRENT);
  }

  public FliteConfig withDefaultVoice(String v) {
    return new FliteConfig(v, voiceMap, maxConcurrent);
  }

  /** Replaces the whole mapping. */
  public FliteConfig withVoiceMap(Map<String, String> m) {
    return new FliteConfig(defaultVoice, m, maxConcurrent);
  }

  /** Adds to (or overrides entries of) the mapping. */
  public FliteConfig withVoices(Map<String, String> extra) {
    Map<String, String> m = new LinkedHashMap<>(voiceMap);
    extra.forEach((k, v) -> m.put(k.strip().toLowerCase(Locale.ROOT), v));
    return new FliteConfig(defaultVoice, m, maxConcurrent);
  }

  public FliteConfig withMaxConcurrent(int n) {
    return new FliteConfig(defaultVoice, voiceMap, n);
  }

  private static String flite(String v, String what) {
    String n = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
    if (!VOICES.contains(n)) {
      throw new IllegalArgumentException(
          what + " must be one of the Flite voices " + VOICES + ", got '" + v + "'");
    }
    return n;
  }
}
