package org.voxmesh.speech.engine.upstream;

import java.time.Duration;

/**
 * Where and how {@link OpenAiCompatibleRecognizer} reaches an OpenAI-compatible transcription API
 * (OpenAI itself, speaches, vLLM, ...).
 *
 * @param baseUrl the API root including its version path, e.g. {@code http://host:8000/v1}; the
 *     recognizer POSTs to {@code {baseUrl}/audio/transcriptions}
 * @param apiKey sent as {@code Authorization: Bearer <apiKey>}; null or blank sends none
 * @param model the model used when a request does not name one (default {@value #DEFAULT_MODEL})
 * @param timeout the whole-request timeout (default 60 s); also bounds connecting
 * @param maxConcurrent the most utterances open at once (each buffers its audio and makes one
 *     request); beyond it {@code open} refuses (default 8)
 * @param maxAudio the most audio one utterance may buffer (default 10 minutes, about 19 MB)
 */
public record OpenAiCompatibleConfig(
    String baseUrl,
    String apiKey,
    String model,
    Duration timeout,
    int maxConcurrent,
    Duration maxAudio) {

  public static final String DEFAULT_MODEL = "whisper-1";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_CONCURRENT = 8;
  public static final Duration DEFAULT_MAX_AUDIO = Duration.ofMinutes(10);

  public OpenAiCompatibleConfig {
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
    maxAudio = maxAudio == null ? DEFAULT_MAX_AUDIO : maxAudio;
    if (maxAudio.isNegative() || maxAudio.isZero()) {
      throw new IllegalArgumentException("maxAudio must be positive, got " + maxAudio);
    }
  }

  /** {@code baseUrl} with no key, model {@value #DEFAULT_MODEL} and the default limits. */
  public static OpenAiCompatibleConfig of(String baseUrl) {
    return new OpenAiCompatibleConfig(
        baseUrl, null, null, DEFAULT_TIMEOUT, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_AUDIO);
  }

  public OpenAiCompatibleConfig withApiKey(String key) {
    return new OpenAiCompatibleConfig(baseUrl, key, model, timeout, maxConcurrent, maxAudio);
  }

  public OpenAiCompatibleConfig withModel(String m) {
    return new OpenAiCompatibleConfig(baseUrl, apiKey, m, timeout, maxConcurrent, maxAudio);
  }

  public OpenAiCompatibleConfig withTimeout(Duration t) {
    return new OpenAiCompatibleConfig(baseUrl, apiKey, model, t, maxConcurrent, maxAudio);
  }

  public OpenAiCompatibleConfig withMaxConcurrent(int n) {
    return new OpenAiCompatibleConfig(baseUrl, apiKey, model, timeout, n, maxAudio);
  }

  public OpenAiCompatibleConfig withMaxAudio(Duration d) {
    return new OpenAiCompatibleConfig(baseUrl, apiKey, model, timeout, maxConcurrent, d);
  }

  /** Where and how to reach the upstream, without the audio limit. */
  public UpstreamEndpoint endpoint() {
    return new UpstreamEndpoint(baseUrl, apiKey, model, timeout, maxConcurrent);
  }

  /** The key is never printed. */
  @Override
  public String toString() {
    return "OpenAiCompatibleConfig["
        + endpoint().describe()
        + ", maxAudio="
        + maxAudio
        + "]";
  }
}
