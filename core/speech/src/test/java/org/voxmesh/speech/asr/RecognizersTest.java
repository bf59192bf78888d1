package org.voxmesh.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxmesh.speech.engine.Corpus;
import org.voxmesh.speech.engine.pocketsphinx.PocketSphinxConfig;
import org.voxmesh.speech.engine.pocketsphinx.PocketSphinxRecognizer;
import org.voxmesh.speech.engine.pocketsphinx.PocketSphinxUnavailableException;
import org.voxmesh.speech.engine.upstream.OpenAiCompatibleRecognizer;

class RecognizersTest {

  @Test
  void pocketSphinxIsTheDefaultAndTranscribes() {
    RecognizerSettings settings = RecognizerSettings.fromMap(Map.of("pocketsphinx.max-decoders", "1"));
    assertThat(settings.engine()).isEqualTo(RecognizerSettings.Engine.POCKETSPHINX);
    assertThat(settings.pocketSphinx().acousticModel())
        .isEqualTo(PocketSphinxConfig.DEBIAN_MODEL_DIR.resolve("en-us"));
    try (SpeechRecognizer asr = Recognizers.create(settings)) {
      assertThat(asr).isInstanceOf(PocketSphinxRecognizer.class);
      assertThat(asr.name()).isEqualTo("pocketsphinx-en-us");
      assertThat(asr.streaming()).isTrue();
      try (RecognitionStream s = asr.open(RecognitionRequest.DEFAULT)) {
        s.accept(Corpus.samples("flite_kal16", "s19"));
        assertThat(s.finish().text()).isEqualTo("yes that sounds good to me");
      }
    }
  }

  @Test
  void openAiCompatibleFromFlatSettings() {
    RecognizerSettings settings =
        RecognizerSettings.fromMap(
            Map.of(
                "engine", "openai-compatible",
                "openai.base-url", "http://speaches.internal:8000/v1",
                "openai.api-key", "sk-local",
                "openai.model", "Systran/faster-whisper-small",
                "openai.timeout-ms", "15000",
                "openai.max-concurrent", "3",
                "openai.max-audio-seconds", "120"));
    assertThat(settings.openAiCompatible().timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.openAiCompatible().maxConcurrent()).isEqualTo(3);
    assertThat(settings.openAiCompatible().maxAudio()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.toString()).doesNotContain("sk-local");
    try (SpeechRecognizer asr = Recognizers.create(settings)) {
      assertThat(asr).isInstanceOf(OpenAiCompatibleRecognizer.class);
      assertThat(asr.name()).isEqualTo("openai-compatible/Systran/faster-whisper-small");
      assertThat(asr.streaming()).isFalse();
    }
  }

  @Test
  void badSettingsAreExplained() {
    assertThatThrownBy(() -> RecognizerSettings.fromMap(Map.of("engine", "vosk")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pocketsphinx, openai-compatible");
    assertThatThrownBy(() -> RecognizerSettings.fromMap(Map.of("engine", "openai-compatible")))
        .hasMessageContaining("openai.base-url");
    assertThatThrownBy(() -> RecognizerSettings.fromMap(Map.of("openai.baseurl", "http://x/v1")))
        .hasMessageContaining("unknown speech recognizer setting 'openai.baseurl'");
    assertThatThrownBy(() -> RecognizerSettings.fromMap(Map.of("pocketsphinx.max-decoders", "many")))
        .hasMessageContaining("pocketsphinx.max-decoders must be an integer");
    assertThatThrownBy(
            () ->
                Recognizers.create(
                    RecognizerSettings.fromMap(
                        Map.of("pocketsphinx.model-dir", Path.of("/no/such/model").toString()))))
        .isInstanceOf(PocketSphinxUnavailableException.class)
        .hasMessageContaining("libpocketsphinx3 pocketsphinx-en-us");
  }
}
