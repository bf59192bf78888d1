package org.voxmesh.protocol.error;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Builds protocol errors: factories for the violations our records detect, and the mapping from every Jackson
 * failure to the precise {@code error} of REALTIME_PROTOCOL.md §9.11 (STYLE.md §6.4):
 *
 * <table>
 *   <caption>Jackson failure → error.code / param</caption>
 *   <tr><td>empty frame, malformed JSON, a non-object frame, trailing data, over-long tokens</td>
 *       <td>{@code invalid_json} / null</td></tr>
 *   <tr><td>duplicate key</td><td>{@code invalid_json} / path of the duplicate key</td></tr>
 *   <tr><td>unknown or missing top-level {@code type}</td><td>{@code invalid_value} / {@code type}</td></tr>
 *   <tr><td>unknown nested {@code type} (e.g. turn_detection)</td>
 *       <td>{@code invalid_value} / path + {@code .type}</td></tr>
 *   <tr><td>missing nested {@code type}</td><td>{@code missing_required_parameter} / path + {@code .type}</td></tr>
 *   <tr><td>unknown key</td>
 *       <td>{@code unknown_parameter} / full dotted path, e.g. {@code session.tools[0].meta}</td></tr>
 *   <tr><td>wrong JSON type</td><td>{@code invalid_type} / path</td></tr>
 *   <tr><td>unknown enum string</td><td>{@code invalid_value} / path</td></tr>
 *   <tr><td>bad base64</td><td>{@code invalid_value} / path (e.g. {@code audio})</td></tr>
 *   <tr><td>number out of range of its Java type</td><td>{@code integer_above_max_value} / path</td></tr>
 *   <tr><td>a {@link ProtocolException} from a record's {@code validate()} (ranges, required fields, ...)</td>
 *       <td>its code / path + field</td></tr>
 * </table>
 */
public final class ProtocolErrors {

  /** Names of the subtypes of a polymorphic base type, for "Supported values are: ..." messages. */
  @FunctionalInterface
  public interface TypeIdNames {
    /** Reads {@link JsonSubTypes} on the base type, in declaration order. */
    TypeIdNames ANNOTATED = ProtocolErrors::annotatedSubtypeNames;

    List<String> namesOf(Class<?> baseType);
  }

  private ProtocolErrors() {}

  // ---------------------------------------------------------------------------------------------------------
  // Factories for violations found by records. `field` is relative to the object being built.

  public static ProtocolException missingRequired(String field) {
    return new ProtocolException(ErrorCodes.MISSING_REQUIRED_PARAMETER, field,
        p -> "Missing required parameter: '" + p + "'.");
  }

  public static ProtocolException unknownParameter(String field) {
    return new ProtocolException(ErrorCodes.UNKNOWN_PARAMETER, field, p -> "Unknown parameter: '" + p + "'.");
  }

  /** e.g. {@code invalidType("voice", "one of a string or an object", "an integer")}. */
  public static ProtocolException invalidType(String field, String expected, String got) {
    return new ProtocolException(ErrorCodes.INVALID_TYPE, field,
        p -> "Invalid type for '" + p + "': expected " + expected + ", but got " + got + " instead.");
  }

  /** An enum-like value outside its supported set. */
  public static ProtocolException invalidValue(String field, Object value, Collection<String> supported) {
    String message = "Invalid value: " + quote(value) + ". Supported values are: " + listOf(supported) + ".";
    return new ProtocolException(ErrorCodes.INVALID_VALUE, field, p -> message);
  }

  /** An invalid value with a free-form message. */
  public static ProtocolException invalidValue(String field, String message) {
    return new ProtocolException(ErrorCodes.INVALID_VALUE, field, p -> message);
  }

  public static ProtocolException invalidParameter(String field, String message) {
    return new ProtocolException(ErrorCodes.INVALID_PARAMETER, field, p -> message);
  }

  public static ProtocolException integerBelowMin(String field, long min, long got) {
    return new ProtocolException(ErrorCodes.INTEGER_BELOW_MIN_VALUE, field,
        p -> "Invalid '" + p + "': integer below minimum value. Expected a value >= " + min + ", but got " + got
            + " instead.");
  }

  public static ProtocolException integerAboveMax(String field, long max, Object got) {
    return new ProtocolException(ErrorCodes.INTEGER_ABOVE_MAX_VALUE, field,
        p -> "Invalid '" + p + "': integer above maximum value. Expected a value <= " + max + ", but got " + got
            + " instead.");
  }

  public static ProtocolException decimalBelowMin(String field, double min, double got) {
    return new ProtocolException(ErrorCodes.DECIMAL_BELOW_MIN_VALUE, field,
        p -> "Invalid '" + p + "': decimal below minimum value. Expected a value >= " + plain(min) + ", but got "
            + plain(got) + " instead.");
  }

  public static ProtocolException decimalAboveMax(String field, double max, double got) {
    return new ProtocolException(ErrorCodes.DECIMAL_ABOVE_MAX_VALUE, field,
        p -> "Invalid '" + p + "': decimal above maximum value. Expected a value <= " + plain(max) + ", but got "
            + plain(got) + " instead.");
  }

  public static ProtocolException stringTooLong(String field, long max, long got) {
    return new ProtocolException(ErrorCodes.STRING_ABOVE_MAX_LENGTH, field,
        p -> "Invalid '" + p + "': string too long. Expected a string with maximum length " + max
            + ", but got a string with length " + got + " instead.");
  }

  public static ProtocolException arrayTooShort(String field, int min, int got) {
    return new ProtocolException(ErrorCodes.ARRAY_BELOW_MIN_LENGTH, field,
        p -> "Invalid '" + p + "': array too short. Expected an array with minimum length " + min
            + ", but got an array with length " + got + " instead.");
  }

  public static ProtocolException arrayTooLong(String field, int max, int got) {
    return new ProtocolException(ErrorCodes.ARRAY_ABOVE_MAX_LENGTH, field,
        p -> "Invalid '" + p + "': array too long. Expected an array with maximum length " + max
            + ", but got an array with length " + got + " instead.");
  }

  public static ProtocolException tooManyProperties(String field, int max, int got) {
    return new ProtocolException(ErrorCodes.OBJECT_ABOVE_MAX_PROPERTIES, field,
        p -> "Invalid '" + p + "': too many properties. Expected an object with at most " + max
            + " properties, but got an object with " + got + " properties instead.");
  }

  /** The {@code invalid_json} error for a frame that is not a single JSON object. */
  public static RealtimeError invalidJson(String detail, String param, String clientEventId) {
    return new RealtimeError(ErrorCodes.INVALID_REQUEST_ERROR, ErrorCodes.INVALID_JSON,
        "Invalid JSON: " + detail, param, clientEventId);
  }

  /** The error for an unknown or missing client event {@code type}. */
  public static RealtimeError unknownEventType(String typeOrNull, List<String> supported, String clientEventId) {
    return new RealtimeError(ErrorCodes.INVALID_REQUEST_ERROR, ErrorCodes.INVALID_VALUE,
        "Invalid value: " + quote(typeOrNull) + ". Supported values are: " + listOf(supported) + ".", "type",
        clientEventId);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Jackson → protocol error

  /**
   * Maps a Jackson failure to the protocol error.
   *
   * @param e             what Jackson threw
   * @param prefix        path of the parsed document inside the client event ({@code ""} for a whole frame,
   *                      {@code "session"} for a session object)
   * @param clientEventId echoed as {@code error.event_id}; may be null
   * @param rootBase      the polymorphic root type whose missing/unknown {@code type} is reported with param
   *                      {@code type} (the client event family), or null
   * @param names         subtype names of polymorphic types, for "Supported values are: ..."
   */
  public static RealtimeError fromJackson(JsonProcessingException e, String prefix, String clientEventId,
                                          Class<?> rootBase, TypeIdNames names) {
    String path = join(prefix, pathOf(e));
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ProtocolException pe) {
        return pe.toError(path, clientEventId);
      }
    }
    InputCoercionException coercion = find(e, InputCoercionException.class);
    if (coercion != null) {
      long max = isInt(coercion.getTargetType()) ? Integer.MAX_VALUE : Long.MAX_VALUE;
      return integerAboveMax("", max, text(coercion.getProcessor())).toError(path, clientEventId);
    }
    StreamReadException read = find(e, StreamReadException.class);
    StreamConstraintsException constraints = find(e, StreamConstraintsException.class);
    if (read != null || constraints != null) {
      JsonProcessingException cause = read != null ? read : constraints;
      String detail = cause.getOriginalMessage();
      String dupParam = null;
      if (detail != null && detail.startsWith("Duplicate field '") && detail.endsWith("'")) {
        dupParam = join(path, detail.substring("Duplicate field '".length(), detail.length() - 1));
      }
      return invalidJson(withLocation(detail, cause), dupParam, clientEventId);
    }
    if (e instanceof UnrecognizedPropertyException) {
      return unknownParameter("").toError(path, clientEventId);
    }
    if (e instanceof InvalidTypeIdException ite) {
      Class<?> base = ite.getBaseType() == null ? null : ite.getBaseType().getRawClass();
      List<String> supported = base == null ? List.of() : names.namesOf(base);
      if (base != null && base == rootBase && pathOf(e).isEmpty()) {
        return unknownEventType(ite.getTypeId(), supported, clientEventId);
      }
      String typeParam = join(path, "type");
      if (ite.getTypeId() == null) {
        return missingRequired("").toError(typeParam, clientEventId);
      }
      return invalidValue("", ite.getTypeId(), supported).toError(typeParam, clientEventId);
    }
    if (e instanceof InvalidFormatException ife) {
      Class<?> target = ife.getTargetType();
      JsonToken token = token(ife);
      if (target == byte[].class && token == JsonToken.VALUE_STRING) {
        return invalidValue("", "Invalid '" + path + "': the value is not valid base64-encoded data.")
            .toError(path, clientEventId);
      }
      if (target != null && target.isEnum() && token == JsonToken.VALUE_STRING) {
        return invalidValue("", ife.getValue(), enumWireNames(target)).toError(path, clientEventId);
      }
    }
    if (e instanceof MismatchedInputException mie) {
      if (pathOf(e).isEmpty()) {
        return invalidJson(frameProblem(mie), null, clientEventId);
      }
      return invalidType("", expected(mie.getTargetType()), describe(token(mie))).toError(path, clientEventId);
    }
    String detail = e instanceof JsonMappingException jme ? jme.getOriginalMessage() : e.getMessage();
    return invalidValue("", "Invalid '" + path + "': " + detail).toError(path, clientEventId);
  }

  // ---------------------------------------------------------------------------------------------------------
  // helpers

  /** Joins two dotted paths; an index segment ({@code [0]}) attaches without a dot. */
  public static String join(String prefix, String suffix) {
    if (prefix == null || prefix.isEmpty()) {
      return suffix == null ? "" : suffix;
    }
    if (suffix == null || suffix.isEmpty()) {
      return prefix;
    }
    return suffix.startsWith("[") ? prefix + suffix : prefix + "." + suffix;
  }

  /** The dotted path of a Jackson exception, e.g. {@code tools[0].meta}; {@code ""} for the root. */
  public static String pathOf(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException jme)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : jme.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** The JSON type of a node in message words ("a string", "an integer", ...). */
  public static String describe(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    return describe(node.asToken());
  }

  /** A JSON token in message words ("a string", "an integer", ...). */
  public static String describe(JsonToken token) {
    if (token == null) {
      return "an unexpected value";
    }
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a decimal";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      case VALUE_NULL -> "null";
      default -> "an unexpected value";
    };
  }

  static String expected(Class<?> target) {
    if (target == null) {
      return "a different type";
    }
    if (target == String.class || target == CharSequence.class || target == byte[].class || target.isEnum()) {
      return "a string";
    }
    if (target == Integer.class || target == int.class || target == Long.class || target == long.class
        || target == Short.class || target == short.class || target == BigInteger.class) {
      return "an integer";
    }
    if (target == Double.class || target == double.class || target == Float.class || target == float.class
        || target == BigDecimal.class || target == Number.class) {
      return "a decimal";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "a boolean";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(target) || com.fasterxml.jackson.databind.node.ObjectNode.class == target) {
      return "an object";
    }
    if (JsonNode.class.isAssignableFrom(target)) {
      return "a JSON value";
    }
    return "an object";
  }

  /** Wire names of an enum's constants ({@link WireEnum#wire()} where implemented). */
  public static List<String> enumWireNames(Class<?> enumType) {
    List<String> out = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      out.add(constant instanceof WireEnum w ? w.wire() : ((Enum<?>) constant).name());
    }
    return out;
  }

  static List<String> annotatedSubtypeNames(Class<?> base) {
    JsonSubTypes subTypes = base.getAnnotation(JsonSubTypes.class);
    List<String> out = new ArrayList<>();
    if (subTypes != null) {
      for (JsonSubTypes.Type t : subTypes.value()) {
        out.add(t.name());
      }
    }
    return out;
  }

  /** {@code 'a'}, {@code 'a' and 'b'}, {@code 'a', 'b', and 'c'} (OpenAI's wording). */
  static String listOf(Collection<String> values) {
    List<String> quoted = values.stream().map(v -> "'" + v + "'").toList();
    if (quoted.isEmpty()) {
      return "(none)";
    }
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    if (quoted.size() == 2) {
      return quoted.get(0) + " and " + quoted.get(1);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + ", and " + quoted.get(quoted.size() - 1);
  }

  static String quote(Object value) {
    if (value == null) {
      return "null";
    }
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }

  static String plain(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return String.valueOf(d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static boolean isInt(Class<?> c) {
    return c == int.class || c == Integer.class || c == short.class || c == Short.class;
  }

  private static JsonToken token(JsonProcessingException e) {
    JsonToken token = e.getProcessor() instanceof JsonParser p ? p.currentToken() : null;
    if (token == null && e instanceof InvalidFormatException ife) {
      Object value = ife.getValue();
      if (value instanceof String) {
        return JsonToken.VALUE_STRING;
      }
      if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
        return JsonToken.VALUE_NUMBER_INT;
      }
      if (value instanceof Number) {
        return JsonToken.VALUE_NUMBER_FLOAT;
      }
      if (value instanceof Boolean) {
        return JsonToken.VALUE_TRUE;
      }
    }
    return token;
  }

  private static String text(Object processor) {
    try {
      return processor instanceof JsonParser p ? p.getText() : "a larger number";
    } catch (Exception ignored) {
      return "a larger number";
    }
  }

  private static String frameProblem(MismatchedInputException e) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (original.startsWith("No content")) {
      return "the frame is empty; expected a JSON object.";
    }
    if (original.startsWith("Trailing token")) {
      return "unexpected data after the JSON object; send exactly one JSON object per frame.";
    }
    return "the frame must be a JSON object, but got " + describe(token(e)) + ".";
  }

  private static String withLocation(String detail, JsonProcessingException e) {
    String base = detail == null ? "malformed JSON" : detail.replace('\n', ' ');
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      return base + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").";
    }
    return base.endsWith(".") ? base : base + ".";
  }
}
