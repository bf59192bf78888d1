package org.voxmesh.deploy.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** YAML in and out as plain ordered maps and lists (Jackson 3, the same stack fabric8 8 uses). */
public final class YamlDocs {

  // Jackson 3 fails on a value followed by more input by default; a multi-document stream is exactly that.
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private YamlDocs() {}

  /** Every non-empty document of a (multi-document) YAML file. */
  public static List<Object> load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Every non-empty document of {@code text}; {@code source} names it in error messages. */
  public static List<Object> parse(String text, String source) {
    List<Object> docs = new ArrayList<>();
    // One value per document, read from the parser: ObjectReader.readValues would unwrap a top-level list
    // (a JSON 6902 patch) into its elements.
    try (JsonParser parser = YAML.createParser(text)) {
      while (parser.nextToken() != null) {
        Object doc = YAML.readValue(parser, Object.class);
        if (doc != null) {
          docs.add(doc);
        }
      }
    } catch (JacksonException e) {
      throw new KustomizeException(source + ": invalid YAML: " + e.getOriginalMessage());
    }
    return docs;
  }

  /** The documents of a file that must all be objects (Kubernetes resources). */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> loadObjects(Path file) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object doc : load(file)) {
      if (!(doc instanceof Map)) {
        throw new KustomizeException(file + ": expected a YAML object per document, got " + describe(doc));
      }
      out.add((Map<String, Object>) doc);
    }
    return out;
  }

  public static String toJson(Object value) {
    return JSON.writeValueAsString(value);
  }

  public static String toYaml(Object value) {
    return YAML.writeValueAsString(value);
  }

  /** A deep copy made of {@link LinkedHashMap}s and {@link ArrayList}s, so it can be edited freely. */
  @SuppressWarnings("unchecked")
  public static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return (T) copy;
    }
    return value;
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "a list";
    }
    return value.getClass().getSimpleName() + " '" + value + "'";
  }
}
