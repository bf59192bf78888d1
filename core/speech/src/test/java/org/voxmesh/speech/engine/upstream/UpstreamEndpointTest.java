package org.voxmesh.speech.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.voxmesh.speech.engine.chat.ChatCompletionsConfig;

class UpstreamEndpointTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void theBaseUrlLosesBlanksAndTrailingSlashesAndABlankKeyMeansNone() {
    UpstreamEndpoint e = new UpstreamEndpoint(" https://host:8000/v1// ", "  ", " m ", MINUTE, 2);
    assertThat(e.baseUrl()).isEqualTo("https://host:8000/v1");
    assertThat(e.apiKey()).isNull();
    assertThat(e.model()).isEqualTo("m");
  }

  @Test
  void onlyAnHttpUrlWithAHostIsAccepted() {
    assertThatThrownBy(() -> new UpstreamEndpoint("ftp://host/v1", null, "m", MINUTE, 1))
        .hasMessage("baseUrl must be an http(s) URL, got: ftp://host/v1");
    assertThatThrownBy(() -> new UpstreamEndpoint("http:///v1", null, "m", MINUTE, 1))
        .hasMessage("baseUrl must be an http(s) URL, got: http:///v1");
    assertThatThrownBy(() -> new UpstreamEndpoint("http://a host/v1", null, "m", MINUTE, 1))
        .hasMessage("baseUrl must be an http(s) URL, got: http://a host/v1");
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new UpstreamEndpoint("http://h/v1", null, "m", Duration.ZERO, 1))
        .hasMessage("timeout must be positive, got PT0S");
    assertThatThrownBy(() -> new UpstreamEndpoint("http://h/v1", null, "m", MINUTE, 0))
        .hasMessage("maxConcurrent must be >= 1, got 0");
  }

  @Test
  void theKeyIsNeverPrinted() {
    UpstreamEndpoint e = new UpstreamEndpoint("http://h/v1", "sk-secret", "m", MINUTE, 3);
    assertThat(e.describe())
        .isEqualTo("baseUrl=http://h/v1, apiKey=***, model=m, timeout=PT1M, maxConcurrent=3");
    assertThat(e.toString()).doesNotContain("sk-secret");
  }

  @Test
  void everyUpstreamConfigChecksItsEndpointTheSameWay() {
    String bad = "http://a host/v1";
    String message = "baseUrl must be an http(s) URL, got: " + bad;
    assertThatThrownBy(() -> OpenAiCompatibleConfig.of(bad)).hasMessage(message);
    assertThatThrownBy(() -> OpenAiCompatibleSpeechConfig.of(bad)).hasMessage(message);
    assertThatThrownBy(() -> ChatCompletionsConfig.of(bad, "m")).hasMessage(message);

    assertThat(OpenAiCompatibleConfig.of("http://h/v1/").withApiKey("sk-1").toString())
        .isEqualTo(
            "OpenAiCompatibleConfig[baseUrl=http://h/v1, apiKey=***, model=whisper-1,"
                + " timeout=PT1M, maxConcurrent=8, maxAudio=PT10M]");
    assertThat(ChatCompletionsConfig.of("http://h/v1", "qwen").endpoint())
        .isEqualTo(new UpstreamEndpoint("http://h/v1", null, "qwen", MINUTE, 8));
  }
}
