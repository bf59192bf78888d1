package org.voxmesh.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.server.ServerEvent;

/**
 * Golden round-trips of the wire samples of REALTIME_PROTOCOL.md (§5, §7, §8), kept in
 * {@code src/test/resources/golden/*.jsonl} as {@code {source, wire, emitted?}}: each sample parses to a record
 * and serialises back to the same JSON tree ({@code emitted} when our output deliberately differs).
 */
class GoldenRoundTripTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static final RealtimeJson JSON = RealtimeJson.of(Dialect.GA);

  static Stream<Arguments> serverSamples() throws IOException {
    return samples("/golden/server-events.jsonl");
  }

  static Stream<Arguments> clientSamples() throws IOException {
    return samples("/golden/client-events.jsonl");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("serverSamples")
  void serverEventRoundTrips(String type, String source, JsonNode wire, JsonNode emitted) throws Exception {
    ServerEvent event = JSON.readServerEvent(wire.toString());

    assertThat(JSON.names().nameOf(event)).isEqualTo(type);
    assertThat(M.readTree(JSON.write(event))).isEqualTo(emitted);
    assertThat(M.readTree(JSON.writeBytes(event))).isEqualTo(emitted);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("clientSamples")
  void clientEventRoundTrips(String type, String source, JsonNode wire, JsonNode emitted) {
    ParseResult result = JSON.parse(wire.toString());

    assertThat(result).as(String.valueOf(result)).isInstanceOf(ParseResult.Parsed.class);
    ClientEvent event = ((ParseResult.Parsed) result).event();
    assertThat(JSON.names().client().get(event.getClass())).isEqualTo(type);
    try {
      assertThat(M.readTree(JSON.write(event))).isEqualTo(emitted);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Stream<Arguments> samples(String resource) throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        GoldenRoundTripTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode sample = M.readTree(line);
        JsonNode wire = sample.get("wire");
        JsonNode emitted = sample.has("emitted") ? sample.get("emitted") : wire;
        out.add(Arguments.of(wire.get("type").asText(), sample.get("source").asText(), wire, emitted));
      }
    }
    return out.stream();
  }
}
