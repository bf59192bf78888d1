package org.voxmesh.webhook.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.voxmesh.bus.kafka.TranscriptRecord;

/**
 * Turns source records into webhook events. Pure: no I/O, no clock, so the same record always gives the same
 * event id and the same body bytes.
 *
 * <ul>
 *   <li>{@code transcript.completed} (docs/kafka-transcripts.md) becomes {@value #TRANSCRIPT_COMPLETED}; the
 *       record must pass {@link TranscriptRecord#fromJson}, and {@code data} is the record's JSON object as it
 *       was on the topic, so fields added by later v1 revisions reach receivers too.
 *   <li>{@code session.<name>} (the provisional session lifecycle contract in docs/webhooks.md) becomes
 *       {@code voxmesh.session.<name>}; it needs {@code session_id} and a per-session {@code sequence}.
 *   <li>Any other {@code type} is skipped, as the topic contract asks of consumers. A record that cannot be read,
 *       or claims a known type and breaks its schema, is {@link MappedRecord.Invalid}.
 * </ul>
 *
 * <p>Event type names carry the {@code voxmesh.} prefix: these are Voxmesh events, not OpenAI ones, and a
 * prefix cannot collide with a name OpenAI adds later ({@code realtime.call.incoming} is the only realtime
 * webhook OpenAI defines).
 */
public final class EventMapper {

  public static final String PREFIX = "voxmesh.";
  public static final String TRANSCRIPT_COMPLETED = PREFIX + TranscriptRecord.TYPE;
  public static final String SESSION_PREFIX = PREFIX + "session.";

  private static final Pattern SESSION_TYPE = Pattern.compile("session\\.[a-z0-9_]+(\\.[a-z0-9_]+)*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventMapper() {}

  public static MappedRecord map(SourceRecord record) {
    if (record.value() == null) {
      return new MappedRecord.Skipped("tombstone");
    }
    JsonNode node;
    try {
      node = JSON.readTree(record.value());
    } catch (IOException e) {
      return new MappedRecord.Invalid("value is not JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      return new MappedRecord.Invalid("value is not a JSON object");
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      return new MappedRecord.Invalid("value has no string \"type\"");
    }
    String t = type.asText();
    if (t.equals(TranscriptRecord.TYPE)) {
      return transcript(record, (ObjectNode) node);
    }
    if (t.startsWith("session.")) {
      return session(record, (ObjectNode) node, t);
    }
    return new MappedRecord.Skipped("record type '" + t + "' is not sent as a webhook");
  }

  private static MappedRecord transcript(SourceRecord record, ObjectNode node) {
    TranscriptRecord t;
    try {
      t = TranscriptRecord.fromJson(record.value());
    } catch (IllegalArgumentException e) {
      return new MappedRecord.Invalid(firstLine(e.getMessage()));
    }
    String id = EventIds.eventId(TRANSCRIPT_COMPLETED, t.sessionId(), t.sequence());
    long createdAt = t.createdAt().getEpochSecond();
    return new MappedRecord.Event(new WebhookEvent(id, TRANSCRIPT_COMPLETED, createdAt, t.sessionId(), t.sequence(),
        envelope(id, TRANSCRIPT_COMPLETED, createdAt, node)));
  }

  private static MappedRecord session(SourceRecord record, ObjectNode node, String type) {
    if (!SESSION_TYPE.matcher(type).matches()) {
      return new MappedRecord.Invalid("type '" + type + "' (expected: session.<name>, lower case)");
    }
    JsonNode session = node.get("session_id");
    if (session == null || !session.isTextual() || session.asText().isEmpty()) {
      return new MappedRecord.Invalid(type + ": session_id is required (expected: a non-empty string)");
    }
    JsonNode sequence = node.get("sequence");
    if (sequence == null || !sequence.canConvertToExactIntegral() || sequence.asLong() < 1) {
      return new MappedRecord.Invalid(type + ": sequence is required (expected: an integer >= 1)");
    }
    long createdAt = record.timestamp() / 1000;
    JsonNode created = node.get("created_at");
    if (created != null && created.isTextual()) {
      try {
        createdAt = Instant.parse(created.asText()).getEpochSecond();
      } catch (DateTimeParseException e) {
        return new MappedRecord.Invalid(type + ": created_at '" + created.asText() + "' (expected: ISO-8601 UTC)");
      }
    }
    String eventType = PREFIX + type;
    String id = EventIds.eventId(eventType, session.asText(), sequence.asLong());
    return new MappedRecord.Event(new WebhookEvent(id, eventType, createdAt, session.asText(), sequence.asLong(),
        envelope(id, eventType, createdAt, node)));
  }

  private static byte[] envelope(String id, String type, long createdAt, ObjectNode data) {
    ObjectNode env = JSON.createObjectNode();
    env.put("object", "event");
    env.put("id", id);
    env.put("type", type);
    env.put("created_at", createdAt);
    env.set("data", data);
    try {
      return JSON.writeValueAsBytes(env);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
