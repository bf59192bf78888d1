package org.voxmesh.webhook.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voxmesh.bus.kafka.TranscriptRecord;

class EventMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TranscriptRecord T = TranscriptRecord.completed("sess_C9EhD6AZPSBGm3Ly1sdEL",
      "item_C9EhEbNSmmHdMiA7c0XUN", null, 7, "turn left at the next light", "en", "gpt-4o-transcribe",
      "pocketsphinx-en-us", 480, 2300, Instant.parse("2025-11-26T09:41:07.123Z"));

  @Test
  @DisplayName("A transcript becomes the OpenAI envelope with the record as data")
  void transcriptEnvelope() throws Exception {
    WebhookEvent e = event(record(T.toJson()));
    JsonNode body = JSON.readTree(e.body());
    assertThat(body.fieldNames()).toIterable().containsExactly("object", "id", "type", "created_at", "data");
    assertThat(body.get("object").asText()).isEqualTo("event");
    assertThat(body.get("id").asText()).matches("evt_[0-9a-f]{32}").isEqualTo(e.id());
    assertThat(body.get("type").asText()).isEqualTo("voxmesh.transcript.completed");
    assertThat(body.get("created_at").asLong()).isEqualTo(Instant.parse("2025-11-26T09:41:07Z").getEpochSecond());
    assertThat(body.get("data")).isEqualTo(JSON.readTree(T.toJson()));
    assertThat(e.webhookId("crm")).matches("wh_[0-9a-f]{32}").isNotEqualTo(e.webhookId("audit"));
  }

  @Test
  @DisplayName("Ids and bytes depend only on (session, sequence) and the record: a duplicate record gives the same event")
  void deterministic() {
    WebhookEvent a = event(new SourceRecord("t", 0, 5, T.sessionId(), T.toJsonBytes(), 1));
    WebhookEvent b = event(new SourceRecord("t", 2, 99, T.sessionId(), T.toJsonBytes(), 2));
    assertThat(b.id()).isEqualTo(a.id());
    assertThat(b.body()).isEqualTo(a.body());
    assertThat(a.id()).isEqualTo(EventIds.eventId("voxmesh.transcript.completed", T.sessionId(), 7));
    assertThat(EventIds.eventId("voxmesh.transcript.completed", T.sessionId(), 8)).isNotEqualTo(a.id());
  }

  @Test
  @DisplayName("Fields added by a later v1 revision pass through to data")
  void unknownFieldsPassThrough() throws Exception {
    String withExtra = T.toJson().replace("{\"schema_version\":1", "{\"schema_version\":2,\"speaker\":\"A\"");
    JsonNode data = JSON.readTree(event(record(withExtra)).body()).get("data");
    assertThat(data.get("speaker").asText()).isEqualTo("A");
  }

  @Test
  @DisplayName("Session lifecycle records become voxmesh.session.* events")
  void sessionEvent() throws Exception {
    WebhookEvent e = event(record("{\"type\":\"session.created\",\"session_id\":\"sess_1\",\"sequence\":1,"
        + "\"created_at\":\"2025-11-26T09:41:07.123Z\",\"model\":\"gpt-realtime\"}"));
    assertThat(e.type()).isEqualTo("voxmesh.session.created");
    assertThat(JSON.readTree(e.body()).get("data").get("model").asText()).isEqualTo("gpt-realtime");
  }

  @Test
  @DisplayName("Unknown types are skipped; unreadable records and broken known types are invalid")
  void skippedAndInvalid() {
    assertThat(EventMapper.map(record("{\"type\":\"transcript.delta\",\"x\":1}")))
        .isInstanceOf(MappedRecord.Skipped.class);
    assertThat(EventMapper.map(new SourceRecord("t", 0, 0, "k", null, 0))).isInstanceOf(MappedRecord.Skipped.class);
    assertThat(EventMapper.map(record("not json"))).isInstanceOf(MappedRecord.Invalid.class);
    assertThat(EventMapper.map(record("[1,2]"))).isInstanceOf(MappedRecord.Invalid.class);
    assertThat(EventMapper.map(record("{\"type\":\"transcript.completed\",\"session_id\":\"s\"}")))
        .isInstanceOf(MappedRecord.Invalid.class);
    assertThat(EventMapper.map(record("{\"type\":\"session.created\",\"session_id\":\"s\"}")))
        .isInstanceOf(MappedRecord.Invalid.class);
  }

  private static SourceRecord record(String json) {
    return new SourceRecord("voxmesh.transcripts.v1", 0, 0, T.sessionId(), json.getBytes(StandardCharsets.UTF_8),
        1_764_150_067_123L);
  }

  private static WebhookEvent event(SourceRecord r) {
    MappedRecord m = EventMapper.map(r);
    assertThat(m).isInstanceOf(MappedRecord.Event.class);
    return ((MappedRecord.Event) m).event();
  }
}
