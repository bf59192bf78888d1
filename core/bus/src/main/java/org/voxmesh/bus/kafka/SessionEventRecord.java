package org.voxmesh.bus.kafka;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The value of every record on {@link Topics#SESSION_EVENTS}: one step in a Realtime session's life,
 * written by the session service that holds the session's WebSocket. Key = {@link #sessionId()}; the
 * contract is {@code docs/kafka-session-events.md}. webhook-service turns each into a
 * {@code voxmesh.session.<name>} webhook.
 *
 * <p>{@code session.created} is sequence 1 and {@code session.closed} the last; the fields that only make
 * sense once the session ended (close code, duration, usage) are JSON {@code null} before that.
 *
 * @param type {@value #CREATED} or {@value #CLOSED}
 * @param sequence per-session counter from 1; consumers dedupe on (session_id, sequence)
 * @param sessionType {@code realtime} or {@code transcription}
 * @param model what the client asked for ({@code gpt-realtime}, {@code gpt-4o-transcribe}, ...)
 * @param instance the session-service process that held the session
 * @param closeCode the WebSocket close code (1000 normal, 1001 server going away or max duration, ...)
 *     or null when the connection dropped without a close frame
 * @param closeReason why it ended, in words
 * @param durationMs from session.created to the end
 * @param audioInMs input audio the client appended
 * @param transcripts input audio items transcribed (user turns)
 */
@JsonPropertyOrder({"schema_version", "type", "session_id", "sequence", "created_at", "session_type", "model",
    "instance", "close_code", "close_reason", "duration_ms", "audio_in_ms", "transcripts"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionEventRecord(
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty("type") String type,
    @JsonProperty("session_id") String sessionId,
    @JsonProperty("sequence") long sequence,
    @JsonProperty("created_at")
    @JsonSerialize(using = TranscriptRecord.MillisInstantSerializer.class)
    @JsonDeserialize(using = TranscriptRecord.MillisInstantDeserializer.class)
    Instant createdAt,
    @JsonProperty("session_type") String sessionType,
    @JsonProperty("model") String model,
    @JsonProperty("instance") String instance,
    @JsonProperty("close_code") Integer closeCode,
    @JsonProperty("close_reason") String closeReason,
    @JsonProperty("duration_ms") Long durationMs,
    @JsonProperty("audio_in_ms") Long audioInMs,
    @JsonProperty("transcripts") Integer transcripts) {

  public static final int SCHEMA_VERSION = 1;
  public static final String CREATED = "session.created";
  public static final String CLOSED = "session.closed";

  public SessionEventRecord {
    if (!CREATED.equals(type) && !CLOSED.equals(type)) {
      throw new IllegalArgumentException("type: " + type + " (expected: " + CREATED + " or " + CLOSED + ")");
    }
    Objects.requireNonNull(sessionId, "session_id");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence: " + sequence + " (expected: >= 1)");
    }
    createdAt = Objects.requireNonNull(createdAt, "created_at").truncatedTo(ChronoUnit.MILLIS);
  }

  public static SessionEventRecord created(String sessionId, Instant at, String sessionType, String model, String instance) {
    return new SessionEventRecord(SCHEMA_VERSION, CREATED, sessionId, 1, at, sessionType, model, instance,
        null, null, null, null, null);
  }

  public static SessionEventRecord closed(String sessionId, long sequence, Instant at, String sessionType, String model,
      String instance, Integer closeCode, String closeReason, long durationMs, long audioInMs, int transcripts) {
    return new SessionEventRecord(SCHEMA_VERSION, CLOSED, sessionId, sequence, at, sessionType, model, instance,
        closeCode, closeReason, durationMs, audioInMs, transcripts);
  }

  public String kafkaKey() {
    return sessionId;
  }

  public byte[] toJsonBytes() {
    return RecordJson.bytes(this);
  }

  /** @throws IllegalArgumentException if {@code json} is not a valid session event record */
  public static SessionEventRecord fromJson(byte[] json) {
    return RecordJson.read(json, SessionEventRecord.class, "session event record");
  }
}
