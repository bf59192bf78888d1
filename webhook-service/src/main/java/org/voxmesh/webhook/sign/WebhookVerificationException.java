package org.voxmesh.webhook.sign;

/** A received webhook failed {@link WebhookSigner#verify}; the message says which check. */
public final class WebhookVerificationException extends RuntimeException {
  public WebhookVerificationException(String message) {
    super(message);
  }
}
