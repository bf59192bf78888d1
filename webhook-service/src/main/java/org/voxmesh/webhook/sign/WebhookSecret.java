package org.voxmesh.webhook.sign;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * A Standard Webhooks signing secret, {@code whsec_<base64>}: the key is the base64-decoded part after the
 * prefix, as the official openai SDKs and the {@code standardwebhooks} libraries read it. {@link #toString()}
 * never shows the key.
 */
public final class WebhookSecret {

  public static final String PREFIX = "whsec_";
  /** Standard Webhooks asks for keys of 24 to 64 bytes. */
  public static final int MIN_BYTES = 24;
  public static final int MAX_BYTES = 64;

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /**
   * Parses {@code whsec_<base64>}.
   *
   * @throws IllegalArgumentException with a message that never repeats the secret
   */
  public static WebhookSecret parse(String text) {
    Objects.requireNonNull(text, "secret");
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("expected whsec_<base64>, got a value without the whsec_ prefix");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the part after whsec_ is not valid base64");
    }
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new IllegalArgumentException("the key is " + key.length + " bytes (expected: " + MIN_BYTES + " to "
          + MAX_BYTES + "; generate one with: echo whsec_$(openssl rand -base64 32))");
    }
    return new WebhookSecret(key);
  }

  /** A secret for these key bytes (tests, tools). */
  public static WebhookSecret ofKey(byte[] key) {
    if (key.length == 0) {
      throw new IllegalArgumentException("empty key");
    }
    return new WebhookSecret(key.clone());
  }

  /** The {@code whsec_…} text, for handing to a receiver. */
  public String encoded() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  byte[] key() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookSecret other && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    return key.length;
  }

  @Override
  public String toString() {
    return "whsec_***(" + key.length + " bytes)";
  }
}
