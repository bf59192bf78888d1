package org.voxmesh.webhook.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures, the scheme OpenAI webhooks use (docs/webhooks.md, REALTIME_PROTOCOL §4):
 * {@code webhook-signature: v1,<base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}"))>}, one
 * space-separated entry per secret (several during a secret rotation).
 *
 * <p>Stateless and thread-safe; each call makes its own {@link Mac}.
 */
public final class WebhookSigner {

  public static final String HEADER_ID = "webhook-id";
  public static final String HEADER_TIMESTAMP = "webhook-timestamp";
  public static final String HEADER_SIGNATURE = "webhook-signature";
  /** What the official SDKs accept in either direction. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSigner() {}

  /** The {@code webhook-signature} value: {@code v1,<sig>} for each secret, space-separated, first secret first. */
  public static String sign(List<WebhookSecret> secrets, String webhookId, long timestamp, byte[] body) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("secrets: empty (expected: at least one)");
    }
    byte[] content = signedContent(webhookId, timestamp, body);
    StringBuilder header = new StringBuilder();
    for (WebhookSecret secret : secrets) {
      if (header.length() > 0) {
        header.append(' ');
      }
      header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(secret, content)));
    }
    return header.toString();
  }

  /** {@link #sign(List, String, long, byte[])} with one secret. */
  public static String sign(WebhookSecret secret, String webhookId, long timestamp, byte[] body) {
    return sign(List.of(secret), webhookId, timestamp, body);
  }

  /**
   * Checks a received webhook the way the official SDKs do: all three headers present, the timestamp within
   * {@code tolerance} of {@code nowSeconds}, and at least one {@code v1} entry equal (constant-time) to the
   * signature of the raw body.
   *
   * @throws WebhookVerificationException naming what is wrong
   */
  public static void verify(WebhookSecret secret, String webhookId, String timestamp, String signatureHeader,
      byte[] body, long nowSeconds, Duration tolerance) {
    Objects.requireNonNull(secret, "secret");
    if (webhookId == null || timestamp == null || signatureHeader == null) {
      throw new WebhookVerificationException("missing header: " + (webhookId == null ? HEADER_ID
          : timestamp == null ? HEADER_TIMESTAMP : HEADER_SIGNATURE));
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException("webhook-timestamp: '" + timestamp + "' (expected: Unix seconds)");
    }
    if (nowSeconds - ts > tolerance.toSeconds()) {
      throw new WebhookVerificationException("webhook-timestamp too old: " + ts + " (now " + nowSeconds + ")");
    }
    if (ts - nowSeconds > tolerance.toSeconds()) {
      throw new WebhookVerificationException("webhook-timestamp too new: " + ts + " (now " + nowSeconds + ")");
    }
    byte[] expected = hmac(secret, signedContent(webhookId, ts, body));
    for (String entry : signatureHeader.trim().split(" +")) {
      int comma = entry.indexOf(',');
      if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(entry.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return;
      }
    }
    throw new WebhookVerificationException("no v1 signature matches");
  }

  private static byte[] signedContent(String webhookId, long timestamp, byte[] body) {
    byte[] prefix = (webhookId + '.' + timestamp + '.').getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(body, 0, content, prefix.length, body.length);
    return content;
  }

  private static byte[] hmac(WebhookSecret secret, byte[] content) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.key(), ALGORITHM));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
