package org.voxmesh.bus.kafka;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The value of every record on {@link Topics#TRANSCRIPTS}: one final transcript of one input audio item.
 * The record key is {@link #sessionId()}. The wire contract is {@code docs/kafka-transcripts.md} and
 * {@code docs/schemas/transcript-record.v1.schema.json}.
 *
 * <p>Nullable fields are written as JSON {@code null}, never omitted, so every consumer sees the same keys.
 * Readers ignore unknown fields: later schema versions on this topic only add fields.
 *
 * @param schemaVersion revision of the v1 schema that wrote this record, {@value #SCHEMA_VERSION} today
 * @param type always {@value #TYPE}
 * @param sessionId the Realtime session ({@code sess_…}); also the Kafka record key
 * @param itemId the conversation item the audio belongs to
 * @param previousItemId the item before it in the conversation, or null for the first
 * @param sequence per-session counter starting at 1, increasing by 1 per record; consumers dedupe on
 *     (session_id, sequence)
 * @param transcript the final text, possibly empty
 * @param language BCP-47-ish language the session asked for or the engine detected, or null
 * @param model the transcription model the session asked for (e.g. {@code gpt-4o-transcribe})
 * @param engine the engine that actually produced the text (e.g. {@code pocketsphinx-en-us})
 * @param audioStartMs start of the item's audio, in ms since the session's input audio began
 * @param audioEndMs end of the item's audio, same clock; duration is {@code audioEndMs - audioStartMs}
 * @param createdAt when the transcript was final, UTC, millisecond precision
 */
@JsonPropertyOrder({"schema_version", "type", "session_id", "item_id", "previous_item_id", "sequence",
    "transcript", "language", "model", "engine", "audio_start_ms", "audio_end_ms", "created_at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscriptRecord(
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty("type") String type,
    @JsonProperty("session_id") String sessionId,
    @JsonProperty("item_id") String itemId,
    @JsonProperty("previous_item_id") String previousItemId,
    @JsonProperty("sequence") long sequence,
    @JsonProperty("transcript") String transcript,
    @JsonProperty("language") String language,
    @JsonProperty("model") String model,
    @JsonProperty("engine") String engine,
    @JsonProperty("audio_start_ms") long audioStartMs,
    @JsonProperty("audio_end_ms") long audioEndMs,
    @JsonProperty("created_at")
    @JsonSerialize(using = MillisInstantSerializer.class)
    @JsonDeserialize(using = MillisInstantDeserializer.class)
    Instant createdAt) {

  public static final int SCHEMA_VERSION = 1;
  public static final String TYPE = "transcript.completed";

  public TranscriptRecord {
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schema_version: " + schemaVersion + " (expected: >= 1)");
    }
    require(type, "type");
    require(sessionId, "session_id");
    require(itemId, "item_id");
    Objects.requireNonNull(transcript, "transcript");
    require(model, "model");
    require(engine, "engine");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence: " + sequence + " (expected: >= 1)");
    }
    if (audioStartMs < 0 || audioEndMs < audioStartMs) {
      throw new IllegalArgumentException("audio_start_ms/audio_end_ms: " + audioStartMs + "/" + audioEndMs
          + " (expected: 0 <= audio_start_ms <= audio_end_ms)");
    }
    createdAt = Objects.requireNonNull(createdAt, "created_at").truncatedTo(ChronoUnit.MILLIS);
  }

  /** A record of the current schema version and type. */
  public static TranscriptRecord completed(String sessionId, String itemId, String previousItemId, long sequence,
      String transcript, String language, String model, String engine, long audioStartMs, long audioEndMs,
      Instant createdAt) {
    return new TranscriptRecord(SCHEMA_VERSION, TYPE, sessionId, itemId, previousItemId, sequence, transcript,
        language, model, engine, audioStartMs, audioEndMs, createdAt);
  }

  /** The Kafka record key: the session id, so one session's records share a partition and stay in order. */
  public String kafkaKey() {
    return sessionId;
  }

  /** UTF-8 JSON, the Kafka record value. */
  public byte[] toJsonBytes() {
    return RecordJson.bytes(this);
  }

  public String toJson() {
    return RecordJson.text(this);
  }

  /** Parses a record value. @throws IllegalArgumentException if it is not a valid transcript record */
  public static TranscriptRecord fromJson(byte[] json) {
    return RecordJson.read(json, TranscriptRecord.class, "transcript record");
  }

  /** Parses a record value. @throws IllegalArgumentException if it is not a valid transcript record */
  public static TranscriptRecord fromJson(String json) {
    return RecordJson.read(json, TranscriptRecord.class, "transcript record");
  }

  private static void require(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " is required (expected: a non-empty string)");
    }
  }

  /** Always three fraction digits and a 'Z' ({@code Instant.toString()} drops zero millis). */
  static final class MillisInstantSerializer extends JsonSerializer<Instant> {
    private static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(FORMAT.format(value));
    }
  }

  /** Accepts any ISO-8601 instant, so hand-written or foreign records parse too. */
  static final class MillisInstantDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException | NullPointerException e) {
        return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "expected an ISO-8601 UTC timestamp");
      }
    }
  }
}
