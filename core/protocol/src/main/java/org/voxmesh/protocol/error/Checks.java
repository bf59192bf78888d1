package org.voxmesh.protocol.error;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Validation helpers for records' compact constructors. Each throws a {@link ProtocolException} whose field is
 * the JSON name relative to the record; Jackson adds the record's path.
 */
public final class Checks {

  private Checks() {}

  public static <T> T required(T value, String field) {
    if (value == null) {
      throw ProtocolErrors.missingRequired(field);
    }
    return value;
  }

  public static void min(Integer value, long min, String field) {
    if (value != null && value < min) {
      throw ProtocolErrors.integerBelowMin(field, min, value);
    }
  }

  public static void min(Long value, long min, String field) {
    if (value != null && value < min) {
      throw ProtocolErrors.integerBelowMin(field, min, value);
    }
  }

  public static void range(Integer value, long min, long max, String field) {
    if (value == null) {
      return;
    }
    if (value < min) {
      throw ProtocolErrors.integerBelowMin(field, min, value);
    }
    if (value > max) {
      throw ProtocolErrors.integerAboveMax(field, max, value);
    }
  }

  public static void range(Double value, double min, double max, String field) {
    if (value == null) {
      return;
    }
    if (value < min || value.isNaN()) {
      throw ProtocolErrors.decimalBelowMin(field, min, value);
    }
    if (value > max) {
      throw ProtocolErrors.decimalAboveMax(field, max, value);
    }
  }

  public static void maxLength(String value, int max, String field) {
    if (value != null && value.length() > max) {
      throw ProtocolErrors.stringTooLong(field, max, value.length());
    }
  }

  public static void oneOf(String value, Collection<String> supported, String field) {
    if (value != null && !supported.contains(value)) {
      throw ProtocolErrors.invalidValue(field, value, supported);
    }
  }

  /** JSON {@code null} read into a free-form {@link JsonNode} field becomes Java null (so NON_NULL omits it). */
  public static JsonNode json(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }

  /** A free-form JSON field that must be an object when present. */
  public static void object(JsonNode node, String field) {
    if (node != null && !node.isObject()) {
      throw ProtocolErrors.invalidType(field, "an object", ProtocolErrors.describe(node));
    }
  }

  /** An unmodifiable copy that keeps null (null = "unset" on the wire) and tolerates null elements. */
  public static <T> List<T> copy(List<T> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }

  /** A null element is an {@code invalid_type} at {@code field[i]}. */
  public static void elements(List<?> list, String field, String expectedElement) {
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw ProtocolErrors.invalidType(field + "[" + i + "]", expectedElement, "null");
      }
    }
  }

  /** Validates each element that is {@link Validated} (for lists built by hand). */
  public static void each(List<?> list) {
    if (list != null) {
      for (Object o : list) {
        if (o instanceof Validated v) {
          v.validate();
        }
      }
    }
  }
}
