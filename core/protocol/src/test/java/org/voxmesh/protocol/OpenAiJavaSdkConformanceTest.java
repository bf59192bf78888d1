package org.voxmesh.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.models.realtime.RealtimeServerEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxmesh.protocol.json.Dialect;
import org.voxmesh.protocol.json.RealtimeJson;
import org.voxmesh.protocol.server.ServerEvent;

/**
 * Every server event we can emit is accepted by the official openai-java SDK: parsed with its own ObjectMapper
 * into its {@code RealtimeServerEvent} union and validated (which throws on a missing required field, a wrong
 * type, an unknown enum or literal).
 */
class OpenAiJavaSdkConformanceTest {

  private static final RealtimeJson JSON = RealtimeJson.of(Dialect.GA);

  static Stream<ServerEvent> events() {
    return Fixtures.everyServerEvent().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void sdkParsesAndValidates(ServerEvent event) throws Exception {
    String json = JSON.write(event);
    RealtimeServerEvent parsed = ObjectMappers.jsonMapper().readValue(json, RealtimeServerEvent.class);
    try {
      parsed.validate();
    } catch (RuntimeException e) {
      fail("openai-java rejected " + json + ": " + e.getMessage());
    }
    assertThat(parsed.isValid()).isTrue();
    // the SDK serialises it back with the same type
    JsonNode back = ObjectMappers.jsonMapper().valueToTree(parsed);
    assertThat(back.get("type").asText()).isEqualTo(JSON.names().nameOf(event));
  }

  @Test
  void fixturesCoverEveryServerEventType() {
    Set<Class<?>> covered = new HashSet<>();
    Fixtures.everyServerEvent().forEach(e -> covered.add(e.getClass()));
    assertThat(covered).containsExactlyInAnyOrder(ServerEvent.class.getPermittedSubclasses());
  }

  @Test
  void sdkRejectsWhatWeMustNotSend() throws Exception {
    // sanity: the validator is live (a PCM rate other than 24000, a completed event without usage)
    for (String bad : List.of(
        "{\"type\":\"session.created\",\"event_id\":\"event_1\",\"session\":{\"type\":\"realtime\","
            + "\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":16000}}}}}",
        "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"event_id\":\"e\",\"item_id\":\"i\","
            + "\"content_index\":0,\"transcript\":\"Hi\"}",
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"m\"}}")) {
      RealtimeServerEvent parsed = ObjectMappers.jsonMapper().readValue(bad, RealtimeServerEvent.class);
      assertThat(parsed.isValid()).as(bad).isFalse();
    }
  }
}
