package org.voxmesh.bus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionEventRecordTest {

  private static final Instant AT = Instant.parse("2026-11-26T03:44:04.172345Z");

  @Test
  void createdHasEveryFieldWithNullsForWhatOnlyTheEndKnows() {
    SessionEventRecord created = SessionEventRecord.created("sess_a", AT, "transcription", null, "session-1");
    JsonObject json = new JsonObject(new String(created.toJsonBytes(), StandardCharsets.UTF_8));
    assertThat(json.fieldNames()).containsExactlyInAnyOrder("schema_version", "type", "session_id", "sequence",
        "created_at", "session_type", "model", "instance", "close_code", "close_reason", "duration_ms", "audio_in_ms",
        "transcripts");
    assertThat(json.getString("type")).isEqualTo("session.created");
    assertThat(json.getLong("sequence")).isEqualTo(1);
    assertThat(json.getString("created_at")).isEqualTo("2026-11-26T03:44:04.172Z");
    assertThat(json.getValue("close_code")).isNull();
  }

  @Test
  void closedRoundTrips() {
    SessionEventRecord closed = SessionEventRecord.closed("sess_a", 2, AT, "realtime", "gpt-realtime", "session-1",
        1001, "drained", 15_483, 6_420, 2);
    SessionEventRecord back = SessionEventRecord.fromJson(closed.toJsonBytes());
    assertThat(back).isEqualTo(closed);
    assertThat(back.closeCode()).isEqualTo(1001);
    assertThat(back.kafkaKey()).isEqualTo("sess_a");
  }

  @Test
  void refusesUnknownTypesAndBadSequences() {
    assertThatThrownBy(() -> new SessionEventRecord(1, "session.exploded", "sess_a", 1, AT, null, null, null, null, null,
        null, null, null)).hasMessageContaining("type");
    assertThatThrownBy(() -> SessionEventRecord.closed("sess_a", 0, AT, "realtime", null, "i", 1000, "x", 1, 1, 1))
        .hasMessageContaining("sequence");
    assertThatThrownBy(() -> SessionEventRecord.fromJson("{\"type\":\"session.created\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
