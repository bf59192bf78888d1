package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.voxmesh.protocol.id.Ids;

/**
 * {@code conversation.created} — beta only (REALTIME_PROTOCOL.md §8.1, §9.1): optionally sent right after
 * {@code session.created}. GA clients must never see it; the GA writer does not emit it (see
 * {@code RealtimeJson.emits}).
 */
public record ConversationCreated(String eventId, Conversation conversation) implements ServerEvent {

  public ConversationCreated {
    requireNonNull(conversation, "conversation");
  }

  public static ConversationCreated of(String conversationId) {
    return new ConversationCreated(Ids.eventId(), new Conversation(conversationId));
  }

  /** {@code {"id":"conv_...","object":"realtime.conversation"}}. */
  @JsonPropertyOrder({"id", "object"})
  @JsonIgnoreProperties(value = "object", allowGetters = true)
  public record Conversation(String id) {
    public static final String OBJECT = "realtime.conversation";

    @JsonProperty("object")
    public String object() { return OBJECT; }
  }
}
