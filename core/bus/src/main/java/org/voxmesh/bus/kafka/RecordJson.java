package org.voxmesh.bus.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON for the records Voxmesh writes to Kafka: strict about missing fields and nulls in numbers (a
 * consumer must never see a silent 0), and the same for every topic.
 */
final class RecordJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private RecordJson() {}

  static byte[] bytes(Object record) {
    try {
      return MAPPER.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise " + record, e);
    }
  }

  static String text(Object record) {
    try {
      return MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise " + record, e);
    }
  }

  /** @throws IllegalArgumentException naming {@code what} when {@code json} is not a valid record */
  static <T> T read(byte[] json, Class<T> type, String what) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid " + what + ": " + e.getMessage(), e);
    }
  }

  /** @throws IllegalArgumentException naming {@code what} when {@code json} is not a valid record */
  static <T> T read(String json, Class<T> type, String what) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid " + what + ": " + e.getMessage(), e);
    }
  }
}
