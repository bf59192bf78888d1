package org.voxmesh.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.webhook.sign.WebhookSecret;

/**
 * Everything the webhook service reads from {@link Settings}, validated once at startup. Every key, its
 * environment variable and its default are listed in docs/webhooks.md; a bad value fails startup with a
 * message that names the key (and, for endpoints, the array index and field).
 *
 * @param bootstrapServers Kafka bootstrap list ({@code kafka.bootstrap.servers})
 * @param endpoints the receivers ({@code webhook.endpoints} JSON, or the file {@code webhook.endpoints.file})
 * @param groupIdPrefix each endpoint consumes in its own group {@code <prefix>.<endpoint id>}
 * @param autoOffsetReset where a new group starts: {@code earliest} or {@code latest}
 * @param transcriptsTopic source of {@code voxmesh.transcript.completed}
 * @param sessionEventsTopic source of {@code voxmesh.session.*} events, or null when turned off
 * @param dlqTopic where deliveries that ran out of time go
 * @param dlqPartitions partitions used when the service creates the DLQ topic
 * @param dlqReplicationFactor replication factor used when the service creates the DLQ topic
 * @param retry backoff, deadline and per-attempt timeout
 * @param maxInFlight records one endpoint may hold between poll and commit before its consumer pauses
 * @param maxConcurrency HTTP requests one endpoint may have open at once
 * @param commitInterval how often done offsets are committed
 * @param shutdownGrace how long a stopping dispatcher lets in-flight deliveries finish before it commits and leaves
 * @param topicRefresh how soon a source topic created after startup is picked up ({@code metadata.max.age.ms})
 * @param adminHost interface of the admin HTTP server (health, replay)
 * @param adminPort its port; 0 picks a free one, -1 turns the server off
 * @param adminToken bearer token required by the {@code /v1/webhooks/*} admin routes, or null for none
 * @param replayDeadline retry deadline of each redelivery made by a replay request
 * @param replayMaxRecords most records one replay request reads
 */
public record WebhookConfig(
    String bootstrapServers,
    List<WebhookEndpoint> endpoints,
    String groupIdPrefix,
    String autoOffsetReset,
    String transcriptsTopic,
    String sessionEventsTopic,
    String dlqTopic,
    int dlqPartitions,
    int dlqReplicationFactor,
    RetryPolicy retry,
    int maxInFlight,
    int maxConcurrency,
    Duration commitInterval,
    Duration shutdownGrace,
    Duration topicRefresh,
    String adminHost,
    int adminPort,
    String adminToken,
    Duration replayDeadline,
    int replayMaxRecords) {

  public static final String ENDPOINTS = "webhook.endpoints";
  public static final String ENDPOINTS_FILE = "webhook.endpoints.file";

  private static final ObjectMapper JSON = new ObjectMapper();

  public WebhookConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(transcriptsTopic, "transcriptsTopic");
    Objects.requireNonNull(dlqTopic, "dlqTopic");
  }

  /** Reads and validates; throws {@link Settings.ConfigException} naming the offending key. */
  public static WebhookConfig from(Settings s) {
    RetryPolicy retry;
    Duration initial = millis(s, "webhook.retry.initial.backoff.ms", 1_000, 1, 3_600_000);
    Duration max = millis(s, "webhook.retry.max.backoff.ms", 300_000, 1, 86_400_000);
    Duration deadline = millis(s, "webhook.retry.deadline.ms", 86_400_000, 1, Integer.MAX_VALUE);
    Duration timeout = millis(s, "webhook.request.timeout.ms", 10_000, 1, 600_000);
    if (max.compareTo(initial) < 0) {
      throw invalid("webhook.retry.max.backoff.ms", String.valueOf(max.toMillis()),
          "at least webhook.retry.initial.backoff.ms (" + initial.toMillis() + ")");
    }
    retry = new RetryPolicy(initial, max, deadline, timeout);

    String reset = s.string("webhook.auto.offset.reset", "earliest").toLowerCase(Locale.ROOT);
    if (!reset.equals("earliest") && !reset.equals("latest")) {
      throw invalid("webhook.auto.offset.reset", reset, "earliest or latest");
    }
    String sessionTopic = s.string("webhook.topic.session.events", Topics.SESSION_EVENTS);
    if (sessionTopic.equalsIgnoreCase("none") || sessionTopic.equalsIgnoreCase("off")) {
      sessionTopic = null;
    }
    String groupId = s.string("webhook.group.id", "voxmesh-webhooks");
    String token = s.stringOrNull("webhook.admin.token");
    return new WebhookConfig(
        s.string("kafka.bootstrap.servers", "127.0.0.1:9092"),
        endpoints(s),
        groupId,
        reset,
        s.string("webhook.topic.transcripts", Topics.TRANSCRIPTS),
        sessionTopic,
        s.string("webhook.topic.dlq", Topics.WEBHOOKS_DLQ),
        s.integer("webhook.dlq.partitions", 3, 1, 1000),
        s.integer("webhook.dlq.replication.factor", 1, 1, Short.MAX_VALUE),
        retry,
        s.integer("webhook.max.in.flight", 1000, 1, 1_000_000),
        s.integer("webhook.max.concurrency", 16, 1, 1024),
        millis(s, "webhook.commit.interval.ms", 1_000, 10, 600_000),
        millis(s, "webhook.shutdown.grace.ms", 5_000, 0, 600_000),
        millis(s, "webhook.topic.refresh.ms", 30_000, 100, 3_600_000),
        s.string("webhook.admin.host", "127.0.0.1"),
        s.integer("webhook.admin.port", 8090, -1, 65535),
        token,
        millis(s, "webhook.replay.deadline.ms", 30_000, 1, 3_600_000),
        s.integer("webhook.replay.max.records", 10_000, 1, 1_000_000));
  }

  /** The source topics, in subscription order (the session events topic only when configured). */
  public List<String> sourceTopics() {
    return sessionEventsTopic == null ? List.of(transcriptsTopic) : List.of(transcriptsTopic, sessionEventsTopic);
  }

  /** The consumer group of one endpoint. */
  public String groupId(WebhookEndpoint endpoint) {
    return groupIdPrefix + "." + endpoint.id();
  }

  public WebhookEndpoint endpoint(String id) {
    for (WebhookEndpoint e : endpoints) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    return null;
  }

  /** A copy with another admin port (tests use 0). */
  public WebhookConfig withAdminPort(int port) {
    return new WebhookConfig(bootstrapServers, endpoints, groupIdPrefix, autoOffsetReset, transcriptsTopic,
        sessionEventsTopic, dlqTopic, dlqPartitions, dlqReplicationFactor, retry, maxInFlight, maxConcurrency, commitInterval, shutdownGrace,
        topicRefresh, adminHost, port, adminToken, replayDeadline, replayMaxRecords);
  }

  /** A copy with other endpoints. */
  public WebhookConfig withEndpoints(List<WebhookEndpoint> newEndpoints) {
    return new WebhookConfig(bootstrapServers, newEndpoints, groupIdPrefix, autoOffsetReset, transcriptsTopic,
        sessionEventsTopic, dlqTopic, dlqPartitions, dlqReplicationFactor, retry, maxInFlight, maxConcurrency, commitInterval, shutdownGrace,
        topicRefresh, adminHost, adminPort, adminToken, replayDeadline, replayMaxRecords);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Endpoints: a JSON array, inline or in a file.

  private static List<WebhookEndpoint> endpoints(Settings s) {
    String inline = s.stringOrNull(ENDPOINTS);
    String file = s.stringOrNull(ENDPOINTS_FILE);
    if (inline != null && file != null) {
      throw new Settings.ConfigException("invalid configuration: both " + ENDPOINTS + " (VOXMESH_WEBHOOK_ENDPOINTS) and "
          + ENDPOINTS_FILE + " (VOXMESH_WEBHOOK_ENDPOINTS_FILE) are set (expected: one of them)");
    }
    if (inline == null && file == null) {
      return List.of();
    }
    String source = inline != null ? ENDPOINTS : ENDPOINTS_FILE + " (" + file + ")";
    String text = inline;
    if (file != null) {
      try {
        text = Files.readString(Path.of(file));
      } catch (IOException | RuntimeException e) {
        throw invalid(ENDPOINTS_FILE, file, "a readable JSON file (" + e.getMessage() + ")");
      }
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Settings.ConfigException("invalid configuration " + source + ": not JSON ("
          + e.getOriginalMessage() + ") (expected: a JSON array of endpoints, see docs/webhooks.md)");
    }
    if (root == null || !root.isArray()) {
      throw new Settings.ConfigException("invalid configuration " + source
          + ": expected a JSON array of endpoints, see docs/webhooks.md");
    }
    List<WebhookEndpoint> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      String at = source + "[" + i + "]";
      WebhookEndpoint e = endpoint(root.get(i), at);
      if (!ids.add(e.id())) {
        throw new Settings.ConfigException("invalid configuration " + at + ".id: '" + e.id()
            + "' is used twice (expected: unique ids)");
      }
      out.add(e);
    }
    return out;
  }

  private static final Set<String> FIELDS = Set.of("id", "url", "secret", "secrets", "event_types");

  private static WebhookEndpoint endpoint(JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      throw new Settings.ConfigException("invalid configuration " + at + ": expected an object with id, url, secret");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw new Settings.ConfigException("invalid configuration " + at + "." + name
            + ": unknown field (expected: id, url, secret or secrets, event_types)");
      }
    }
    String id = text(node, "id", at);
    URI url;
    String urlText = text(node, "url", at);
    try {
      url = new URI(urlText);
    } catch (URISyntaxException e) {
      throw new Settings.ConfigException("invalid configuration " + at + ".url: '" + urlText + "' is not a URL ("
          + e.getReason() + ")");
    }
    List<WebhookSecret> secrets = secrets(node, at);
    EventTypeFilter types = EventTypeFilter.ALL;
    JsonNode t = node.get("event_types");
    if (t != null && !t.isNull()) {
      if (!t.isArray() || t.isEmpty()) {
        throw new Settings.ConfigException("invalid configuration " + at + ".event_types: expected a non-empty"
            + " array of event type names, e.g. [\"voxmesh.transcript.completed\"] or [\"*\"]");
      }
      List<String> names = new ArrayList<>();
      t.forEach(n -> names.add(n.asText()));
      try {
        types = new EventTypeFilter(names);
      } catch (IllegalArgumentException e) {
        throw new Settings.ConfigException("invalid configuration " + at + ".event_types: " + e.getMessage());
      }
    }
    try {
      return new WebhookEndpoint(id, url, secrets, types);
    } catch (IllegalArgumentException e) {
      throw new Settings.ConfigException("invalid configuration " + at + "." + e.getMessage());
    }
  }

  private static List<WebhookSecret> secrets(JsonNode node, String at) {
    JsonNode one = node.get("secret");
    JsonNode many = node.get("secrets");
    if ((one == null) == (many == null)) {
      throw new Settings.ConfigException("invalid configuration " + at
          + ".secret: expected exactly one of \"secret\": \"whsec_...\" or \"secrets\": [\"whsec_new\", \"whsec_old\"]");
    }
    List<WebhookSecret> out = new ArrayList<>();
    if (one != null) {
      out.add(secret(one, at + ".secret"));
    } else {
      if (!many.isArray() || many.isEmpty()) {
        throw new Settings.ConfigException("invalid configuration " + at + ".secrets: expected a non-empty array");
      }
      for (int i = 0; i < many.size(); i++) {
        out.add(secret(many.get(i), at + ".secrets[" + i + "]"));
      }
    }
    return out;
  }

  private static WebhookSecret secret(JsonNode node, String at) {
    if (!node.isTextual()) {
      throw new Settings.ConfigException("invalid configuration " + at + ": expected a string whsec_<base64>");
    }
    try {
      return WebhookSecret.parse(node.asText());
    } catch (IllegalArgumentException e) {
      // The message never contains the secret itself.
      throw new Settings.ConfigException("invalid configuration " + at + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field, String at) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new Settings.ConfigException("invalid configuration " + at + "." + field + ": missing (expected: a string)");
    }
    return v.asText().trim();
  }

  private static Duration millis(Settings s, String key, int defaultMs, int min, int max) {
    return Duration.ofMillis(s.integer(key, defaultMs, min, max));
  }

  private static Settings.ConfigException invalid(String key, String value, String expected) {
    String env = "VOXMESH_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    return new Settings.ConfigException(
        "invalid configuration " + key + " (" + env + "): '" + value + "' (expected: " + expected + ")");
  }
}
