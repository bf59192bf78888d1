package org.voxmesh.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.realtime.RealtimeServerEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxmesh.protocol.Fixtures;
import org.voxmesh.protocol.client.SessionUpdate;
import org.voxmesh.protocol.error.ErrorCodes;
import org.voxmesh.protocol.error.RealtimeError;
import org.voxmesh.protocol.json.Dialect;
import org.voxmesh.protocol.json.ParseResult;
import org.voxmesh.protocol.json.RealtimeJson;
import org.voxmesh.protocol.server.SessionUpdated;

class SessionUpdatesTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static final RealtimeJson JSON = RealtimeJson.of(Dialect.GA);
  private static final RealtimeSessionConfig REALTIME = Fixtures.realtimeDefault();
  private static final TranscriptionSessionConfig TRANSCRIPTION = Fixtures.transcriptionDefault();

  // ---------------------------------------------------------------------------------------------- merge

  @Test
  void partialUpdateKeepsEverythingElse() {
    RealtimeSessionConfig next =
        applied(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":\"marin\"}}}");

    assertThat(next.audio().output().voice()).isEqualTo(new Voice.Named("marin"));
    assertThat(next.audio().input()).isEqualTo(REALTIME.audio().input());
    assertThat(next.audio().output().format()).isEqualTo(AudioFormatSpec.PCM_24K);
    assertThat(next.audio().output().speed()).isEqualTo(1.0);
    assertThat(next.instructions()).isEqualTo(REALTIME.instructions());
    assertThat(next.id()).isEqualTo(REALTIME.id());
    assertThat(next.expiresAt()).isEqualTo(REALTIME.expiresAt());
    assertThat(next.model()).isEqualTo("gpt-realtime");
  }

  @Test
  void nestedObjectsMergeFieldByField() {
    RealtimeSessionConfig next = applied(REALTIME,
        "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":{\"threshold\":0.7}}}}");

    assertThat(next.audio().input().turnDetection())
        .isEqualTo(new TurnDetection.ServerVad(0.7, 300, 200, null, true, true));
  }

  @Test
  void changingAVariantTypeStartsFromThatVariantsDefaults() {
    RealtimeSessionConfig semantic = applied(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":"
        + "{\"turn_detection\":{\"type\":\"semantic_vad\",\"eagerness\":\"low\"}}}}");
    assertThat(semantic.audio().input().turnDetection())
        .isEqualTo(new TurnDetection.SemanticVad(TurnDetection.Eagerness.LOW, true, true, null));

    RealtimeSessionConfig back = applied(semantic, "{\"type\":\"realtime\",\"audio\":{\"input\":"
        + "{\"turn_detection\":{\"type\":\"server_vad\"}}}}");
    assertThat(back.audio().input().turnDetection()).isEqualTo(TurnDetection.ServerVad.defaults());

    RealtimeSessionConfig ulaw = applied(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":"
        + "{\"format\":{\"type\":\"audio/pcmu\"}},\"output\":{\"format\":{\"type\":\"audio/pcma\"}}}}");
    assertThat(ulaw.audio().input().format()).isEqualTo(AudioFormatSpec.PCMU);
    assertThat(ulaw.audio().output().format()).isEqualTo(AudioFormatSpec.PCMA);
    assertThat(ulaw.audio().output().format().bytesPerMs()).isEqualTo(8);
  }

  @Test
  void explicitNullClears() {
    RealtimeSessionConfig rich = Fixtures.realtimeRich().withTracing(null);
    RealtimeSessionConfig next = applied(rich, "{\"type\":\"realtime\",\"prompt\":null,\"include\":null,"
        + "\"audio\":{\"input\":{\"turn_detection\":null,\"transcription\":null,\"noise_reduction\":null},"
        + "\"output\":{\"speed\":null}},\"max_output_tokens\":null,\"reasoning\":null}");

    assertThat(next.audio().input().turnDetection()).isNull();
    assertThat(next.audio().input().transcription()).isNull();
    assertThat(next.audio().input().noiseReduction()).isNull();
    assertThat(next.prompt()).isNull();
    assertThat(next.include()).isNull();
    assertThat(next.reasoning()).isNull();
    // keys with a default go back to it
    assertThat(next.audio().output().speed()).isEqualTo(1.0);
    assertThat(next.maxOutputTokens()).isEqualTo(MaxOutputTokens.INF);
    // untouched
    assertThat(next.audio().output().voice()).isEqualTo(new Voice.Named("marin"));
    assertThat(next.tools()).hasSize(1);
  }

  @Test
  void clearingValuesOfTheSpec() {
    RealtimeSessionConfig rich = Fixtures.realtimeRich().withTracing(null);
    RealtimeSessionConfig next = applied(rich, "{\"type\":\"realtime\",\"instructions\":\"\",\"tools\":[],"
        + "\"tracing\":null}");
    assertThat(next.instructions()).isEmpty();
    assertThat(next.tools()).isEmpty();
    assertThat(next.tracing()).isNull();
  }

  @Test
  void arraysReplace() {
    RealtimeSessionConfig two = applied(REALTIME, "{\"type\":\"realtime\",\"tools\":["
        + "{\"type\":\"function\",\"name\":\"a\"},{\"type\":\"function\",\"name\":\"b\"}]}");
    RealtimeSessionConfig one = applied(two, "{\"type\":\"realtime\",\"tools\":[{\"type\":\"function\",\"name\":\"c\","
        + "\"description\":\"C\",\"parameters\":{\"type\":\"object\"}}]}");

    assertThat(one.tools()).hasSize(1);
    assertThat(((Tool.Function) one.tools().get(0)).name()).isEqualTo("c");
  }

  @Test
  void reapplyingTheEffectiveConfigIsANoOp() throws Exception {
    RealtimeSessionConfig rich = Fixtures.realtimeRich();
    ObjectNode patch = (ObjectNode) JSON.toTree(SessionUpdated.of(rich)).get("session");
    patch.remove(List.of("id", "object", "expires_at"));
    assertThat(applied(rich, patch.toString())).isEqualTo(rich);

    TranscriptionSessionConfig transcription = Fixtures.transcriptionRich();
    ObjectNode tPatch = (ObjectNode) JSON.toTree(SessionUpdated.of(transcription)).get("session");
    tPatch.remove(List.of("id", "object", "expires_at"));
    assertThat(applied(transcription, tPatch.toString())).isEqualTo(transcription);
  }

  @Test
  void transcriptionSessionMergesToo() {
    TranscriptionSessionConfig next = applied(TRANSCRIPTION, "{\"type\":\"transcription\",\"audio\":{\"input\":"
        + "{\"transcription\":{\"language\":\"de\"},\"noise_reduction\":{\"type\":\"near_field\"}}},"
        + "\"include\":[\"item.input_audio_transcription.logprobs\"]}");

    assertThat(next.audio().input().transcription())
        .isEqualTo(new InputAudioTranscription(InputAudioTranscription.DEFAULT_MODEL, "de", null, null, null, null));
    assertThat(next.audio().input().noiseReduction().type()).isEqualTo(WireEnums.NoiseReductionType.NEAR_FIELD);
    assertThat(next.include()).containsExactly(WireEnums.IncludeOption.INPUT_AUDIO_TRANSCRIPTION_LOGPROBS);
    assertThat(next.audio().input().turnDetection()).isEqualTo(TRANSCRIPTION.audio().input().turnDetection());
  }

  @Test
  void agentsJsStartupSequenceSucceeds() {
    String full = """
        {"type":"realtime","model":"gpt-realtime","instructions":"You are a helpful assistant.",
         "output_modalities":["audio"],
         "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"noise_reduction":null,
                           "transcription":{"model":"gpt-4o-mini-transcribe"},
                           "turn_detection":{"type":"semantic_vad","eagerness":"auto","create_response":true,
                                             "interrupt_response":true,"model_version":"default"}},
                  "output":{"format":{"type":"audio/pcm","rate":24000},"voice":"alloy","speed":1}},
         "tool_choice":"auto",
         "tools":[{"type":"function","name":"get_weather","description":"Weather for a city",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],
                                 "additionalProperties":false}}],
         "parallel_tool_calls":false,"reasoning":{"effort":"low"},
         "prompt":{"id":"pmpt_123","variables":{"name":"Ada"}}}""";
    RealtimeSessionConfig afterFull = applied(REALTIME, full);
    RealtimeSessionConfig afterTracing = applied(afterFull, "{\"type\":\"realtime\",\"tracing\":\"auto\"}");
    RealtimeSessionConfig again = applied(afterTracing, "{\"type\":\"realtime\",\"tracing\":\"auto\"}");

    assertThat(afterTracing.tracing()).isEqualTo(Tracing.AUTO);
    assertThat(again).isEqualTo(afterTracing);
    assertThat(afterFull.audio().input().turnDetection().interruptsResponse()).isTrue();
    assertThat(afterFull.parallelToolCalls()).isFalse();
  }

  @Test
  void appliedConfigIsAcceptedByTheOpenAiSdk() throws Exception {
    RealtimeSessionConfig next = applied(REALTIME, "{\"type\":\"realtime\",\"tool_choice\":{\"type\":\"mcp\","
        + "\"server_label\":\"deepwiki\"},\"tools\":[{\"type\":\"mcp\",\"server_label\":\"deepwiki\","
        + "\"server_url\":\"https://mcp.deepwiki.com/mcp\",\"require_approval\":\"never\"}],"
        + "\"truncation\":\"disabled\",\"tracing\":{\"workflow_name\":\"w\",\"group_id\":\"g\"},"
        + "\"audio\":{\"output\":{\"voice\":{\"id\":\"voice_1234\"}}}}");
    String json = JSON.write(SessionUpdated.of(next));
    ObjectMappers.jsonMapper().readValue(json, RealtimeServerEvent.class).validate();
  }

  @Test
  void parsedFrameAppliesAndErrorsEchoItsEventId() {
    ParseResult parsed = JSON.parse("{\"type\":\"session.update\",\"event_id\":\"evt_client_1\","
        + "\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":{\"foo\":1}}}}");
    SessionUpdate update = (SessionUpdate) ((ParseResult.Parsed) parsed).event();
    assertThat(update.sessionType()).isEqualTo("realtime");

    SessionUpdateResult result = SessionUpdates.apply(REALTIME, update);
    RealtimeError error = ((SessionUpdateResult.Rejected) result).error();
    assertThat(error.eventId()).isEqualTo("evt_client_1");
    assertThat(error.code()).isEqualTo(ErrorCodes.UNKNOWN_PARAMETER);
    assertThat(error.param()).isEqualTo("session.audio.input.foo");
    assertThat(error.message()).isEqualTo("Unknown parameter: 'session.audio.input.foo'.");
  }

  // ---------------------------------------------------------------------------------------------- errors

  static Stream<Arguments> rejected() {
    return Stream.of(
        // current, patch, code, param, message (null = don't check)
        reject(REALTIME, "{}", ErrorCodes.MISSING_REQUIRED_PARAMETER, "session.type",
            "Missing required parameter: 'session.type'."),
        reject(REALTIME, "{\"instructions\":\"hi\"}", ErrorCodes.MISSING_REQUIRED_PARAMETER, "session.type", null),
        reject(REALTIME, "{\"type\":null}", ErrorCodes.MISSING_REQUIRED_PARAMETER, "session.type", null),
        reject(REALTIME, "{\"type\":1}", ErrorCodes.INVALID_TYPE, "session.type", null),
        reject(REALTIME, "{\"type\":\"conversation\"}", ErrorCodes.INVALID_VALUE, "session.type",
            "Invalid value: 'conversation'. Supported values are: 'realtime' and 'transcription'."),
        reject(REALTIME, "{\"type\":\"transcription\"}", ErrorCodes.INVALID_PARAMETER, "session.type",
            "Passing a transcription session update event to a realtime session is not allowed."),
        reject(TRANSCRIPTION, "{\"type\":\"realtime\"}", ErrorCodes.INVALID_PARAMETER, "session.type",
            "Passing a realtime session update event to a transcription session is not allowed."),
        // unknown keys, with the full path (beta-era keys included)
        reject(REALTIME, "{\"type\":\"realtime\",\"temperature\":0.8}", ErrorCodes.UNKNOWN_PARAMETER,
            "session.temperature", "Unknown parameter: 'session.temperature'."),
        reject(REALTIME, "{\"type\":\"realtime\",\"voice\":\"alloy\"}", ErrorCodes.UNKNOWN_PARAMETER,
            "session.voice", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"meta\":{}}]}",
            ErrorCodes.UNKNOWN_PARAMETER, "session.tools[0].meta", "Unknown parameter: 'session.tools[0].meta'."),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":{\"foo\":1}}}}",
            ErrorCodes.UNKNOWN_PARAMETER, "session.audio.input.turn_detection.foo", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":{\"type\":\"semantic_vad\","
            + "\"threshold\":0.5}}}}", ErrorCodes.UNKNOWN_PARAMETER, "session.audio.input.turn_detection.threshold",
            null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcmu\","
            + "\"rate\":8000}}}}", ErrorCodes.UNKNOWN_PARAMETER, "session.audio.input.format.rate", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"id\":\"sess_x\"}", ErrorCodes.UNKNOWN_PARAMETER, "session.id", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"object\":\"realtime.session\"}", ErrorCodes.UNKNOWN_PARAMETER,
            "session.object", null),
        reject(TRANSCRIPTION, "{\"type\":\"transcription\",\"model\":\"gpt-realtime\"}", ErrorCodes.UNKNOWN_PARAMETER,
            "session.model", null),
        reject(TRANSCRIPTION, "{\"type\":\"transcription\",\"audio\":{\"output\":{}}}", ErrorCodes.UNKNOWN_PARAMETER,
            "session.audio.output", null),
        // ranges
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":{\"threshold\":1.5}}}}",
            ErrorCodes.DECIMAL_ABOVE_MAX_VALUE, "session.audio.input.turn_detection.threshold",
            "Invalid 'session.audio.input.turn_detection.threshold': decimal above maximum value. Expected a value "
                + "<= 1, but got 1.5 instead."),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":{\"threshold\":-0.1}}}}",
            ErrorCodes.DECIMAL_BELOW_MIN_VALUE, "session.audio.input.turn_detection.threshold", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
            + "{\"idle_timeout_ms\":1000}}}}", ErrorCodes.INTEGER_BELOW_MIN_VALUE,
            "session.audio.input.turn_detection.idle_timeout_ms",
            "Invalid 'session.audio.input.turn_detection.idle_timeout_ms': integer below minimum value. Expected a "
                + "value >= 5000, but got 1000 instead."),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
            + "{\"idle_timeout_ms\":40000}}}}", ErrorCodes.INTEGER_ABOVE_MAX_VALUE,
            "session.audio.input.turn_detection.idle_timeout_ms", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
            + "{\"silence_duration_ms\":-1}}}}", ErrorCodes.INTEGER_BELOW_MIN_VALUE,
            "session.audio.input.turn_detection.silence_duration_ms", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"output\":{\"speed\":2}}}",
            ErrorCodes.DECIMAL_ABOVE_MAX_VALUE, "session.audio.output.speed", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"output\":{\"speed\":0.1}}}",
            ErrorCodes.DECIMAL_BELOW_MIN_VALUE, "session.audio.output.speed", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"max_output_tokens\":0}", ErrorCodes.INTEGER_BELOW_MIN_VALUE,
            "session.max_output_tokens", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"max_output_tokens\":4097}", ErrorCodes.INTEGER_ABOVE_MAX_VALUE,
            "session.max_output_tokens", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"truncation\":{\"type\":\"retention_ratio\","
            + "\"retention_ratio\":1.2}}", ErrorCodes.DECIMAL_ABOVE_MAX_VALUE, "session.truncation.retention_ratio",
            null),
        reject(REALTIME, "{\"type\":\"realtime\",\"output_modalities\":[]}", ErrorCodes.ARRAY_BELOW_MIN_LENGTH,
            "session.output_modalities", null),
        // enums and literals
        reject(REALTIME, "{\"type\":\"realtime\",\"output_modalities\":[\"audio\",\"text\"]}",
            ErrorCodes.INVALID_VALUE, "session.output_modalities", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"output_modalities\":[\"video\"]}", ErrorCodes.INVALID_VALUE,
            "session.output_modalities[0]", "Invalid value: 'video'. Supported values are: 'audio' and 'text'."),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":\"bob\"}}}",
            ErrorCodes.INVALID_VALUE, "session.audio.output.voice", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":{\"name\":\"x\"}}}}",
            ErrorCodes.UNKNOWN_PARAMETER, "session.audio.output.voice.name", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"format\":{\"type\":\"audio/wav\"}}}}",
            ErrorCodes.INVALID_VALUE, "session.audio.input.format.type",
            "Invalid value: 'audio/wav'. Supported values are: 'audio/pcm', 'audio/pcmu', and 'audio/pcma'."),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"format\":{\"rate\":16000}}}}",
            ErrorCodes.INVALID_VALUE, "session.audio.input.format.rate",
            "Invalid value: 16000. Supported values are: 24000."),
        reject(REALTIME,
            "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":{\"type\":\"push_to_talk\"}}}}",
            ErrorCodes.INVALID_VALUE, "session.audio.input.turn_detection.type", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":{\"type\":\"semantic_vad\","
            + "\"eagerness\":\"eager\"}}}}", ErrorCodes.INVALID_VALUE, "session.audio.input.turn_detection.eagerness",
            "Invalid value: 'eager'. Supported values are: 'low', 'medium', 'high', and 'auto'."),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"noise_reduction\":{\"type\":\"mid_field\"}}}}",
            ErrorCodes.INVALID_VALUE, "session.audio.input.noise_reduction.type", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"noise_reduction\":{}}}}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "session.audio.input.noise_reduction.type", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"transcription\":{\"model\":\"whisper-9\"}}}}",
            ErrorCodes.INVALID_VALUE, "session.audio.input.transcription.model", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"transcription\":{\"language\":\"english\"}}}}",
            ErrorCodes.INVALID_VALUE, "session.audio.input.transcription.language", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"tool_choice\":\"sometimes\"}", ErrorCodes.INVALID_VALUE,
            "session.tool_choice", "Invalid value: 'sometimes'. Supported values are: 'auto', 'none', and 'required'."),
        reject(REALTIME, "{\"type\":\"realtime\",\"tool_choice\":{\"type\":\"function\"}}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "session.tool_choice.name", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"tool_choice\":{\"name\":\"f\"}}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "session.tool_choice.type", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"tracing\":\"on\"}", ErrorCodes.INVALID_VALUE, "session.tracing",
            null),
        reject(REALTIME, "{\"type\":\"realtime\",\"truncation\":\"sometimes\"}", ErrorCodes.INVALID_VALUE,
            "session.truncation", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"max_output_tokens\":\"infinite\"}", ErrorCodes.INVALID_VALUE,
            "session.max_output_tokens", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"include\":[\"everything\"]}", ErrorCodes.INVALID_VALUE,
            "session.include[0]", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"tools\":[{\"type\":\"code_interpreter\"}]}",
            ErrorCodes.INVALID_VALUE, "session.tools[0].type", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"tools\":[{\"type\":\"function\"}]}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "session.tools[0].name", null),
        // wrong JSON types
        reject(REALTIME, "{\"type\":\"realtime\",\"instructions\":5}", ErrorCodes.INVALID_TYPE,
            "session.instructions", "Invalid type for 'session.instructions': expected a string, but got an integer "
                + "instead."),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":{\"threshold\":\"high\"}}}}",
            ErrorCodes.INVALID_TYPE, "session.audio.input.turn_detection.threshold", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
            + "{\"create_response\":\"yes\"}}}}", ErrorCodes.INVALID_TYPE,
            "session.audio.input.turn_detection.create_response", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
            + "{\"prefix_padding_ms\":300.5}}}}", ErrorCodes.INVALID_TYPE,
            "session.audio.input.turn_detection.prefix_padding_ms", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"tools\":{}}", ErrorCodes.INVALID_TYPE, "session.tools", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"tools\":[null]}", ErrorCodes.INVALID_TYPE, "session.tools[0]", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":\"loud\"}", ErrorCodes.INVALID_TYPE, "session.audio", null),
        reject(REALTIME, "{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":7}}}", ErrorCodes.INVALID_TYPE,
            "session.audio.output.voice", "Invalid type for 'session.audio.output.voice': expected one of a string or "
                + "an object, but got an integer instead."),
        reject(REALTIME, "{\"type\":\"realtime\",\"model\":7}", ErrorCodes.INVALID_TYPE, "session.model", null),
        // immutables
        reject(REALTIME, "{\"type\":\"realtime\",\"model\":\"gpt-realtime-mini\"}", ErrorCodes.INVALID_VALUE,
            "session.model", null),
        reject(REALTIME.withTracing(Tracing.AUTO), "{\"type\":\"realtime\",\"tracing\":null}",
            ErrorCodes.INVALID_PARAMETER, "session.tracing", null),
        reject(REALTIME.withTracing(Tracing.AUTO), "{\"type\":\"realtime\",\"tracing\":{\"workflow_name\":\"w\"}}",
            ErrorCodes.INVALID_PARAMETER, "session.tracing", null));
  }

  private static Arguments reject(SessionConfig current, String patch, String code, String param, String message) {
    return Arguments.of(patch, current, code, param, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void invalidUpdateIsRejectedAndNothingApplied(String patch, SessionConfig current, String code, String param,
                                                String message) throws Exception {
    String before = JSON.write(SessionUpdated.of(current));

    SessionUpdateResult result = SessionUpdates.apply(current, M.readTree(patch), false, "evt_42");

    assertThat(result).as(patch).isInstanceOf(SessionUpdateResult.Rejected.class);
    RealtimeError error = ((SessionUpdateResult.Rejected) result).error();
    assertThat(error.type()).isEqualTo(ErrorCodes.INVALID_REQUEST_ERROR);
    assertThat(error.code()).as(error.toString()).isEqualTo(code);
    assertThat(error.param()).as(error.toString()).isEqualTo(param);
    assertThat(error.eventId()).isEqualTo("evt_42");
    if (message != null) {
      assertThat(error.message()).isEqualTo(message);
    }
    // nothing applied: the current config is unchanged (records are immutable; its JSON is the same)
    JsonNode unchanged = M.readTree(JSON.write(SessionUpdated.of(current))).get("session");
    assertThat(unchanged).isEqualTo(M.readTree(before).get("session"));
  }

  @Test
  void modelMayBeResentUnchangedOrNull() {
    assertThat(applied(REALTIME, "{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}")).isEqualTo(REALTIME);
    assertThat(applied(REALTIME, "{\"type\":\"realtime\",\"model\":null}")).isEqualTo(REALTIME);
  }

  @Test
  void voiceIsLockedOnceAudioWasProduced() throws Exception {
    SessionUpdateResult changed = SessionUpdates.apply(REALTIME,
        M.readTree("{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":\"marin\"}}}"), true, "v1");
    RealtimeError error = ((SessionUpdateResult.Rejected) changed).error();
    assertThat(error.code()).isEqualTo(ErrorCodes.CANNOT_UPDATE_VOICE);
    assertThat(error.param()).isEqualTo("session.audio.output.voice");
    assertThat(error.eventId()).isEqualTo("v1");

    SessionUpdateResult same = SessionUpdates.apply(REALTIME,
        M.readTree("{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":\"alloy\",\"speed\":1.1}}}"), true, null);
    assertThat(same).isInstanceOf(SessionUpdateResult.Applied.class);
  }

  @Test
  void requestSideConfigsResolveAgainstTheInitialConfig() throws Exception {
    RealtimeSessionConfig base = RealtimeSessionConfig.initial("sess_1", null, 100L, null);
    RealtimeSessionConfig next = applied(base, "{\"type\":\"realtime\",\"model\":\"gpt-realtime-mini\"}");
    assertThat(next.model()).isEqualTo("gpt-realtime-mini");
    assertThat(next.instructions()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static <T extends SessionConfig> T applied(T current, String patch) {
    try {
      SessionUpdateResult result = SessionUpdates.apply(current, M.readTree(patch));
      assertThat(result).as(String.valueOf(result)).isInstanceOf(SessionUpdateResult.Applied.class);
      return (T) ((SessionUpdateResult.Applied) result).config();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
