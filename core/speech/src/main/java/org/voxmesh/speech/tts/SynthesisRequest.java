package org.voxmesh.speech.tts;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What to say and how.
 *
 * @param text the text; may hold several sentences (engines split it themselves) and may be empty
 *     (then the stream yields no audio)
 * @param voice an OpenAI voice name ({@link #OPENAI_VOICES}; also {@code fable onyx nova} of the
 *     speech API) or an engine-specific custom voice id; null or blank means {@value
 *     #DEFAULT_VOICE}. Names are matched case-insensitively; each engine documents how it maps
 *     them and what it does with ids it does not know
 * @param speed the speaking rate, 1.0 = normal, in [{@value #MIN_SPEED}, {@value #MAX_SPEED}] (the
 *     OpenAI speech API's range; the Realtime API allows 0.25-1.5)
 */
public record SynthesisRequest(String text, String voice, double speed) {

  /** The Realtime API's voices (protocol reference §5.1). */
  public static final List<String> OPENAI_VOICES =
      List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar");

  public static final String DEFAULT_VOICE = "alloy";
  public static final double MIN_SPEED = 0.25;
  public static final double MAX_SPEED = 4.0;

  public SynthesisRequest {
    Objects.requireNonNull(text, "text");
    voice = voice == null || voice.isBlank() ? DEFAULT_VOICE : voice.strip();
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) { // also refuses NaN
      throw new IllegalArgumentException(
          "speed must be in [" + MIN_SPEED + ", " + MAX_SPEED + "], got " + speed);
    }
  }

  /** {@code text} in the default voice at normal speed. */
  public static SynthesisRequest of(String text) {
    return new SynthesisRequest(text, DEFAULT_VOICE, 1.0);
  }

  public SynthesisRequest withVoice(String v) {
    return new SynthesisRequest(text, v, speed);
  }

  public SynthesisRequest withSpeed(double s) {
    return new SynthesisRequest(text, voice, s);
  }

  /** The voice in lower case, for matching names. */
  public String voiceKey() {
    return voice.toLowerCase(Locale.ROOT);
  }

  /** Whether {@link #voice()} is one of the Realtime API's built-in voices. */
  public boolean isOpenAiVoice() {
    return OPENAI_VOICES.contains(voiceKey());
  }

  /** The text is not printed in full (it may be long or private). */
  @Override
  public String toString() {
    return "SynthesisRequest[voice="
        + voice
        + ", speed="
        + speed
        + ", text="
        + text.length()
        + " chars]";
  }
}
