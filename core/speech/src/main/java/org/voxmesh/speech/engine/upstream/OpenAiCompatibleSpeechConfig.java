package org.voxmesh.speech.engine.upstream;

import java.time.Duration;

/**
 * Where and how {@link OpenAiCompatibleSpeechSynthesizer} reaches an OpenAI-compatible speech API
 * (OpenAI itself, speaches, Kokoro-FastAPI, ...).
 *
 * @param baseUrl the API root including its version path, e.g. {@code http://host:8000/v1}; the
 *     synthesizer POSTs to {@code {baseUrl}/audio/speech}
 * @param apiKey sent as {@code Authorization: Bearer <apiKey>}; null or blank sends none
 * @param model the {@code model} field (default {@value #DEFAULT_MODEL})
 * @param timeout how long to wait for the answer's headers, and then at most between two pieces of
 *     its body (default 30 s); also bounds connecting
 * @param maxConcurrent the most streams open at once; beyond it {@code synthesize} refuses (default
 *     {@value #DEFAULT_MAX_CONCURRENT})
 * @param sampleRate the rate of the raw PCM the service answers for {@code response_format: "pcm"}
 *     (default {@value #DEFAULT_SAMPLE_RATE}, OpenAI's; some self-hosted servers differ)
 */
public record OpenAiCompatibleSpeechConfig(
    String baseUrl,
    String apiKey,
    String model,
    Duration timeout,
    int maxConcurrent,
    int sampleRate) {

  public static final String DEFAULT_MODEL = "gpt-4o-mini-tts";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_CONCURRENT = 8;
  public static final int DEFAULT_SAMPLE_RATE = 24_000;

  public OpenAiCompatibleSpeechConfig {
    UpstreamEndpoint checked =
        new UpstreamEndpoint(
            baseUrl,
            apiKey,
            model == null || model.isBlank() ? DEFAULT_MODEL : model,
            timeout == null ? DEFAULT_TIMEOUT : timeout,
            maxConcurrent);
    baseUrl = checked.baseUrl();
    apiKey = checked.apiKey();
    model = checked.model();
    timeout = checked.timeout();
    if (sampleRate < 8_000 || sampleRate > 192_000) {
      throw new IllegalArgumentException("sampleRate must be in [8000, 192000], got " + sampleRate);
    }
  }

  /** {@code baseUrl} with no key, model {@value #DEFAULT_MODEL} and the default limits. */
  public static OpenAiCompatibleSpeechConfig of(String baseUrl) {
    return new OpenAiCompatibleSpeechConfig(
        baseUrl, null, null, DEFAULT_TIMEOUT, DEFAULT_MAX_CONCURRENT, DEFAULT_SAMPLE_RATE);
  }

  public OpenAiCompatibleSpeechConfig withApiKey(String key) {
    return new OpenAiCompatibleSpeechConfig(baseUrl, key, model, timeout, maxConcurrent, sampleRate);
  }

  public OpenAiCompatibleSpeechConfig withModel(String m) {
    return new OpenAiCompatibleSpeechConfig(baseUrl, apiKey, m, timeout, maxConcurrent, sampleRate);
  }

  public OpenAiCompatibleSpeechConfig withTimeout(Duration t) {
    return new OpenAiCompatibleSpeechConfig(baseUrl, apiKey, model, t, maxConcurrent, sampleRate);
  }

  public OpenAiCompatibleSpeechConfig withMaxConcurrent(int n) {
    return new OpenAiCompatibleSpeechConfig(baseUrl, apiKey, model, timeout, n, sampleRate);
  }

  public OpenAiCompatibleSpeechConfig withSampleRate(int hz) {
    return new OpenAiCompatibleSpeechConfig(baseUrl, apiKey, model, timeout, maxConcurrent, hz);
  }

  /** Where and how to reach the upstream, without the sample rate. */
  public UpstreamEndpoint endpoint() {
    return new UpstreamEndpoint(baseUrl, apiKey, model, timeout, maxConcurrent);
  }

  /** The key is never printed. */
  @Override
  public String toString() {
    return "OpenAiCompatibleSpeechConfig["
        + endpoint().describe()
        + ", sampleRate="
        + sampleRate
        + "]";
  }
}
