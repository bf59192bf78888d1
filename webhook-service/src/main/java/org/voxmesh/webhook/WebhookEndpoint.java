package org.voxmesh.webhook;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.voxmesh.webhook.sign.WebhookSecret;

/**
 * One configured receiver.
 *
 * @param id stable name, {@code [A-Za-z0-9_.-]{1,64}}; part of the endpoint's consumer group and of every
 *     {@code webhook-id} sent to it, and what dead letters and replays refer to
 * @param url absolute {@code http} or {@code https} URL the events are POSTed to
 * @param secrets signing secrets, the current one first; more than one during a rotation (each signs, the
 *     {@code webhook-signature} header carries one {@code v1,} entry per secret)
 * @param eventTypes which event types it receives
 */
public record WebhookEndpoint(String id, URI url, List<WebhookSecret> secrets, EventTypeFilter eventTypes) {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public WebhookEndpoint {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id: '" + id + "' (expected: 1 to 64 of A-Z a-z 0-9 _ . -)");
    }
    Objects.requireNonNull(url, "url");
    if (!url.isAbsolute() || url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException("url: '" + url + "' (expected: an absolute http:// or https:// URL)");
    }
    secrets = List.copyOf(secrets);
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("secret: missing (expected: whsec_<base64>)");
    }
    Objects.requireNonNull(eventTypes, "eventTypes");
  }

  public boolean accepts(String eventType) {
    return eventTypes.accepts(eventType);
  }

  @Override
  public String toString() {
    return "WebhookEndpoint[" + id + " -> " + url + ", types=" + eventTypes.patterns() + "]";
  }
}
