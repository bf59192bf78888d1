package org.voxmesh.webhook.event;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One event ready to send: the OpenAI webhook envelope already serialised, so every attempt, redelivery and
 * replay sends exactly the same bytes (only {@code webhook-timestamp} and the signature change per attempt).
 *
 * <pre>{@code {"object":"event","id":"evt_…","type":"voxmesh.transcript.completed","created_at":1750287018,"data":{…}}}</pre>
 *
 * @param id {@code evt_…}, see {@link EventIds}
 * @param type {@code voxmesh.transcript.completed}, {@code voxmesh.session.…}
 * @param createdAt Unix seconds, from the source record (not the send time)
 * @param sessionId the session the event belongs to; deliveries of one session stay in order
 * @param sequence the per-session sequence of the source record
 * @param body the envelope, UTF-8 JSON; treat as read-only
 */
public record WebhookEvent(String id, String type, long createdAt, String sessionId, long sequence, byte[] body) {

  public WebhookEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(body, "body");
  }

  /** The {@code webhook-id} this event carries to {@code endpointId}. */
  public String webhookId(String endpointId) {
    return EventIds.webhookId(id, endpointId);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "WebhookEvent[" + type + " " + id + " " + sessionId + "#" + sequence + "]";
  }
}
