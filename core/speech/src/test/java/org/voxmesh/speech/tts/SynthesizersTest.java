package org.voxmesh.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxmesh.speech.engine.flite.FliteSynthesizer;
import org.voxmesh.speech.engine.upstream.OpenAiCompatibleSpeechSynthesizer;

class SynthesizersTest {

  @Test
  void fliteIsTheDefaultAndSpeaks() {
    TtsSettings settings =
        TtsSettings.fromMap(Map.of("flite.max-concurrent", "2", "flite.voices", "alloy=rms, verse = kal16"));
    assertThat(settings.engine()).isEqualTo(TtsSettings.Engine.FLITE);
    assertThat(settings.flite().maxConcurrent()).isEqualTo(2);
    assertThat(settings.flite().voiceMap()).containsEntry("alloy", "rms").containsEntry("verse", "kal16")
        .containsEntry("echo", "rms");
    try (SpeechSynthesizer tts = Synthesizers.create(settings)) {
      assertThat(tts).isInstanceOf(FliteSynthesizer.class);
      assertThat(tts.name()).isEqualTo("flite");
      assertThat(tts.sampleRate()).isEqualTo(16_000);
      assertThat(((FliteSynthesizer) tts).voiceFor("alloy")).isEqualTo("rms");
      int samples = 0;
      try (SynthesisStream s = tts.synthesize(SynthesisRequest.of("Yes, that sounds good to me."))) {
        for (short[] c = s.next(); c != null; c = s.next()) {
          samples += c.length;
        }
      }
      assertThat(samples).isGreaterThan(16_000);
    }
    assertThat(TtsSettings.fromMap(Map.of()).flite().defaultVoice()).isEqualTo("slt");
  }

  @Test
  void openAiCompatibleFromFlatSettings() {
    TtsSettings settings =
        TtsSettings.fromMap(
            Map.of(
                "engine", "openai-compatible",
                "openai.base-url", "http://kokoro.internal:8880/v1",
                "openai.api-key", "sk-local",
                "openai.model", "kokoro",
                "openai.timeout-ms", "15000",
                "openai.max-concurrent", "3",
                "openai.sample-rate", "22050"));
    assertThat(settings.openAiCompatible().timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.openAiCompatible().maxConcurrent()).isEqualTo(3);
    assertThat(settings.toString()).doesNotContain("sk-local");
    try (SpeechSynthesizer tts = Synthesizers.create(settings)) {
      assertThat(tts).isInstanceOf(OpenAiCompatibleSpeechSynthesizer.class);
      assertThat(tts.name()).isEqualTo("openai-compatible/kokoro");
      assertThat(tts.sampleRate()).isEqualTo(22_050);
    }
    assertThat(
            TtsSettings.fromMap(Map.of("engine", "openai-compatible", "openai.base-url", "http://h/v1"))
                .openAiCompatible()
                .model())
        .isEqualTo("gpt-4o-mini-tts");
  }

  @Test
  void badSettingsAreExplained() {
    assertThatThrownBy(() -> TtsSettings.fromMap(Map.of("engine", "espeak")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flite, openai-compatible");
    assertThatThrownBy(() -> TtsSettings.fromMap(Map.of("flite.voice", "slt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown speech synthesizer setting 'flite.voice'");
    assertThatThrownBy(() -> TtsSettings.fromMap(Map.of("engine", "openai-compatible")))
        .hasMessageContaining("openai.base-url");
    assertThatThrownBy(() -> TtsSettings.fromMap(Map.of("flite.default-voice", "kal")))
        .hasMessageContaining("slt, rms, awb, kal16");
    assertThatThrownBy(() -> TtsSettings.fromMap(Map.of("flite.voices", "alloy")))
        .hasMessageContaining("name=voice pairs");
    assertThatThrownBy(() -> TtsSettings.fromMap(Map.of("flite.max-concurrent", "many")))
        .hasMessageContaining("must be an integer");
  }

  @Test
  void requestsAreValidated() {
    SynthesisRequest r = new SynthesisRequest("Hi.", null, 1.0);
    assertThat(r.voice()).isEqualTo("alloy");
    assertThat(r.isOpenAiVoice()).isTrue();
    assertThat(new SynthesisRequest("Hi.", " Cedar ", 0.25).voiceKey()).isEqualTo("cedar");
    assertThat(new SynthesisRequest("Hi.", "voice_1", 4.0).isOpenAiVoice()).isFalse();
    assertThatThrownBy(() -> new SynthesisRequest("Hi.", "alloy", 0.2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SynthesisRequest("Hi.", "alloy", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SynthesisRequest(null, "alloy", 1.0)).isInstanceOf(NullPointerException.class);
    assertThat(SynthesisRequest.of("secret text").toString()).doesNotContain("secret");
  }
}
