package org.voxmesh.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Recovers the client's top-level {@code event_id} from a frame that failed to parse, leniently: it streams the
 * frame without duplicate detection and returns the first string {@code event_id} seen before any syntax error.
 * The beta codec uses the same scan to read the top-level {@code type} before choosing how to parse a frame.
 */
final class EventIdSniffer {

  private static final JsonFactory LENIENT = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Mappers.MAX_STRING_LENGTH).build())
      .build();

  private EventIdSniffer() {}

  /** The first JSON token of the frame, or null when there is none or it is not valid JSON. */
  static JsonToken firstToken(String frame) {
    if (frame == null) {
      return null;
    }
    try (JsonParser p = LENIENT.createParser(frame)) {
      return p.nextToken();
    } catch (Exception e) {
      return null;
    }
  }

  static String sniff(String frame) {
    return sniff(frame, "event_id");
  }

  /** The first top-level string value of {@code key}, or null. */
  static String sniff(String frame, String key) {
    if (frame == null || frame.isEmpty()) {
      return null;
    }
    try (JsonParser p = LENIENT.createParser(frame)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (key.equals(name) && value == JsonToken.VALUE_STRING) {
          return p.getText();
        }
        p.skipChildren();
      }
    } catch (Exception ignored) {
      // malformed after (or before) the event_id: nothing more to recover
    }
    return null;
  }
}
