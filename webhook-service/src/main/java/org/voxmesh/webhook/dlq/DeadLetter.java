package org.voxmesh.webhook.dlq;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import org.voxmesh.webhook.event.SourceRecord;

/**
 * The value of a record on {@code voxmesh.webhooks.dlq.v1} (key: the source record's key, the session id):
 * one delivery to one endpoint that was given up, with the original record, so a replay can rebuild exactly
 * the event that failed. docs/webhooks.md describes every field.
 *
 * @param reason {@value #DEADLINE_EXCEEDED} (retried until the deadline) or {@value #INVALID_RECORD} (the source
 *     record could not be read; never retried, kept for inspection)
 * @param lastStatus the last HTTP status, or null when the last attempt got no response
 * @param record the source record's value when it is JSON, else null
 * @param recordBase64 the source record's value when it is not JSON, else null
 */
@JsonPropertyOrder({"schema_version", "type", "reason", "endpoint_id", "event_id", "webhook_id", "event_type",
    "attempts", "last_error", "last_status", "first_attempt_at", "dead_lettered_at", "source", "record", "record_base64"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeadLetter(
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty("type") String type,
    @JsonProperty("reason") String reason,
    @JsonProperty("endpoint_id") String endpointId,
    @JsonProperty("event_id") String eventId,
    @JsonProperty("webhook_id") String webhookId,
    @JsonProperty("event_type") String eventType,
    @JsonProperty("attempts") int attempts,
    @JsonProperty("last_error") String lastError,
    @JsonProperty("last_status") Integer lastStatus,
    @JsonProperty("first_attempt_at") String firstAttemptAt,
    @JsonProperty("dead_lettered_at") String deadLetteredAt,
    @JsonProperty("source") Source source,
    @JsonProperty("record") JsonNode record,
    @JsonProperty("record_base64") String recordBase64) {

  public static final int SCHEMA_VERSION = 1;
  public static final String TYPE = "webhook.dead_lettered";
  public static final String DEADLINE_EXCEEDED = "deadline_exceeded";
  public static final String INVALID_RECORD = "invalid_record";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the original record was. */
  @JsonPropertyOrder({"topic", "partition", "offset", "key", "timestamp"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Source(
      @JsonProperty("topic") String topic,
      @JsonProperty("partition") int partition,
      @JsonProperty("offset") long offset,
      @JsonProperty("key") String key,
      @JsonProperty("timestamp") long timestamp) {}

  /** A delivery that ran out of time. */
  public static DeadLetter exhausted(SourceRecord src, String endpointId, String eventId, String webhookId,
      String eventType, int attempts, String lastError, Integer lastStatus, Instant firstAttemptAt, Instant now) {
    return create(src, DEADLINE_EXCEEDED, endpointId, eventId, webhookId, eventType, attempts, lastError, lastStatus,
        firstAttemptAt, now);
  }

  /** A source record that could not be turned into an event. */
  public static DeadLetter invalid(SourceRecord src, String endpointId, String why, Instant now) {
    return create(src, INVALID_RECORD, endpointId, null, null, null, 0, why, null, null, now);
  }

  private static DeadLetter create(SourceRecord src, String reason, String endpointId, String eventId,
      String webhookId, String eventType, int attempts, String lastError, Integer lastStatus, Instant firstAttemptAt,
      Instant now) {
    JsonNode json = null;
    String base64 = null;
    if (src.value() != null) {
      try {
        json = JSON.readTree(src.value());
      } catch (IOException e) {
        json = null;
      }
      if (json == null) {
        base64 = Base64.getEncoder().encodeToString(src.value());
      }
    }
    return new DeadLetter(SCHEMA_VERSION, TYPE, reason, endpointId, eventId, webhookId, eventType, attempts, lastError,
        lastStatus, firstAttemptAt == null ? null : firstAttemptAt.toString(), now.toString(),
        new Source(src.topic(), src.partition(), src.offset(), src.key(), src.timestamp()), json, base64);
  }

  /** The original record again, as the mapper needs it for a replay. */
  public SourceRecord sourceRecord() {
    byte[] value;
    if (record != null) {
      try {
        value = JSON.writeValueAsBytes(record);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    } else if (recordBase64 != null) {
      value = Base64.getDecoder().decode(recordBase64);
    } else {
      value = null;
    }
    return new SourceRecord(source.topic(), source.partition(), source.offset(), source.key(), value, source.timestamp());
  }

  public byte[] toJsonBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws IllegalArgumentException if it is not a dead letter */
  public static DeadLetter fromJson(byte[] json) {
    try {
      DeadLetter d = JSON.readValue(json, DeadLetter.class);
      if (d == null || !TYPE.equals(d.type()) || d.source() == null) {
        throw new IllegalArgumentException("not a " + TYPE + " record");
      }
      return d;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a dead letter: " + e.getMessage(), e);
    }
  }
}
