package org.voxmesh.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxmesh.protocol.Fixtures;
import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.client.ConversationItemCreate;
import org.voxmesh.protocol.client.ResponseCreate;
import org.voxmesh.protocol.client.SessionUpdate;
import org.voxmesh.protocol.error.ErrorCodes;
import org.voxmesh.protocol.error.RealtimeError;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.item.ContentPart;
import org.voxmesh.protocol.item.Item;
import org.voxmesh.protocol.item.ItemStatus;
import org.voxmesh.protocol.item.Role;
import org.voxmesh.protocol.server.ConversationCreated;
import org.voxmesh.protocol.server.ConversationItemAdded;
import org.voxmesh.protocol.server.ConversationItemDone;
import org.voxmesh.protocol.server.ErrorEvent;
import org.voxmesh.protocol.server.InputAudioBufferTimeoutTriggered;
import org.voxmesh.protocol.server.ServerEvent;
import org.voxmesh.protocol.server.SessionUpdated;
import org.voxmesh.protocol.session.AudioFormatSpec;
import org.voxmesh.protocol.session.RealtimeSessionConfig;
import org.voxmesh.protocol.session.SessionConfig;
import org.voxmesh.protocol.session.SessionUpdateResult;
import org.voxmesh.protocol.session.SessionUpdates;
import org.voxmesh.protocol.session.TranscriptionSessionConfig;
import org.voxmesh.protocol.session.TurnDetection;
import org.voxmesh.protocol.session.Voice;
import org.voxmesh.protocol.session.WireEnums.OutputModality;

/**
 * The beta dialect (REALTIME_PROTOCOL.md §1, §5.3, §12): beta client frames parse into the GA records, server
 * records are written with beta names and shapes, events absent from a dialect are never written, and the whole
 * beta surface is checked against the {@code beta_*} field lists of {@code events.json}.
 */
class BetaDialectTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static final RealtimeJson BETA = RealtimeJson.of(Dialect.BETA);
  private static final RealtimeJson GA = RealtimeJson.of(Dialect.GA);
  private static final Map<String, JsonNode> BETA_SERVER = new HashMap<>();
  private static final Map<String, JsonNode> BETA_CLIENT = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    JsonNode root = M.readTree(Files.readString(Fixtures.specDir().resolve("events.json")));
    root.get("server_events").forEach(e -> {
      if (e.hasNonNull("beta_name")) {
        BETA_SERVER.put(e.get("beta_name").asText(), e);
      }
    });
    root.get("client_events").forEach(e -> {
      if (e.hasNonNull("beta_name")) {
        BETA_CLIENT.put(e.get("beta_name").asText(), e);
      }
    });
    assertThat(BETA_SERVER).isNotEmpty();
    assertThat(BETA_CLIENT).isNotEmpty();
  }

  // -----------------------------------------------------------------------------------------------------------
  // golden samples

  static Stream<Arguments> betaClientSamples() throws IOException {
    return samples("/golden/beta-client-events.jsonl");
  }

  static Stream<Arguments> betaServerSamples() throws IOException {
    return samples("/golden/beta-server-events.jsonl");
  }

  /** A beta frame parses into the GA record whose GA frame is {@code ga}; written back in beta it is the frame. */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("betaClientSamples")
  void betaClientFrameParsesIntoTheGaRecord(String type, String source, JsonNode sample) throws Exception {
    ParseResult result = BETA.parse(sample.get("wire").toString());

    assertThat(result).as(String.valueOf(result)).isInstanceOf(ParseResult.Parsed.class);
    ClientEvent event = ((ParseResult.Parsed) result).event();
    assertThat(M.readTree(GA.write(event))).isEqualTo(sample.get("ga"));
    JsonNode betaEmitted = sample.has("beta_emitted") ? sample.get("beta_emitted") : sample.get("wire");
    assertThat(M.readTree(BETA.write(event))).isEqualTo(betaEmitted);
  }

  /** A beta server sample reads into the record that the beta writer turns back into it (and GA into {@code ga}). */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("betaServerSamples")
  void betaServerEventRoundTrips(String type, String source, JsonNode sample) throws Exception {
    ServerEvent event = BETA.readServerEvent(sample.get("wire").toString());

    JsonNode emitted = sample.has("emitted") ? sample.get("emitted") : sample.get("wire");
    assertThat(BETA.names().nameOf(event)).isEqualTo(type);
    assertThat(M.readTree(BETA.write(event))).isEqualTo(emitted);
    assertThat(M.readTree(BETA.writeBytes(event))).isEqualTo(emitted);
    assertThat(M.readTree(M.writeValueAsString(BETA.toTree(event)))).isEqualTo(emitted);
    if (sample.has("ga")) {
      assertThat(M.readTree(GA.write(event))).isEqualTo(sample.get("ga"));
    }
  }

  // -----------------------------------------------------------------------------------------------------------
  // events.json beta contract

  @Test
  void everyBetaClientEventOfTheSpecParsesFromItsRequiredKeys() {
    assertThat(new HashSet<>(BETA.names().clientNames())).isEqualTo(BETA_CLIENT.keySet());
    Map<String, String> minimal = Map.of(
        "session", "{}",
        "audio", "\"AAAA\"",
        "item", "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}",
        "item_id", "\"item_1\"",
        "content_index", "0",
        "audio_end_ms", "0");
    for (JsonNode spec : BETA_CLIENT.values()) {
      String name = spec.get("beta_name").asText();
      StringBuilder frame = new StringBuilder("{\"type\":\"").append(name).append('"');
      for (String key : strings(spec.get("beta_required"))) {
        if (!key.equals("type")) {
          assertThat(minimal).as(key).containsKey(key);
          frame.append(",\"").append(key).append("\":").append(minimal.get(key));
        }
      }
      frame.append('}');
      ParseResult result = BETA.parse(frame.toString());
      assertThat(result).as(frame + " -> " + result).isInstanceOf(ParseResult.Parsed.class);
      assertThat(BETA.names().clientClassOf(name)).isEqualTo(((ParseResult.Parsed) result).event().getClass());
    }
  }

  @Test
  void betaServerEventsCarryExactlyTheBetaKeysAndBetaNames() {
    Set<String> written = new HashSet<>();
    for (ServerEvent event : Fixtures.everyServerEventOfBothDialects()) {
      if (!BETA.emits(event)) {
        continue;
      }
      JsonNode json = BETA.toTree(event);
      String name = json.get("type").asText();
      written.add(name);
      JsonNode spec = BETA_SERVER.get(name);
      assertThat(spec).as("beta name " + name + " in events.json").isNotNull();
      Set<String> required = strings(spec.get("beta_required"));
      Set<String> allowed = new HashSet<>(required);
      allowed.addAll(strings(spec.get("beta_optional")));
      allowed.add("obfuscation");
      Set<String> keys = new HashSet<>();
      json.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).as(name + " " + json).containsAll(required);
      assertThat(allowed).as(name + " " + json).containsAll(keys);
    }
    assertThat(written).containsAll(List.of("conversation.item.created", "transcription_session.created",
        "transcription_session.updated", "conversation.created", "response.text.delta", "response.audio.delta",
        "response.audio_transcript.done"));
  }

  @Test
  void gaNamesNeverReachBetaClientsAndBetaNamesNeverReachGaClients() {
    Set<String> gaOnly = new HashSet<>();
    Set<String> betaOnly = new HashSet<>();
    JsonNode root;
    try {
      root = M.readTree(Files.readString(Fixtures.specDir().resolve("events.json")));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    for (JsonNode e : root.get("server_events")) {
      String ga = e.path("ga_name").asText(null);
      String beta = e.path("beta_name").asText(null);
      if (ga != null && !ga.equals(beta)) {
        gaOnly.add(ga);
      }
      if (beta != null && !beta.equals(ga)) {
        betaOnly.add(beta);
      }
    }
    for (ServerEvent event : Fixtures.everyServerEventOfBothDialects()) {
      BETA.writeIfEmitted(event).ifPresent(json -> assertThat(gaOnly).doesNotContain(type(json)));
      GA.writeIfEmitted(event).ifPresent(json -> assertThat(betaOnly).doesNotContain(type(json)));
    }
  }

  /** No GA-only part names, session keys or response keys anywhere in what beta clients receive. */
  @Test
  void betaShapesHaveNoGaKeys() {
    for (ServerEvent event : Fixtures.everyServerEvent()) {
      BETA.writeIfEmitted(event).ifPresent(json -> {
        JsonNode tree = read(json);
        tree.findValues("type").forEach(t -> assertThat(t.asText()).as(json)
            .isNotIn("output_text", "output_audio"));
        for (JsonNode container : List.of(tree.path("session"), tree.path("response"))) {
          assertThat(container.has("output_modalities")).as(json).isFalse();
          assertThat(container.has("audio")).as(json).isFalse();
        }
      });
    }
  }

  /** Writing a beta event, reading it back and writing it again gives the same JSON (the inverse is exact). */
  @Test
  void everyBetaEventReadsBackToTheSameRecordShape() throws Exception {
    for (ServerEvent event : Fixtures.everyServerEventOfBothDialects()) {
      if (!BETA.emits(event)) {
        continue;
      }
      String once = BETA.write(event);
      String twice = BETA.write(BETA.readServerEvent(once));
      assertThat(read(twice)).as(once).isEqualTo(read(once));
    }
  }

  // -----------------------------------------------------------------------------------------------------------
  // events that exist in one dialect only

  @Test
  void itemLifecycleCollapsesToOneCreatedInBeta() {
    Item user = Item.Message.userAudio(Ids.itemId());
    List<String> frames = new ArrayList<>();
    for (ServerEvent e : List.of(ConversationItemAdded.of(null, user), ConversationItemDone.of(null, user))) {
      BETA.writeIfEmitted(e).ifPresent(frames::add);
    }
    assertThat(frames).hasSize(1);
    assertThat(type(frames.get(0))).isEqualTo("conversation.item.created");
    assertThat(read(frames.get(0)).at("/item/content/0")).isEqualTo(read("{\"type\":\"input_audio\",\"transcript\":null}"));
  }

  @Test
  void eventsAbsentFromADialectAreNotWritten() {
    ServerEvent done = ConversationItemDone.of(null, Item.Message.userAudio(Ids.itemId()));
    ServerEvent timeout = InputAudioBufferTimeoutTriggered.of(1, 2, Ids.itemId());
    ServerEvent created = ConversationCreated.of(Ids.conversationId());
    for (ServerEvent e : List.of(done, timeout)) {
      assertThat(BETA.emits(e)).isFalse();
      assertThat(BETA.writeIfEmitted(e)).isEmpty();
      assertThatThrownBy(() -> BETA.write(e)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("writeIfEmitted");
      assertThat(GA.writeIfEmitted(e)).isPresent();
    }
    assertThat(GA.emits(created)).isFalse();
    assertThat(GA.writeIfEmitted(created)).isEmpty();
    assertThatThrownBy(() -> GA.write(created)).isInstanceOf(IllegalArgumentException.class);
    assertThat(read(BETA.writeIfEmitted(created).orElseThrow()).at("/conversation/object").asText())
        .isEqualTo("realtime.conversation");
  }

  @Test
  void gaRejectsBetaOnlyClientEventsAndBetaShapes() {
    RealtimeError e = failure(GA, "{\"type\":\"transcription_session.update\",\"event_id\":\"x\",\"session\":{}}");
    assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_VALUE);
    assertThat(e.param()).isEqualTo("type");
    assertThat(e.eventId()).isEqualTo("x");
    assertThat(e.message().substring(e.message().indexOf("Supported"))).doesNotContain("transcription_session");
  }

  // -----------------------------------------------------------------------------------------------------------
  // beta session updates end to end

  @Test
  void betaSessionUpdateAppliesToTheGaConfig() {
    RealtimeSessionConfig current = Fixtures.realtimeDefault();
    SessionUpdate update = parsed("{\"type\":\"session.update\",\"session\":{\"voice\":\"marin\","
        + "\"output_audio_format\":\"g711_ulaw\",\"modalities\":[\"text\"],\"turn_detection\":{\"type\":"
        + "\"semantic_vad\",\"eagerness\":\"high\"},\"max_response_output_tokens\":300}}");
    assertThat(update.sessionType()).isEqualTo(SessionConfig.REALTIME);

    SessionUpdateResult result = SessionUpdates.apply(current, update);

    RealtimeSessionConfig next = (RealtimeSessionConfig) ((SessionUpdateResult.Applied) result).config();
    assertThat(next.audio().output().voice()).isEqualTo(new Voice.Named("marin"));
    assertThat(next.audio().output().format()).isEqualTo(AudioFormatSpec.PCMU);
    assertThat(next.audio().input().format()).isEqualTo(AudioFormatSpec.PCM_24K);
    assertThat(next.outputModalities()).containsExactly(OutputModality.TEXT);
    assertThat(next.audio().input().turnDetection()).isInstanceOf(TurnDetection.SemanticVad.class);
    assertThat(next.maxOutputTokens().limit()).isEqualTo(300);
    assertThat(next.instructions()).isEqualTo(current.instructions());

    JsonNode updated = read(BETA.write(SessionUpdated.of(next)));
    assertThat(updated.get("type").asText()).isEqualTo("session.updated");
    assertThat(updated.at("/session/voice").asText()).isEqualTo("marin");
    assertThat(updated.at("/session/output_audio_format").asText()).isEqualTo("g711_ulaw");
    assertThat(updated.at("/session/input_audio_format").asText()).isEqualTo("pcm16");
    assertThat(updated.at("/session/modalities")).isEqualTo(read("[\"text\"]"));
    assertThat(updated.at("/session/max_response_output_tokens").asInt()).isEqualTo(300);
    assertThat(updated.at("/session/temperature").asDouble()).isEqualTo(0.8);
  }

  @Test
  void transcriptionSessionUpdateAppliesToATranscriptionSessionAndAnswersWithTheBetaName() {
    TranscriptionSessionConfig current = Fixtures.transcriptionDefault();
    SessionUpdate update = parsed("{\"type\":\"transcription_session.update\",\"event_id\":\"t1\",\"session\":{"
        + "\"input_audio_format\":\"g711_alaw\",\"input_audio_transcription\":{\"model\":\"whisper-1\"},"
        + "\"turn_detection\":null}}");
    assertThat(update.sessionType()).isEqualTo(SessionConfig.TRANSCRIPTION);
    assertThat(update.eventId()).isEqualTo("t1");

    SessionConfig next = ((SessionUpdateResult.Applied) SessionUpdates.apply(current, update)).config();

    assertThat(next.audioInput().format()).isEqualTo(AudioFormatSpec.PCMA);
    assertThat(next.audioInput().turnDetection()).isNull();
    JsonNode updated = read(BETA.write(SessionUpdated.of(next)));
    assertThat(updated.get("type").asText()).isEqualTo("transcription_session.updated");
    assertThat(updated.at("/session/object").asText()).isEqualTo("realtime.transcription_session");
    assertThat(updated.at("/session/input_audio_format").asText()).isEqualTo("g711_alaw");
    assertThat(updated.at("/session/turn_detection").isNull()).isTrue();
    assertThat(updated.at("/session/client_secret").isNull()).isTrue();
    assertThat(read(GA.write(SessionUpdated.of(next))).get("type").asText()).isEqualTo("session.updated");
  }

  @Test
  void betaSessionUpdateOnATranscriptionSessionIsRejectedByTheSession() {
    SessionUpdate update = parsed("{\"type\":\"session.update\",\"session\":{\"voice\":\"ash\"}}");
    SessionUpdateResult result = SessionUpdates.apply(Fixtures.transcriptionDefault(), update);
    assertThat(((SessionUpdateResult.Rejected) result).error().code()).isEqualTo(ErrorCodes.INVALID_PARAMETER);
  }

  // -----------------------------------------------------------------------------------------------------------
  // beta errors name beta paths

  @Test
  void betaErrorsNameBetaPaths() {
    assertError("{\"type\":\"session.update\",\"event_id\":\"e1\",\"session\":{\"foo\":1}}",
        ErrorCodes.UNKNOWN_PARAMETER, "session.foo", "e1");
    assertError("{\"type\":\"session.update\",\"session\":{\"output_modalities\":[\"text\"]}}",
        ErrorCodes.UNKNOWN_PARAMETER, "session.output_modalities", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"audio\":{}}}",
        ErrorCodes.UNKNOWN_PARAMETER, "session.audio", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"type\":\"transcription\"}}",
        ErrorCodes.UNKNOWN_PARAMETER, "session.type", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"input_audio_format\":\"opus\"}}",
        ErrorCodes.INVALID_VALUE, "session.input_audio_format", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"output_audio_format\":16000}}",
        ErrorCodes.INVALID_TYPE, "session.output_audio_format", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"modalities\":[\"video\"]}}",
        ErrorCodes.INVALID_VALUE, "session.modalities[0]", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"modalities\":[]}}",
        ErrorCodes.ARRAY_BELOW_MIN_LENGTH, "session.modalities", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"temperature\":2.0}}",
        ErrorCodes.DECIMAL_ABOVE_MAX_VALUE, "session.temperature", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"temperature\":\"hot\"}}",
        ErrorCodes.INVALID_TYPE, "session.temperature", null);
    assertError("{\"type\":\"session.update\",\"event_id\":\"e2\",\"session\":{\"turn_detection\":{\"threshold\":1.5}}}",
        ErrorCodes.DECIMAL_ABOVE_MAX_VALUE, "session.turn_detection.threshold", "e2");
    assertError("{\"type\":\"session.update\",\"session\":{\"voice\":\"robot\"}}",
        ErrorCodes.INVALID_VALUE, "session.voice", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"speed\":3}}",
        ErrorCodes.DECIMAL_ABOVE_MAX_VALUE, "session.speed", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"max_response_output_tokens\":5000}}",
        ErrorCodes.INTEGER_ABOVE_MAX_VALUE, "session.max_response_output_tokens", null);
    assertError("{\"type\":\"session.update\",\"session\":{\"input_audio_transcription\":{\"model\":\"x\"}}}",
        ErrorCodes.INVALID_VALUE, "session.input_audio_transcription.model", null);
    assertError("{\"type\":\"transcription_session.update\",\"session\":{\"voice\":\"alloy\"}}",
        ErrorCodes.UNKNOWN_PARAMETER, "session.voice", null);
    assertError("{\"type\":\"transcription_session.update\"}",
        ErrorCodes.MISSING_REQUIRED_PARAMETER, "session", null);
    assertError("{\"type\":\"response.create\",\"event_id\":\"r1\",\"response\":{\"voice\":\"robot\"}}",
        ErrorCodes.INVALID_VALUE, "response.voice", "r1");
    assertError("{\"type\":\"response.create\",\"response\":{\"output_modalities\":[\"text\"]}}",
        ErrorCodes.UNKNOWN_PARAMETER, "response.output_modalities", null);
    assertError("{\"type\":\"response.create\",\"response\":{\"max_response_output_tokens\":0}}",
        ErrorCodes.INTEGER_BELOW_MIN_VALUE, "response.max_response_output_tokens", null);
    assertError("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"text\",\"audio\"],"
        + "\"output_audio_format\":\"wav\"}}", ErrorCodes.INVALID_VALUE, "response.output_audio_format", null);
    assertError("{\"type\":\"conversation.item.create\",\"event_id\":\"c1\",\"item\":{\"type\":\"message\","
        + "\"role\":\"assistant\",\"content\":[{\"type\":\"text\"}]}}",
        ErrorCodes.MISSING_REQUIRED_PARAMETER, "item.content[0].text", "c1");
    assertError("{\"type\":\"session.created\"}", ErrorCodes.INVALID_VALUE, "type", null);
  }

  @Test
  void betaParseFailuresKeepTheGaFrameErrors() {
    assertThat(failure(BETA, "{\"type\":\"session.update\",\"event_id\":\"x\",\"session\":{}").code())
        .isEqualTo(ErrorCodes.INVALID_JSON);
    assertThat(failure(BETA, "{\"type\":\"session.update\",\"type\":\"session.update\",\"session\":{}}").code())
        .isEqualTo(ErrorCodes.INVALID_JSON);
    assertThat(failure(BETA, "[1]").code()).isEqualTo(ErrorCodes.INVALID_JSON);
    RealtimeError unknown = failure(BETA, "{\"type\":\"response.output_text.delta\"}");
    assertThat(unknown.code()).isEqualTo(ErrorCodes.INVALID_VALUE);
    assertThat(unknown.message()).contains("'transcription_session.update'");
  }

  static Stream<Arguments> hostileBetaFrames() {
    String longId = "x".repeat(513);
    return Stream.of(
        // frames of the reshaped beta events go through a tree: they must fail exactly like GA frames do
        Arguments.of("{\"type\":\"session.update\",\"event_id\":\"h1\",\"session\":{\"voice\":\"a\","
            + "\"voice\":\"b\"}}", ErrorCodes.INVALID_JSON, "session.voice", "h1"),
        Arguments.of("{\"type\":\"session.update\",\"event_id\":\"h2\",\"session\":{}} {}",
            ErrorCodes.INVALID_JSON, null, "h2"),
        Arguments.of("{\"type\":\"session.update\",\"event_id\":\"h3\",\"session\":{",
            ErrorCodes.INVALID_JSON, null, "h3"),
        Arguments.of("{\"type\":\"session.update\",\"event_id\":\"h4\",\"session\":[]}",
            ErrorCodes.INVALID_TYPE, "session", "h4"),
        Arguments.of("{\"type\":\"session.update\",\"event_id\":\"h5\",\"session\":null}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "session", "h5"),
        Arguments.of("{\"type\":\"session.update\",\"event_id\":\"h6\",\"session\":{},\"foo\":1}",
            ErrorCodes.UNKNOWN_PARAMETER, "foo", "h6"),
        Arguments.of("{\"type\":\"session.update\",\"event_id\":\"" + longId + "\",\"session\":{}}",
            ErrorCodes.STRING_ABOVE_MAX_LENGTH, "event_id", longId),
        Arguments.of("{\"type\":\"transcription_session.update\",\"event_id\":\"h7\",\"session\":"
            + "{\"turn_detection\":{\"type\":\"loud_vad\"}}}", ErrorCodes.INVALID_VALUE,
            "session.turn_detection.type", "h7"),
        Arguments.of("{\"type\":\"conversation.item.create\",\"event_id\":\"h8\",\"item\":\"hello\"}",
            ErrorCodes.MISSING_REQUIRED_PARAMETER, "item.type", "h8"),
        Arguments.of("{\"type\":\"conversation.item.create\",\"event_id\":\"h9\",\"item\":{\"type\":"
            + "\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"audio\":\"@@\"}]}}",
            ErrorCodes.INVALID_VALUE, "item.content[0].audio", "h9"),
        Arguments.of("{\"type\":\"response.create\",\"event_id\":\"h10\",\"response\":7}",
            ErrorCodes.INVALID_TYPE, "response", "h10"),
        Arguments.of("{\"type\":\"response.create\",\"event_id\":\"h11\",\"response\":{\"input\":[null]}}",
            ErrorCodes.INVALID_TYPE, "response.input[0]", "h11"),
        Arguments.of("{\"type\":\"response.create\",\"event_id\":\"h12\",\"response\":{\"modalities\":\"text\"}}",
            ErrorCodes.INVALID_TYPE, "response.modalities", "h12"),
        Arguments.of("{\"event_id\":\"h13\",\"type\":\"session.update\",\"session\":{\"instructions\":"
            + "[" + "[".repeat(2000) + "]".repeat(2000) + "]}}", ErrorCodes.INVALID_JSON, null, "h13"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileBetaFrames")
  void hostileBetaFramesFailPreciselyAndTheCodecStaysUsable(String frame, String code, String param,
                                                             String eventId) {
    RealtimeError error = failure(BETA, frame);
    assertThat(error.code()).as(frame + " -> " + error).isEqualTo(code);
    assertThat(error.param()).as(frame + " -> " + error).isEqualTo(param);
    assertThat(error.eventId()).as(frame + " -> " + error).isEqualTo(eventId);
    assertThat(BETA.parse("{\"type\":\"session.update\",\"session\":{}}"))
        .isInstanceOf(ParseResult.Parsed.class);
  }

  /** Frames whose shape is the same in both dialects fail in beta exactly as in GA. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileBetaFrames")
  void hostileFramesShapedAlikeFailAlikeInBothDialects(String frame, String code, String param, String eventId) {
    if (frame.contains("transcription_session") || frame.contains("modalities")) {
      return;
    }
    assertThat(failure(BETA, frame)).isEqualTo(failure(GA, frame));
  }

  /** An error found when the session applies a beta update (voice lock) names the beta path when written. */
  @Test
  void sessionErrorsAboutConvertedKeysAreWrittenWithBetaPaths() {
    RealtimeSessionConfig current = Fixtures.realtimeDefault();
    SessionUpdate update = parsed("{\"type\":\"session.update\",\"event_id\":\"v1\",\"session\":{\"voice\":\"ash\"}}");
    RealtimeError error = ((SessionUpdateResult.Rejected) SessionUpdates.apply(current, update, true)).error();
    assertThat(error.param()).isEqualTo("session.audio.output.voice");

    JsonNode beta = read(BETA.write(ErrorEvent.of(error)));
    JsonNode ga = read(GA.write(ErrorEvent.of(error)));

    assertThat(beta.at("/error/param").asText()).isEqualTo("session.voice");
    assertThat(beta.at("/error/event_id").asText()).isEqualTo("v1");
    assertThat(ga.at("/error/param").asText()).isEqualTo("session.audio.output.voice");
  }

  @Test
  void betaItemsUseBetaPartNamesBothWays() {
    ConversationItemCreate create = parsed("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\","
        + "\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"input_text\",\"text\":\"x\"}]}}");
    assertThat(((Item.Message) create.item()).content()).containsExactly(new ContentPart.InputText("hi"),
        new ContentPart.InputText("x"));

    Item assistant = new Item.Message(Ids.itemId(), null, ItemStatus.COMPLETED, Role.ASSISTANT,
        List.of(new ContentPart.OutputText("a"), new ContentPart.OutputAudio(new byte[] {1}, "b")));
    JsonNode added = read(BETA.write(ConversationItemAdded.of(null, assistant)));
    assertThat(added.at("/item/content/0/type").asText()).isEqualTo("text");
    assertThat(added.at("/item/content/1/type").asText()).isEqualTo("audio");
    assertThat(added.at("/item/content/1").has("audio")).as("no audio bytes in item events").isFalse();

    ResponseCreate rc = parsed("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"audio\",\"text\"]}}");
    assertThat(rc.response().outputModalities()).containsExactly(OutputModality.AUDIO);
  }

  // -----------------------------------------------------------------------------------------------------------

  private static void assertError(String frame, String code, String param, String eventId) {
    RealtimeError error = failure(BETA, frame);
    assertThat(error.code()).as(frame + " -> " + error).isEqualTo(code);
    assertThat(error.param()).as(frame + " -> " + error).isEqualTo(param);
    assertThat(error.eventId()).as(frame).isEqualTo(eventId);
    if (param != null) {
      assertThat(error.message()).as(frame).doesNotContain("audio.input", "audio.output");
    }
  }

  private static RealtimeError failure(RealtimeJson json, String frame) {
    ParseResult result = json.parse(frame);
    assertThat(result).as(frame + " -> " + result).isInstanceOf(ParseResult.Failed.class);
    return ((ParseResult.Failed) result).error();
  }

  @SuppressWarnings("unchecked")
  private static <T extends ClientEvent> T parsed(String frame) {
    ParseResult result = BETA.parse(frame);
    assertThat(result).as(frame + " -> " + result).isInstanceOf(ParseResult.Parsed.class);
    return (T) ((ParseResult.Parsed) result).event();
  }

  private static JsonNode read(String json) {
    try {
      return M.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String type(String json) {
    return read(json).get("type").asText();
  }

  private static Stream<Arguments> samples(String resource) throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        BetaDialectTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode sample = M.readTree(line);
          out.add(Arguments.of(sample.at("/wire/type").asText(), sample.get("source").asText(), sample));
        }
      }
    }
    return out.stream();
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new HashSet<>();
    if (array != null) {
      for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
        out.add(it.next().asText());
      }
    }
    return out;
  }

  @SuppressWarnings("unused")
  private static ObjectNode object(String json) {
    return (ObjectNode) read(json);
  }
}
