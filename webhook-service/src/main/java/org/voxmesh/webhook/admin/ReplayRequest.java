package org.voxmesh.webhook.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The body of {@code POST /v1/webhooks/replay} (docs/webhooks.md). All fields optional.
 *
 * @param source {@code dlq} (default): redeliver dead letters; {@code topic}: redeliver the source topics' records
 * @param endpointId only this endpoint (required for nothing, but recommended with {@code topic})
 * @param eventIds only these event ids
 * @param since records written at or after this instant (Kafka record timestamp)
 * @param until records written before this instant
 * @param limit most records read
 */
record ReplayRequest(Source source, String endpointId, Set<String> eventIds, Instant since, Instant until, int limit) {

  enum Source { DLQ, TOPIC }

  /** @throws IllegalArgumentException with the offending field as the message's first word */
  static ReplayRequest parse(JsonObject body, int maxRecords) {
    JsonObject b = body == null ? new JsonObject() : body;
    for (String field : b.fieldNames()) {
      if (!Set.of("source", "endpoint_id", "event_ids", "since", "until", "limit").contains(field)) {
        throw new IllegalArgumentException(field + ": unknown field (expected: source, endpoint_id, event_ids, since,"
            + " until, limit)");
      }
    }
    Source source;
    String s = string(b, "source");
    if (s == null || s.equals("dlq")) {
      source = Source.DLQ;
    } else if (s.equals("topic")) {
      source = Source.TOPIC;
    } else {
      throw new IllegalArgumentException("source: '" + s + "' (expected: dlq or topic)");
    }
    Set<String> ids = null;
    Object raw = b.getValue("event_ids");
    if (raw != null) {
      if (!(raw instanceof JsonArray arr) || arr.isEmpty()) {
        throw new IllegalArgumentException("event_ids: expected a non-empty array of evt_ ids");
      }
      ids = new LinkedHashSet<>();
      for (Object o : arr) {
        if (!(o instanceof String id)) {
          throw new IllegalArgumentException("event_ids: expected strings");
        }
        ids.add(id);
      }
    }
    int limit = maxRecords;
    Object l = b.getValue("limit");
    if (l != null) {
      if (!(l instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1
          || n.longValue() > maxRecords) {
        throw new IllegalArgumentException("limit: " + l + " (expected: an integer in [1, " + maxRecords + "])");
      }
      limit = n.intValue();
    }
    Instant since = instant(b, "since");
    Instant until = instant(b, "until");
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException("until: " + until + " (expected: after since " + since + ")");
    }
    return new ReplayRequest(source, string(b, "endpoint_id"), ids, since, until, limit);
  }

  private static String string(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String str) || str.isBlank()) {
      throw new IllegalArgumentException(field + ": expected a non-empty string");
    }
    return str;
  }

  private static Instant instant(JsonObject b, String field) {
    String v = string(b, field);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": '" + v + "' (expected: ISO-8601 UTC, e.g. 2025-11-26T09:41:07Z)");
    }
  }
}
