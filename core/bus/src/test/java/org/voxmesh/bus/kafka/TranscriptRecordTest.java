package org.voxmesh.bus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a Kafka consumer reading the JSON sees. */
class TranscriptRecordTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static TranscriptRecord sample() {
    return TranscriptRecord.completed("sess_abc", "item_2", "item_1", 2, "turn left", "en", "gpt-4o-transcribe",
        "pocketsphinx-en-us", 480, 2300, Instant.parse("2025-11-26T09:41:07Z"));
  }

  @Test
  void writesSnakeCaseWithNullsPresentAndMillisTimestamp() throws Exception {
    TranscriptRecord r = TranscriptRecord.completed("sess_abc", "item_1", null, 1, "", null, "whisper-1",
        "pocketsphinx-en-us", 0, 0, Instant.parse("2025-11-26T09:41:07.123456Z"));
    JsonNode json = JSON.readTree(r.toJsonBytes());

    assertThat(fieldNames(json)).containsExactly("schema_version", "type", "session_id", "item_id",
        "previous_item_id", "sequence", "transcript", "language", "model", "engine", "audio_start_ms",
        "audio_end_ms", "created_at");
    assertThat(json.get("schema_version").intValue()).isEqualTo(1);
    assertThat(json.get("type").textValue()).isEqualTo("transcript.completed");
    assertThat(json.get("previous_item_id").isNull()).isTrue();
    assertThat(json.get("language").isNull()).isTrue();
    assertThat(json.get("created_at").textValue()).isEqualTo("2025-11-26T09:41:07.123Z");
    assertThat(sample().toJson()).contains("\"created_at\":\"2025-11-26T09:41:07.000Z\"");
    assertThat(r.kafkaKey()).isEqualTo("sess_abc");
  }

  @Test
  void roundTrips() {
    TranscriptRecord r = sample();
    assertThat(TranscriptRecord.fromJson(r.toJsonBytes())).isEqualTo(r);
    assertThat(TranscriptRecord.fromJson(r.toJson())).isEqualTo(r);
    assertThat(new String(r.toJsonBytes(), StandardCharsets.UTF_8)).isEqualTo(r.toJson());
  }

  @Test
  void readsLaterRevisionsThatAddFields() throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(sample().toJson());
    json.put("schema_version", 2).put("confidence", 0.93);
    TranscriptRecord r = TranscriptRecord.fromJson(json.toString());
    assertThat(r.schemaVersion()).isEqualTo(2);
    assertThat(r.transcript()).isEqualTo("turn left");
  }

  @Test
  void rejectsMissingOrInvalidFields() throws Exception {
    ObjectNode noSequence = (ObjectNode) JSON.readTree(sample().toJson());
    noSequence.remove("sequence");
    assertThatThrownBy(() -> TranscriptRecord.fromJson(noSequence.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");

    ObjectNode nullSession = (ObjectNode) JSON.readTree(sample().toJson());
    nullSession.putNull("session_id");
    assertThatThrownBy(() -> TranscriptRecord.fromJson(nullSession.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session_id");

    assertThatThrownBy(() -> TranscriptRecord.completed("s", "i", null, 0, "", null, "m", "e", 0, 0, Instant.now()))
        .hasMessageContaining("sequence: 0");
    assertThatThrownBy(() -> TranscriptRecord.completed("s", "i", null, 1, "", null, "m", "e", 10, 5, Instant.now()))
        .hasMessageContaining("audio_start_ms");
    assertThatThrownBy(() -> TranscriptRecord.fromJson("{not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
