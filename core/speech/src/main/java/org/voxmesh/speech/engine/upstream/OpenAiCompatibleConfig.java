package org.voxmesh.speech.engine.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

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
    Objects.requireNonNull(baseUrl, "baseUrl");
    baseUrl = baseUrl.strip();
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    URI uri = URI.create(baseUrl);
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL, got: " + baseUrl);
    }
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    model = model == null || model.isBlank() ? DEFAULT_MODEL : model.strip();
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
    }
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

  /** The key is never printed. */
  @Override
  public String toString() {
    return "OpenAiCompatibleConfig[baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", model="
        + model
        + ", timeout="
        + timeout
        + ", maxConcurrent="
        + maxConcurrent
        + ", maxAudio="
        + maxAudio
        + "]";
  }
}
