package org.voxmesh.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxmesh.protocol.Fixtures;
import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.server.ServerEvent;

/**
 * Our event model against the shared {@code events.json} (field lists from the openai-python GA types): every
 * modelled event exists there under its GA name, every emitted event carries all {@code ga_required} keys and no
 * key outside {@code ga_required ∪ ga_optional} (plus the documented {@code obfuscation} padding of deltas, §8),
 * and every GA client event of the spec is modelled with its required keys accepted.
 */
class EventsJsonContractTest {

  /** Extra keys §8 documents outside the python types. */
  private static final Set<String> DOCUMENTED_EXTRAS = Set.of("obfuscation");

  private static final ObjectMapper M = new ObjectMapper();
  private static final RealtimeJson JSON = RealtimeJson.of(Dialect.GA);
  private static final Map<String, JsonNode> SERVER = new HashMap<>();
  private static final Map<String, JsonNode> CLIENT = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    Path file = Fixtures.specDir().resolve("events.json");
    JsonNode root = M.readTree(Files.readString(file));
    root.get("server_events").forEach(e -> {
      if (e.hasNonNull("ga_name")) {
        SERVER.put(e.get("ga_name").asText(), e);
      }
    });
    root.get("client_events").forEach(e -> {
      if (e.hasNonNull("ga_name")) {
        CLIENT.put(e.get("ga_name").asText(), e);
      }
    });
    assertThat(SERVER).isNotEmpty();
    assertThat(CLIENT).isNotEmpty();
  }

  @Test
  void everyModelledServerEventExistsInGa() {
    for (String name : JSON.names().server().values()) {
      assertThat(SERVER).as(name).containsKey(name);
    }
  }

  @Test
  void emittedServerEventsCarryExactlyTheSpecifiedKeys() {
    for (ServerEvent event : Fixtures.everyServerEvent()) {
      JsonNode json = JSON.toTree(event);
      String name = json.get("type").asText();
      JsonNode spec = SERVER.get(name);
      Set<String> required = strings(spec.get("ga_required"));
      Set<String> allowed = new HashSet<>(required);
      allowed.addAll(strings(spec.get("ga_optional")));
      allowed.addAll(DOCUMENTED_EXTRAS);
      Set<String> keys = new HashSet<>();
      json.fieldNames().forEachRemaining(keys::add);

      assertThat(keys).as(name + " " + json).containsAll(required);
      assertThat(allowed).as(name + " " + json).containsAll(keys);
    }
  }

  @Test
  void everyGaClientEventIsModelledAndItsRequiredKeysSuffice() {
    assertThat(new HashSet<>(JSON.names().client().values())).isEqualTo(CLIENT.keySet());
    Map<String, String> minimal = Map.of(
        "session", "{\"type\":\"realtime\"}",
        "audio", "\"AAAA\"",
        "item", "{\"type\":\"message\",\"role\":\"user\",\"content\":[]}",
        "item_id", "\"item_1\"",
        "content_index", "0",
        "audio_end_ms", "0");
    for (JsonNode spec : CLIENT.values()) {
      StringBuilder frame = new StringBuilder("{\"type\":\"").append(spec.get("ga_name").asText()).append('"');
      for (String key : strings(spec.get("ga_required"))) {
        if (!key.equals("type")) {
          assertThat(minimal).as(key).containsKey(key);
          frame.append(",\"").append(key).append("\":").append(minimal.get(key));
        }
      }
      frame.append('}');
      ParseResult result = JSON.parse(frame.toString());
      assertThat(result).as(frame + " -> " + result).isInstanceOf(ParseResult.Parsed.class);
      ClientEvent event = ((ParseResult.Parsed) result).event();
      assertThat(JSON.names().client().get(event.getClass())).isEqualTo(spec.get("ga_name").asText());
    }
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
}
