package org.voxmesh.speech.engine.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What every OpenAI-compatible upstream engine is configured with: where the API is, the key, the
 * model, how long to wait and how many calls may be open at once. The engines' config records
 * check theirs through this one, so the rules and messages are the same for all of them.
 *
 * @param baseUrl the API root including its version path, e.g. {@code http://host:8000/v1};
 *     surrounding blanks and trailing slashes are dropped
 * @param apiKey sent as {@code Authorization: Bearer <apiKey>}; null or blank becomes null (none)
 * @param model the model name; stripped
 * @param timeout positive
 * @param maxConcurrent at least 1
 */
public record UpstreamEndpoint(
    String baseUrl, String apiKey, String model, Duration timeout, int maxConcurrent) {

  public UpstreamEndpoint {
    baseUrl = httpUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    model = model.strip();
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
    }
  }

  private static String httpUrl(String url) {
    url = url.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL, got: " + url, e);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL, got: " + url);
    }
    return url;
  }

  /**
   * {@code baseUrl=..., apiKey=***, model=..., timeout=..., maxConcurrent=...} for a config's
   * toString: the key itself is never printed, only whether there is one.
   */
  public String describe() {
    return "baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", model="
        + model
        + ", timeout="
        + timeout
        + ", maxConcurrent="
        + maxConcurrent;
  }

  @Override
  public String toString() {
    return "UpstreamEndpoint[" + describe() + "]";
  }
}
