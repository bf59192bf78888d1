package org.voxmesh.bus.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/schemas/transcript-record.v1.schema.json and {@link TranscriptRecord} in step. No JSON Schema
 * validator is on the classpath, so this checks the parts of the schema a record can break: the required
 * list, the property set, each property's JSON type, and the created_at pattern; and that the schema's
 * example parses.
 */
class TranscriptRecordSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCHEMA = Path.of("docs", "schemas", "transcript-record.v1.schema.json");

  @Test
  void requiredAndPropertiesAreExactlyTheRecordsFields() throws Exception {
    JsonNode schema = schema();
    JsonNode record = JSON.readTree(TranscriptRecordTest.sample().toJson());

    List<String> required = new ArrayList<>();
    schema.get("required").forEach(n -> required.add(n.textValue()));
    assertThat(required).containsExactlyElementsOf(TranscriptRecordTest.fieldNames(record));
    assertThat(TranscriptRecordTest.fieldNames(schema.get("properties"))).containsExactlyElementsOf(required);
    assertThat(schema.get("$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void serialisedRecordsMatchTheDeclaredTypes() throws Exception {
    JsonNode properties = schema().get("properties");
    JsonNode withValues = JSON.readTree(TranscriptRecordTest.sample().toJson());
    JsonNode withNulls = JSON.readTree(TranscriptRecord.completed("s", "i", null, 1, "", null, "m", "e", 0, 0,
        java.time.Instant.EPOCH).toJson());
    for (JsonNode record : List.of(withValues, withNulls)) {
      for (Map.Entry<String, JsonNode> p : iterable(properties)) {
        JsonNode value = record.get(p.getKey());
        assertThat(allowedTypes(p.getValue())).as(p.getKey() + " = " + value).contains(jsonType(value));
        if (p.getValue().has("pattern")) {
          assertThat(value.textValue()).matches(Pattern.compile(p.getValue().get("pattern").textValue()));
        }
      }
    }
  }

  @Test
  void schemaExampleIsAValidRecord() throws Exception {
    JsonNode example = schema().get("examples").get(0);
    TranscriptRecord parsed = TranscriptRecord.fromJson(example.toString());
    assertThat(JSON.readTree(parsed.toJson())).isEqualTo(example);
  }

  private static JsonNode schema() throws Exception {
    return JSON.readTree(Files.readString(locate()));
  }

  /** From -Dvoxmesh.home (set by surefire), else the nearest parent folder that has the file. */
  private static Path locate() {
    String home = System.getProperty("voxmesh.home");
    if (home != null && Files.exists(Path.of(home).resolve(SCHEMA))) {
      return Path.of(home).resolve(SCHEMA);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(SCHEMA))) {
        return dir.resolve(SCHEMA);
      }
    }
    throw new IllegalStateException("cannot find " + SCHEMA + " (set -Dvoxmesh.home to the repository root)");
  }

  private static List<String> allowedTypes(JsonNode property) {
    JsonNode type = property.get("type");
    List<String> types = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> types.add(t.textValue()));
    } else {
      types.add(type.textValue());
    }
    return types;
  }

  private static String jsonType(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "missing";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isTextual()) {
      return "string";
    }
    return value.getNodeType().name().toLowerCase();
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
