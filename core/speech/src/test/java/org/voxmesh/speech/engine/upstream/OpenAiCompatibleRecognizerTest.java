package org.voxmesh.speech.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.voxmesh.speech.asr.RecognitionRequest;
import org.voxmesh.speech.asr.RecognitionResult;
import org.voxmesh.speech.asr.RecognitionStream;
import org.voxmesh.speech.asr.RecognizerOverloadedException;
import org.voxmesh.speech.engine.Corpus;
import org.voxmesh.speech.engine.upstream.FakeTranscriptionServer.Received;
import org.voxmesh.speech.engine.upstream.FakeTranscriptionServer.Reply;

class OpenAiCompatibleRecognizerTest {

  /** Answers with a transcript that describes the audio it really received. */
  private static Reply describeAudio(Received r) {
    return Reply.json(
        200,
        "{\"text\": \" heard "
            + r.wav().samples().length
            + " samples at "
            + r.wav().sampleRate()
            + " Hz \"}");
  }

  private static short[] feedInChunks(RecognitionStream s, short[] pcm) {
    for (int off = 0; off < pcm.length; off += 320) {
      assertThat(s.accept(Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + 320)))).isNull();
    }
    return pcm;
  }

  @Test
  void postsTheUtteranceAsAWavWithTheRequestedFields() throws IOException {
    try (FakeTranscriptionServer upstream =
            new FakeTranscriptionServer(OpenAiCompatibleRecognizerTest::describeAudio);
        OpenAiCompatibleRecognizer asr =
            new OpenAiCompatibleRecognizer(
                OpenAiCompatibleConfig.of(upstream.baseUrl() + "/").withApiKey("sk-test-123"))) {
      assertThat(asr.streaming()).isFalse();
      assertThat(asr.name()).isEqualTo("openai-compatible/whisper-1");

      short[] pcm = Corpus.samples("flite_slt", "s01");
      RecognitionResult result;
      try (RecognitionStream s =
          asr.open(
              new RecognitionRequest(
                  "Systran/faster-whisper-small", "en", "Kitchen lights, Voxmesh."))) {
        feedInChunks(s, pcm);
        assertThat(upstream.received()).isEmpty(); // nothing is sent before finish
        result = s.finish();
      }

      assertThat(result.text()).isEqualTo("heard " + pcm.length + " samples at 16000 Hz");
      assertThat(result.language()).isEqualTo("en");
      assertThat(result.audioSeconds()).isEqualTo(pcm.length / 16_000.0);

      assertThat(upstream.received()).hasSize(1);
      Received r = upstream.received().get(0);
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/v1/audio/transcriptions");
      assertThat(r.authorization()).isEqualTo("Bearer sk-test-123");
      assertThat(r.contentType()).startsWith("multipart/form-data; boundary=");
      assertThat(r.parts().get("model").text()).isEqualTo("Systran/faster-whisper-small");
      assertThat(r.parts().get("language").text()).isEqualTo("en");
      assertThat(r.parts().get("prompt").text()).isEqualTo("Kitchen lights, Voxmesh.");
      assertThat(r.parts().get("response_format").text()).isEqualTo("json");
      assertThat(r.parts().get("file").filename()).isEqualTo("audio.wav");
      assertThat(r.parts().get("file").contentType()).isEqualTo("audio/wav");
      assertThat(r.wav().format()).isEqualTo(1);
      assertThat(r.wav().channels()).isEqualTo(1);
      assertThat(r.wav().sampleRate()).isEqualTo(16_000);
      assertThat(r.wav().bitsPerSample()).isEqualTo(16);
      assertThat(r.wav().samples()).isEqualTo(pcm);
    }
  }

  @Test
  void usesTheConfiguredModelAndSendsNoOptionalFieldsOrKeyWhenUnset() throws IOException {
    try (FakeTranscriptionServer upstream =
            new FakeTranscriptionServer(r -> Reply.json(200, "{\"text\":\"hello\"}"));
        OpenAiCompatibleRecognizer asr =
            new OpenAiCompatibleRecognizer(
                OpenAiCompatibleConfig.of(upstream.baseUrl()).withModel("large-v3"))) {
      RecognitionResult result;
      try (RecognitionStream s = asr.open(RecognitionRequest.DEFAULT)) {
        s.accept(new short[8000]);
        result = s.finish();
      }
      assertThat(result.text()).isEqualTo("hello");
      assertThat(result.language()).isNull();
      Received r = upstream.received().get(0);
      assertThat(r.authorization()).isNull();
      assertThat(r.parts().keySet()).containsExactlyInAnyOrder("model", "response_format", "file");
      assertThat(r.parts().get("model").text()).isEqualTo("large-v3");
      assertThat(r.wav().samples()).hasSize(8000);
    }
  }

  @Test
  void upstreamErrorsCarryTheStatusAndTheUpstreamMessage() throws IOException {
    try (FakeTranscriptionServer upstream =
            new FakeTranscriptionServer(
                r ->
                    switch (r.parts().get("model").text()) {
                      case "openai" -> Reply.json(
                          401,
                          "{\"error\":{\"message\":\"Incorrect API key provided: sk-wr***\","
                              + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
                      case "fastapi" -> Reply.json(
                          404, "{\"detail\":\"Model 'fastapi' is not installed locally.\"}");
                      default -> new Reply(502, "text/plain", "Bad Gateway", 0);
                    });
        OpenAiCompatibleRecognizer asr =
            new OpenAiCompatibleRecognizer(OpenAiCompatibleConfig.of(upstream.baseUrl()))) {

      assertThatThrownBy(() -> transcribe(asr, "openai"))
          .isInstanceOfSatisfying(
              UpstreamRecognitionException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.upstreamMessage()).isEqualTo("Incorrect API key provided: sk-wr***");
                assertThat(e.getMessage())
                    .contains("HTTP 401", "Incorrect API key provided", upstream.baseUrl());
              });
      assertThatThrownBy(() -> transcribe(asr, "fastapi"))
          .isInstanceOfSatisfying(
              UpstreamRecognitionException.class,
              e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.upstreamMessage()).isEqualTo("Model 'fastapi' is not installed locally.");
              });
      assertThatThrownBy(() -> transcribe(asr, "proxy"))
          .isInstanceOfSatisfying(
              UpstreamRecognitionException.class,
              e -> {
                assertThat(e.status()).isEqualTo(502);
                assertThat(e.upstreamMessage()).isEqualTo("Bad Gateway");
              });
      // a failed utterance gives its slot back
      assertThat(transcribeOk(asr)).isNotNull();
    }
  }

  private static RecognitionResult transcribe(OpenAiCompatibleRecognizer asr, String model) {
    try (RecognitionStream s = asr.open(new RecognitionRequest(model, null, null))) {
      s.accept(new short[1600]);
      return s.finish();
    }
  }

  private static String transcribeOk(OpenAiCompatibleRecognizer asr) {
    try (RecognitionStream s = asr.open(RecognitionRequest.DEFAULT)) {
      return s.finish().text(); // no audio: answered locally
    }
  }

  @Test
  void answersThatAreNotTranscriptsAreErrors() throws IOException {
    try (FakeTranscriptionServer upstream =
            new FakeTranscriptionServer(
                r ->
                    r.parts().get("model").text().equals("html")
                        ? new Reply(200, "text/html", "<html>login</html>", 0)
                        : Reply.json(200, "{\"segments\":[]}"));
        OpenAiCompatibleRecognizer asr =
            new OpenAiCompatibleRecognizer(OpenAiCompatibleConfig.of(upstream.baseUrl()))) {
      assertThatThrownBy(() -> transcribe(asr, "html"))
          .isInstanceOf(UpstreamRecognitionException.class)
          .hasMessageContaining("not JSON");
      assertThatThrownBy(() -> transcribe(asr, "json"))
          .isInstanceOf(UpstreamRecognitionException.class)
          .hasMessageContaining("without a \"text\" field");
    }
  }

  @Test
  void refusesUtterancesBeyondMaxConcurrentAndFreesSlotsOnFinishOrClose() throws IOException {
    try (FakeTranscriptionServer upstream =
            new FakeTranscriptionServer(r -> Reply.json(200, "{\"text\":\"ok\"}"));
        OpenAiCompatibleRecognizer asr =
            new OpenAiCompatibleRecognizer(
                OpenAiCompatibleConfig.of(upstream.baseUrl()).withMaxConcurrent(2))) {
      RecognitionStream a = asr.open(RecognitionRequest.DEFAULT);
      RecognitionStream b = asr.open(RecognitionRequest.DEFAULT);
      assertThatThrownBy(() -> asr.open(RecognitionRequest.DEFAULT))
          .isInstanceOf(RecognizerOverloadedException.class);

      a.accept(new short[320]);
      assertThat(a.finish().text()).isEqualTo("ok");
      a.close();
      RecognitionStream c = asr.open(RecognitionRequest.DEFAULT);
      assertThatThrownBy(() -> asr.open(RecognitionRequest.DEFAULT))
          .isInstanceOf(RecognizerOverloadedException.class);

      b.close();
      b.close(); // idempotent: frees one slot, not two
      RecognitionStream d = asr.open(RecognitionRequest.DEFAULT);
      assertThatThrownBy(() -> asr.open(RecognitionRequest.DEFAULT))
          .isInstanceOf(RecognizerOverloadedException.class);
      c.close();
      d.close();
      assertThatThrownBy(() -> b.accept(new short[1])).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void refusesAudioBeyondTheLimitButKeepsWhatItHad() throws IOException {
    try (FakeTranscriptionServer upstream =
            new FakeTranscriptionServer(OpenAiCompatibleRecognizerTest::describeAudio);
        OpenAiCompatibleRecognizer asr =
            new OpenAiCompatibleRecognizer(
                OpenAiCompatibleConfig.of(upstream.baseUrl()).withMaxAudio(Duration.ofSeconds(1)))) {
      try (RecognitionStream s = asr.open(RecognitionRequest.DEFAULT)) {
        s.accept(new short[12_000]);
        assertThatThrownBy(() -> s.accept(new short[4_001]))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("exceeds the 1 s of audio");
        s.accept(new short[4_000]);
        assertThat(s.finish().text()).isEqualTo("heard 16000 samples at 16000 Hz");
      }
    }
  }

  @Test
  void emptyUtteranceIsAnEmptyTranscriptWithoutARequest() throws IOException {
    try (FakeTranscriptionServer upstream =
            new FakeTranscriptionServer(OpenAiCompatibleRecognizerTest::describeAudio);
        OpenAiCompatibleRecognizer asr =
            new OpenAiCompatibleRecognizer(OpenAiCompatibleConfig.of(upstream.baseUrl()))) {
      try (RecognitionStream s = asr.open(new RecognitionRequest(null, "de", null))) {
        RecognitionResult r = s.finish();
        assertThat(r.text()).isEmpty();
        assertThat(r.language()).isEqualTo("de");
        assertThat(r.audioSeconds()).isZero();
        assertThatThrownBy(s::finish).isInstanceOf(IllegalStateException.class);
      }
      assertThat(upstream.received()).isEmpty();
    }
  }

  @Test
  void aSlowUpstreamTimesOut() throws IOException {
    try (FakeTranscriptionServer upstream =
            new FakeTranscriptionServer(
                r -> new Reply(200, "application/json", "{\"text\":\"late\"}", 5_000));
        OpenAiCompatibleRecognizer asr =
            new OpenAiCompatibleRecognizer(
                OpenAiCompatibleConfig.of(upstream.baseUrl()).withTimeout(Duration.ofMillis(300)))) {
      assertThatThrownBy(() -> transcribe(asr, "whisper-1"))
          .isInstanceOfSatisfying(
              UpstreamRecognitionException.class,
              e -> {
                assertThat(e.status()).isZero();
                assertThat(e.getMessage()).contains("timed out");
              });
    }
  }

  @Test
  void anUnreachableUpstreamIsAnErrorWithoutStatus() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    try (OpenAiCompatibleRecognizer asr =
        new OpenAiCompatibleRecognizer(OpenAiCompatibleConfig.of("http://127.0.0.1:" + port + "/v1"))) {
      assertThatThrownBy(() -> transcribe(asr, "whisper-1"))
          .isInstanceOfSatisfying(
              UpstreamRecognitionException.class, e -> assertThat(e.status()).isZero());
    }
  }

  @Test
  void configValidatesAndHidesTheKey() {
    assertThatThrownBy(() -> OpenAiCompatibleConfig.of("ftp://example.org/v1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenAiCompatibleConfig.of("http://h/v1").withMaxConcurrent(0))
        .isInstanceOf(IllegalArgumentException.class);
    OpenAiCompatibleConfig c = OpenAiCompatibleConfig.of("http://h:8000/v1//").withApiKey("sk-secret");
    assertThat(c.baseUrl()).isEqualTo("http://h:8000/v1");
    assertThat(c.model()).isEqualTo("whisper-1");
    assertThat(c.toString()).doesNotContain("sk-secret");
  }
}
