package org.voxmesh.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.beta.realtime.RealtimeClientEvent;
import com.openai.models.beta.realtime.RealtimeServerEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxmesh.protocol.json.Dialect;
import org.voxmesh.protocol.json.ParseResult;
import org.voxmesh.protocol.json.RealtimeJson;
import org.voxmesh.protocol.server.ServerEvent;

/**
 * What the beta codec writes is accepted by openai-java's beta models ({@code com.openai.models.beta.realtime}):
 * every server event we emit in beta parses into the SDK's beta {@code RealtimeServerEvent} union and validates,
 * and every beta client frame we accept (the golden samples, and our own beta writes of them) is a valid beta
 * {@code RealtimeClientEvent}. The SDK's beta union has no {@code transcription_session.created}; that event is
 * checked with the {@code transcription_session.updated} model, which has the same shape.
 *
 * <p>Three known differences with the SDK's beta models are adjusted before validation, each on purpose:
 * <ul>
 *   <li>{@code session.model}: the SDK's beta enum lists only the beta-era model names; a session reports the
 *       model its client connected with, so the fixture's GA model name is swapped for a beta one.</li>
 *   <li>{@code client_secret}: the SDK requires an object in transcription session events, but the secret only
 *       exists in the REST create response; over the socket we send {@code null} (REALTIME_PROTOCOL.md §5.3).</li>
 *   <li>items with {@code input_image} parts are skipped: image input is GA-only and a beta client cannot create
 *       one.</li>
 * </ul>
 */
class OpenAiJavaBetaConformanceTest {

  private static final RealtimeJson BETA = RealtimeJson.of(Dialect.BETA);

  static Stream<ServerEvent> betaEvents() {
    return Fixtures.everyServerEventOfBothDialects().stream().filter(BETA::emits)
        .filter(e -> !BETA.write(e).contains("\"input_image\""));
  }

  static Stream<String> betaClientFrames() throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        OpenAiJavaBetaConformanceTest.class.getResourceAsStream("/golden/beta-client-events.jsonl"),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(ObjectMappers.jsonMapper().readTree(line).get("wire").toString());
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("betaEvents")
  void sdkBetaModelsAcceptWhatWeWriteInBeta(ServerEvent event) throws Exception {
    String json = BETA.write(event);
    JsonNode tree = ObjectMappers.jsonMapper().readTree(json);
    if (tree.get("type").asText().equals("transcription_session.created")) {
      ((ObjectNode) tree).put("type", "transcription_session.updated");
    }
    JsonNode session = tree.get("session");
    if (session instanceof ObjectNode s) {
      if (s.has("model")) {
        s.put("model", "gpt-4o-realtime-preview");
      }
      if (s.has("client_secret") && s.get("client_secret").isNull()) {
        s.putObject("client_secret").put("value", "ek_test").put("expires_at", 0);
      }
    }
    json = tree.toString();
    RealtimeServerEvent parsed = ObjectMappers.jsonMapper().readValue(json, RealtimeServerEvent.class);
    try {
      parsed.validate();
    } catch (RuntimeException e) {
      fail("openai-java beta rejected " + json + ": " + e.getMessage());
    }
    assertThat(parsed.isValid()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("betaClientFrames")
  void betaClientFramesAreValidBetaClientEvents(String frame) throws Exception {
    validateClient(frame);
    ParseResult result = BETA.parse(frame);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    validateClient(BETA.write(((ParseResult.Parsed) result).event()));
  }

  private static void validateClient(String frame) throws Exception {
    RealtimeClientEvent parsed = ObjectMappers.jsonMapper().readValue(frame, RealtimeClientEvent.class);
    try {
      parsed.validate();
    } catch (RuntimeException e) {
      fail("openai-java beta rejected client frame " + frame + ": " + e.getMessage());
    }
  }
}
