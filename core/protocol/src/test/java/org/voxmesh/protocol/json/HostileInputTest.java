package org.voxmesh.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxmesh.protocol.client.InputAudioBufferClear;
import org.voxmesh.protocol.error.ErrorCodes;
import org.voxmesh.protocol.error.RealtimeError;

/**
 * Malformed client frames (Jitsi's BridgeChannelMessageTest idea): each maps to the exact error code and param,
 * echoes the client's event_id when it can be read, and leaves the codec usable for the next valid frame.
 */
class HostileInputTest {

  private static final RealtimeJson JSON = RealtimeJson.of(Dialect.GA);
  private static final String LONG_ID = "x".repeat(513);

  static Stream<Arguments> frames() {
    return Stream.of(
        // name, frame, code, param, echoed event_id
        bad("empty frame", "", ErrorCodes.INVALID_JSON, null, null),
        bad("whitespace only", "   \n ", ErrorCodes.INVALID_JSON, null, null),
        bad("truncated object", "{\"type\":\"input_audio_buffer.clear\"", ErrorCodes.INVALID_JSON, null, null),
        bad("truncated after event_id", "{\"event_id\":\"e1\",\"type\":", ErrorCodes.INVALID_JSON, null, "e1"),
        bad("not json", "hello", ErrorCodes.INVALID_JSON, null, null),
        bad("single quotes", "{'type':'input_audio_buffer.clear'}", ErrorCodes.INVALID_JSON, null, null),
        bad("trailing comma", "{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"e2\",}",
            ErrorCodes.INVALID_JSON, null, "e2"),
        bad("array frame", "[{\"type\":\"input_audio_buffer.clear\"}]", ErrorCodes.INVALID_JSON, null, null),
        bad("string frame", "\"input_audio_buffer.clear\"", ErrorCodes.INVALID_JSON, null, null),
        bad("number frame", "42", ErrorCodes.INVALID_JSON, null, null),
        bad("null frame", "null", ErrorCodes.INVALID_JSON, null, null),
        bad("two objects", "{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"e3\"} {}",
            ErrorCodes.INVALID_JSON, null, "e3"),
        bad("duplicate top-level key",
            "{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"e4\",\"event_id\":\"e5\"}",
            ErrorCodes.INVALID_JSON, "event_id", "e4"),
        bad("duplicate nested key", "{\"type\":\"session.update\",\"event_id\":\"e6\",\"session\":"
            + "{\"type\":\"realtime\",\"instructions\":\"a\",\"instructions\":\"b\"}}",
            ErrorCodes.INVALID_JSON, "session.instructions", "e6"),
        bad("empty object", "{}", ErrorCodes.INVALID_VALUE, "type", null),
        bad("missing type", "{\"event_id\":\"e7\",\"audio\":\"AAAA\"}", ErrorCodes.INVALID_VALUE, "type", "e7"),
        bad("null type", "{\"type\":null,\"event_id\":\"e8\"}", ErrorCodes.INVALID_VALUE, "type", "e8"),
        bad("unknown type", "{\"type\":\"scooby.dooby.doo\",\"event_id\":\"my_awesome_event\"}",
            ErrorCodes.INVALID_VALUE, "type", "my_awesome_event"),
        bad("beta-only event on GA", "{\"type\":\"transcription_session.update\",\"event_id\":\"e9\","
            + "\"session\":{}}", ErrorCodes.INVALID_VALUE, "type", "e9"),
        bad("server event sent by client", "{\"type\":\"session.created\",\"event_id\":\"e10\"}",
            ErrorCodes.INVALID_VALUE, "type", "e10"),
        bad("numeric type", "{\"type\":7,\"event_id\":\"e11\"}", ErrorCodes.INVALID_VALUE, "type", "e11"),
        bad("unknown top-level field", "{\"type\":\"input_audio_buffer.commit\",\"event_id\":\"e12\",\"foo\":1}",
            ErrorCodes.UNKNOWN_PARAMETER, "foo", "e12"),
        bad("camelCase field", "{\"type\":\"conversation.item.retrieve\",\"event_id\":\"e13\",\"itemId\":\"i\"}",
            ErrorCodes.UNKNOWN_PARAMETER, "itemId", "e13"),
        bad("audio missing", "{\"type\":\"input_audio_buffer.append\",\"event_id\":\"e14\"}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "audio", "e14"),
        bad("audio is a number", "{\"type\":\"input_audio_buffer.append\",\"event_id\":\"e15\",\"audio\":42}",
            ErrorCodes.INVALID_TYPE, "audio", "e15"),
        bad("audio is an object", "{\"type\":\"input_audio_buffer.append\",\"event_id\":\"e16\",\"audio\":{}}",
            ErrorCodes.INVALID_TYPE, "audio", "e16"),
        bad("bad base64", "{\"type\":\"input_audio_buffer.append\",\"event_id\":\"e17\",\"audio\":\"@@@@\"}",
            ErrorCodes.INVALID_VALUE, "audio", "e17"),
        bad("base64 with a space", "{\"event_id\":\"e18\",\"type\":\"input_audio_buffer.append\",\"audio\":\"AA AA\"}",
            ErrorCodes.INVALID_VALUE, "audio", "e18"),
        bad("event_id is a number", "{\"type\":\"input_audio_buffer.clear\",\"event_id\":5}",
            ErrorCodes.INVALID_TYPE, "event_id", null),
        bad("event_id too long", "{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"" + LONG_ID + "\"}",
            ErrorCodes.STRING_ABOVE_MAX_LENGTH, "event_id", LONG_ID),
        bad("item_id missing", "{\"type\":\"conversation.item.delete\",\"event_id\":\"e19\"}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "item_id", "e19"),
        bad("item_id is boolean", "{\"type\":\"conversation.item.retrieve\",\"event_id\":\"e20\",\"item_id\":true}",
            ErrorCodes.INVALID_TYPE, "item_id", "e20"),
        bad("truncate negative audio_end_ms", "{\"type\":\"conversation.item.truncate\",\"event_id\":\"e21\","
            + "\"item_id\":\"i\",\"content_index\":0,\"audio_end_ms\":-11}",
            ErrorCodes.INTEGER_BELOW_MIN_VALUE, "audio_end_ms", "e21"),
        bad("truncate audio_end_ms as string", "{\"type\":\"conversation.item.truncate\",\"event_id\":\"e22\","
            + "\"item_id\":\"i\",\"content_index\":0,\"audio_end_ms\":\"1500\"}",
            ErrorCodes.INVALID_TYPE, "audio_end_ms", "e22"),
        bad("truncate content_index float", "{\"type\":\"conversation.item.truncate\",\"event_id\":\"e23\","
            + "\"item_id\":\"i\",\"content_index\":0.5,\"audio_end_ms\":1}",
            ErrorCodes.INVALID_TYPE, "content_index", "e23"),
        bad("truncate content_index missing", "{\"type\":\"conversation.item.truncate\",\"event_id\":\"e24\","
            + "\"item_id\":\"i\",\"audio_end_ms\":1}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "content_index", "e24"),
        bad("truncate huge number", "{\"type\":\"conversation.item.truncate\",\"event_id\":\"e25\","
            + "\"item_id\":\"i\",\"content_index\":99999999999999999999,\"audio_end_ms\":1}",
            ErrorCodes.INTEGER_ABOVE_MAX_VALUE, "content_index", "e25"),
        bad("session not an object", "{\"type\":\"session.update\",\"event_id\":\"e26\",\"session\":\"realtime\"}",
            ErrorCodes.INVALID_TYPE, "session", "e26"),
        bad("session missing", "{\"type\":\"session.update\",\"event_id\":\"e27\"}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "session", "e27"),
        bad("item missing", "{\"type\":\"conversation.item.create\",\"event_id\":\"e28\"}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "item", "e28"),
        bad("item unknown type", "{\"type\":\"conversation.item.create\",\"event_id\":\"e29\","
            + "\"item\":{\"type\":\"banana\"}}", ErrorCodes.INVALID_VALUE, "item.type", "e29"),
        bad("item without type", "{\"type\":\"conversation.item.create\",\"event_id\":\"e30\","
            + "\"item\":{\"role\":\"user\",\"content\":[]}}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "item.type", "e30"),
        bad("message with unknown role", "{\"type\":\"conversation.item.create\",\"event_id\":\"e31\","
            + "\"item\":{\"type\":\"message\",\"role\":\"robot\",\"content\":[]}}",
            ErrorCodes.INVALID_VALUE, "item.role", "e31"),
        bad("beta content part name", "{\"type\":\"conversation.item.create\",\"event_id\":\"e32\","
            + "\"item\":{\"type\":\"message\",\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}}",
            ErrorCodes.INVALID_VALUE, "item.content[0].type", "e32"),
        bad("unknown key in content part", "{\"type\":\"conversation.item.create\",\"event_id\":\"e33\","
            + "\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\","
            + "\"lang\":\"en\"}]}}", ErrorCodes.UNKNOWN_PARAMETER, "item.content[0].lang", "e33"),
        bad("null content part", "{\"type\":\"conversation.item.create\",\"event_id\":\"e34\","
            + "\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[null]}}",
            ErrorCodes.INVALID_TYPE, "item.content[0]", "e34"),
        bad("input_text without text", "{\"type\":\"conversation.item.create\",\"event_id\":\"e35\","
            + "\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\"}]}}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "item.content[0].text", "e35"),
        bad("bad base64 in item audio", "{\"type\":\"conversation.item.create\",\"event_id\":\"e36\","
            + "\"item\":{\"type\":\"message\",\"role\":\"user\","
            + "\"content\":[{\"type\":\"input_audio\",\"audio\":\"%%\"}]}}",
            ErrorCodes.INVALID_VALUE, "item.content[0].audio", "e36"),
        bad("response.create beta temperature", "{\"type\":\"response.create\",\"event_id\":\"e37\","
            + "\"response\":{\"temperature\":0.8}}", ErrorCodes.UNKNOWN_PARAMETER, "response.temperature", "e37"),
        bad("response.create unknown tool key", "{\"type\":\"response.create\",\"event_id\":\"e38\","
            + "\"response\":{\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"meta\":{}}]}}",
            ErrorCodes.UNKNOWN_PARAMETER, "response.tools[0].meta", "e38"),
        bad("response.create bad conversation", "{\"type\":\"response.create\",\"event_id\":\"e39\","
            + "\"response\":{\"conversation\":\"sometimes\"}}",
            ErrorCodes.INVALID_VALUE, "response.conversation", "e39"),
        bad("response.create max_output_tokens too big", "{\"type\":\"response.create\",\"event_id\":\"e40\","
            + "\"response\":{\"max_output_tokens\":5000}}",
            ErrorCodes.INTEGER_ABOVE_MAX_VALUE, "response.max_output_tokens", "e40"),
        bad("response.create both modalities", "{\"type\":\"response.create\",\"event_id\":\"e41\","
            + "\"response\":{\"output_modalities\":[\"audio\",\"text\"]}}",
            ErrorCodes.INVALID_VALUE, "response.output_modalities", "e41"),
        bad("response.create too much metadata", "{\"type\":\"response.create\",\"event_id\":\"e42\","
            + "\"response\":{\"metadata\":{" + metadata(17) + "}}}",
            ErrorCodes.OBJECT_ABOVE_MAX_PROPERTIES, "response.metadata", "e42"),
        bad("response.cancel response_id number", "{\"type\":\"response.cancel\",\"event_id\":\"e43\","
            + "\"response_id\":1}", ErrorCodes.INVALID_TYPE, "response_id", "e43"),
        bad("response is an array", "{\"type\":\"response.create\",\"event_id\":\"e44\",\"response\":[]}",
            ErrorCodes.INVALID_TYPE, "response", "e44"),
        bad("nesting deeper than 1000", "{\"type\":\"response.create\",\"event_id\":\"e45\",\"response\":"
            + "{\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":" + "[".repeat(1500)
            + "]".repeat(1500) + "}]}}", ErrorCodes.INVALID_JSON, null, "e45"),
        bad("boolean frame", "true", ErrorCodes.INVALID_JSON, null, null),
        bad("tool parameters not an object", "{\"type\":\"response.create\",\"event_id\":\"e47\",\"response\":"
            + "{\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":\"{}\"}]}}",
            ErrorCodes.INVALID_TYPE, "response.tools[0].parameters", "e47"),
        bad("metadata value not a string", "{\"type\":\"response.create\",\"event_id\":\"e48\",\"response\":"
            + "{\"metadata\":{\"n\":1}}}", ErrorCodes.INVALID_TYPE, "response.metadata.n", "e48"),
        bad("custom voice id not a string", "{\"type\":\"response.create\",\"event_id\":\"e49\",\"response\":"
            + "{\"audio\":{\"output\":{\"voice\":{\"id\":5}}}}}", ErrorCodes.INVALID_TYPE,
            "response.audio.output.voice.id", "e49"),
        bad("unknown key wins over a missing required one", "{\"type\":\"conversation.item.truncate\","
            + "\"event_id\":\"e46\",\"itemId\":\"i\",\"content_index\":0,\"audio_end_ms\":1}",
            ErrorCodes.UNKNOWN_PARAMETER, "itemId", "e46"),
        bad("event_id only inside nested object", "{\"type\":\"bogus\",\"session\":{\"event_id\":\"inner\"}}",
            ErrorCodes.INVALID_VALUE, "type", null));
  }

  private static Arguments bad(String name, String frame, String code, String param, String eventId) {
    return Arguments.of(name, frame, code, param, eventId);
  }

  private static String metadata(int pairs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pairs; i++) {
      sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  void malformedFrameMapsToPreciseError(String name, String frame, String code, String param, String eventId) {
    ParseResult result = JSON.parse(frame);

    assertThat(result).as(name).isInstanceOf(ParseResult.Failed.class);
    RealtimeError error = ((ParseResult.Failed) result).error();
    assertThat(error.type()).as(name).isEqualTo(ErrorCodes.INVALID_REQUEST_ERROR);
    assertThat(error.code()).as(name + ": " + error).isEqualTo(code);
    assertThat(error.param()).as(name + ": " + error).isEqualTo(param);
    assertThat(error.eventId()).as(name).isEqualTo(eventId);
    assertThat(error.message()).as(name).isNotBlank();

    // the codec is unaffected: the next valid frame parses
    ParseResult next = JSON.parse("{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"after\"}");
    assertThat(next).isEqualTo(new ParseResult.Parsed(new InputAudioBufferClear("after")));
  }

  @Test
  void messagesUseOpenAiWording() {
    assertThat(error("{\"type\":\"scooby.dooby.doo\"}").message())
        .startsWith("Invalid value: 'scooby.dooby.doo'. Supported values are: 'session.update', "
            + "'input_audio_buffer.append', ")
        .endsWith(", and 'output_audio_buffer.clear'.");
    assertThat(error("{\"type\":\"input_audio_buffer.commit\",\"foo\":1}").message())
        .isEqualTo("Unknown parameter: 'foo'.");
    assertThat(error("{\"type\":\"conversation.item.truncate\",\"item_id\":\"i\",\"content_index\":0,"
        + "\"audio_end_ms\":-11}").message())
        .isEqualTo("Invalid 'audio_end_ms': integer below minimum value. Expected a value >= 0, but got -11 instead.");
    assertThat(error("{\"type\":\"input_audio_buffer.append\",\"audio\":42}").message())
        .isEqualTo("Invalid type for 'audio': expected a string, but got an integer instead.");
    assertThat(error("{\"type\":\"input_audio_buffer.append\"}").message())
        .isEqualTo("Missing required parameter: 'audio'.");
    assertThat(error("{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"" + LONG_ID + "\"}").message())
        .isEqualTo("Invalid 'event_id': string too long. Expected a string with maximum length 512, but got a "
            + "string with length 513 instead.");
    assertThat(error("").message()).isEqualTo("Invalid JSON: the frame is empty; expected a JSON object.");
    assertThat(error("[]").message()).isEqualTo("Invalid JSON: the frame must be a JSON object, but got an array.");
    assertThat(error("{\"type\":\"response.create\",\"response\":{\"audio\":{\"output\":{\"voice\":{\"id\":5}}}}}")
        .message()).isEqualTo("Invalid type for 'response.audio.output.voice.id': expected a string, but got an "
            + "integer instead.");
  }

  @Test
  void oversizeAppendIsRejected() {
    byte[] audio = new byte[15 * 1024 * 1024 + 3];
    String frame = "{\"type\":\"input_audio_buffer.append\",\"event_id\":\"big\",\"audio\":\""
        + Base64.getEncoder().encodeToString(audio) + "\"}";
    RealtimeError error = error(frame);
    assertThat(error.code()).isEqualTo(ErrorCodes.STRING_ABOVE_MAX_LENGTH);
    assertThat(error.param()).isEqualTo("audio");
    assertThat(error.eventId()).isEqualTo("big");
  }

  @Test
  void largestAppendIsAccepted() {
    byte[] audio = new byte[15 * 1024 * 1024];
    String frame = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(audio)
        + "\"}";
    assertThat(JSON.parse(frame)).isInstanceOf(ParseResult.Parsed.class);
  }

  private static RealtimeError error(String frame) {
    ParseResult result = JSON.parse(frame);
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    return ((ParseResult.Failed) result).error();
  }
}
