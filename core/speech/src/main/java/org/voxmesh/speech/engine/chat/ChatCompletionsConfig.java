package org.voxmesh.speech.engine.chat;

import java.time.Duration;
import org.voxmesh.speech.engine.upstream.UpstreamEndpoint;

/**
 * Where and how {@link ChatCompletionsResponder} reaches an OpenAI-compatible Chat Completions
 * server (vLLM, llama.cpp's llama-server, Ollama, OpenAI itself, ...).
 *
 * @param baseUrl the API root including its version path, e.g. {@code http://host:8000/v1}; the
 *     responder POSTs to {@code {baseUrl}/chat/completions}
 * @param apiKey sent as {@code Authorization: Bearer <apiKey>}; null or blank sends no
 *     Authorization header at all
 * @param model the model to ask for (required: vLLM and Ollama need the served model's name;
 *     llama-server accepts any)
 * @param timeout how long to wait for the connection, for the first streamed byte, and between
 *     streamed bytes (default 60 s); the whole response has no time limit of its own (it is bounded
 *     by {@code max_tokens} and by cancellation)
 * @param maxConcurrent the most responses streaming at once; beyond it {@code respond} refuses
 *     (default 8)
 */
public record ChatCompletionsConfig(
    String baseUrl, String apiKey, String model, Duration timeout, int maxConcurrent) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_CONCURRENT = 8;

  public ChatCompletionsConfig {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(
          "the chat completions responder needs a model name (the upstream's served model)");
    }
    UpstreamEndpoint checked =
        new UpstreamEndpoint(
            baseUrl, apiKey, model, timeout == null ? DEFAULT_TIMEOUT : timeout, maxConcurrent);
    baseUrl = checked.baseUrl();
    apiKey = checked.apiKey();
    model = checked.model();
    timeout = checked.timeout();
  }

  /** {@code baseUrl} and {@code model} with no key and the default limits. */
  public static ChatCompletionsConfig of(String baseUrl, String model) {
    return new ChatCompletionsConfig(baseUrl, null, model, DEFAULT_TIMEOUT, DEFAULT_MAX_CONCURRENT);
  }

  public ChatCompletionsConfig withApiKey(String key) {
    return new ChatCompletionsConfig(baseUrl, key, model, timeout, maxConcurrent);
  }

  public ChatCompletionsConfig withModel(String m) {
    return new ChatCompletionsConfig(baseUrl, apiKey, m, timeout, maxConcurrent);
  }

  public ChatCompletionsConfig withTimeout(Duration t) {
    return new ChatCompletionsConfig(baseUrl, apiKey, model, t, maxConcurrent);
  }

  public ChatCompletionsConfig withMaxConcurrent(int n) {
    return new ChatCompletionsConfig(baseUrl, apiKey, model, timeout, n);
  }

  /** Where and how to reach the upstream. */
  public UpstreamEndpoint endpoint() {
    return new UpstreamEndpoint(baseUrl, apiKey, model, timeout, maxConcurrent);
  }

  /** The key is never printed. */
  @Override
  public String toString() {
    return "ChatCompletionsConfig[" + endpoint().describe() + "]";
  }
}
