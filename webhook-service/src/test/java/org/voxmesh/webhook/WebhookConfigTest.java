package org.voxmesh.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.runtime.config.Settings;

class WebhookConfigTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  @DisplayName("Defaults: the v1 topics, a 24 h deadline, admin on 127.0.0.1:8090, no endpoints")
  void defaults() {
    WebhookConfig c = WebhookConfig.from(Settings.of(Map.of()));
    assertThat(c.endpoints()).isEmpty();
    assertThat(c.sourceTopics()).containsExactly(Topics.TRANSCRIPTS, Topics.SESSION_EVENTS);
    assertThat(c.dlqTopic()).isEqualTo(Topics.WEBHOOKS_DLQ);
    assertThat(c.retry().deadline()).isEqualTo(Duration.ofHours(24));
    assertThat(c.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.adminPort()).isEqualTo(8090);
    assertThat(c.autoOffsetReset()).isEqualTo("earliest");
  }

  @Test
  @DisplayName("Endpoints from inline JSON: id, url, secret or secrets, event types")
  void inlineEndpoints() {
    WebhookConfig c = WebhookConfig.from(Settings.of(Map.of("webhook.endpoints", """
        [{"id":"crm","url":"https://crm.example.com/hooks","secret":"%s","event_types":["voxmesh.transcript.completed"]},
         {"id":"audit","url":"http://127.0.0.1:9000/in","secrets":["%s","%s"]}]""".formatted(SECRET, SECRET, SECRET),
        "webhook.topic.session.events", "none")));
    assertThat(c.endpoints()).extracting(WebhookEndpoint::id).containsExactly("crm", "audit");
    assertThat(c.endpoint("crm").accepts("voxmesh.transcript.completed")).isTrue();
    assertThat(c.endpoint("crm").accepts("voxmesh.session.created")).isFalse();
    assertThat(c.endpoint("audit").accepts("voxmesh.session.created")).isTrue();
    assertThat(c.endpoint("audit").secrets()).hasSize(2);
    assertThat(c.groupId(c.endpoint("crm"))).isEqualTo("voxmesh-webhooks.crm");
    assertThat(c.sourceTopics()).containsExactly(Topics.TRANSCRIPTS);
  }

  @Test
  @DisplayName("Endpoints from a file (webhook.endpoints.file)")
  void fileEndpoints(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("endpoints.json");
    Files.writeString(file, "[{\"id\":\"a\",\"url\":\"http://localhost:1/x\",\"secret\":\"" + SECRET + "\"}]");
    WebhookConfig c = WebhookConfig.from(Settings.of(Map.of("webhook.endpoints.file", file.toString())));
    assertThat(c.endpoints()).extracting(WebhookEndpoint::id).containsExactly("a");
  }

  @Test
  @DisplayName("Every mistake fails startup with the key, index and field in the message, never the secret")
  void validation() {
    assertThatThrownBy(() -> endpoints("{\"id\":\"a\",\"url\":\"http://x/\"}"))
        .hasMessageContaining("webhook.endpoints[0].secret");
    assertThatThrownBy(() -> endpoints("{\"id\":\"a\",\"url\":\"http://x/\",\"secret\":\"whsec_short\"}"))
        .hasMessageContaining("webhook.endpoints[0].secret").hasMessageNotContaining("whsec_short");
    assertThatThrownBy(() -> endpoints("{\"id\":\"a b\",\"url\":\"http://x/\",\"secret\":\"" + SECRET + "\"}"))
        .hasMessageContaining("webhook.endpoints[0].id");
    assertThatThrownBy(() -> endpoints("{\"id\":\"a\",\"url\":\"ftp://x/\",\"secret\":\"" + SECRET + "\"}"))
        .hasMessageContaining("webhook.endpoints[0].url");
    assertThatThrownBy(() -> endpoints("{\"id\":\"a\",\"url\":\"http://x/\",\"secret\":\"" + SECRET + "\"},"
        + "{\"id\":\"a\",\"url\":\"http://y/\",\"secret\":\"" + SECRET + "\"}"))
        .hasMessageContaining("webhook.endpoints[1].id").hasMessageContaining("twice");
    assertThatThrownBy(() -> endpoints("{\"id\":\"a\",\"url\":\"http://x/\",\"secret\":\"" + SECRET
        + "\",\"event_types\":[\"Transcript Completed\"]}")).hasMessageContaining("webhook.endpoints[0].event_types");
    assertThatThrownBy(() -> endpoints("{\"id\":\"a\",\"url\":\"http://x/\",\"secret\":\"" + SECRET + "\",\"urls\":1}"))
        .hasMessageContaining("webhook.endpoints[0].urls").hasMessageContaining("unknown field");
    assertThatThrownBy(() -> WebhookConfig.from(Settings.of(Map.of("webhook.endpoints", "{nope"))))
        .hasMessageContaining("webhook.endpoints").hasMessageContaining("not JSON");
    assertThatThrownBy(() -> WebhookConfig.from(Settings.of(Map.of("webhook.retry.deadline.ms", "soon"))))
        .hasMessageContaining("webhook.retry.deadline.ms").hasMessageContaining("VOXMESH_WEBHOOK_RETRY_DEADLINE_MS");
    assertThatThrownBy(() -> WebhookConfig.from(Settings.of(Map.of("webhook.retry.initial.backoff.ms", "5000",
        "webhook.retry.max.backoff.ms", "1000")))).hasMessageContaining("webhook.retry.max.backoff.ms");
    assertThatThrownBy(() -> WebhookConfig.from(Settings.of(Map.of("webhook.endpoints.file", "/no/such/file.json"))))
        .hasMessageContaining("webhook.endpoints.file");
  }

  private static WebhookConfig endpoints(String items) {
    return WebhookConfig.from(Settings.of(Map.of("webhook.endpoints", "[" + items + "]")));
  }
}
