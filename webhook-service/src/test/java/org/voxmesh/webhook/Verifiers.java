package org.voxmesh.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.Headers;
import com.openai.models.webhooks.WebhookVerificationParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.voxmesh.testkit.node.NodeResult;
import org.voxmesh.testkit.node.NodeScripts;
import org.voxmesh.webhook.sign.WebhookSecret;
import org.voxmesh.webhook.sign.WebhookSigner;

/** Checks received webhooks with the official verifiers: openai-java, and (through node) openai-node and standardwebhooks. */
final class Verifiers {

  static final String SCRIPT = "verify-webhook.mjs";

  private Verifiers() {}

  /**
   * Each delivery through openai-java's {@code client.webhooks().verifySignature(...)} and our own
   * {@link WebhookSigner#verify}; throws at the first one either rejects.
   */
  static void verifyInJava(List<TestReceiver.Received> deliveries, String secret) {
    OpenAIClient client = OpenAIOkHttpClient.builder().apiKey("sk-test").webhookSecret(secret).build();
    try {
      for (TestReceiver.Received r : deliveries) {
        Headers.Builder headers = Headers.builder();
        r.headers().forEach((name, value) -> headers.put(name, value));
        client.webhooks().verifySignature(WebhookVerificationParams.builder()
            .payload(r.body())
            .headers(headers.build())
            .build());
        WebhookSigner.verify(WebhookSecret.parse(secret), r.headers().get("webhook-id"),
            r.headers().get("webhook-timestamp"), r.headers().get("webhook-signature"),
            r.body().getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond(), WebhookSigner.DEFAULT_TOLERANCE);
      }
    } finally {
      client.close();
    }
  }

  /**
   * Runs {@code verify-webhook.mjs --input} over the deliveries (openai-node {@code webhooks.unwrap} and
   * standardwebhooks {@code Webhook.verify} on each) and returns its result; one {@code webhook} line per delivery.
   */
  static NodeResult verifyInNode(List<TestReceiver.Received> deliveries, String secret, Path dir) {
    StringBuilder lines = new StringBuilder();
    for (TestReceiver.Received r : deliveries) {
      lines.append(entry(r.headers(), r.body())).append('\n');
    }
    Path file = dir.resolve("deliveries-" + System.nanoTime() + ".jsonl");
    try {
      Files.writeString(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return NodeScripts.locate().invocation(SCRIPT)
        .arg("secret", secret)
        .arg("input", file.toString())
        .timeout(Duration.ofSeconds(60))
        .run();
  }

  static String entry(Map<String, String> headers, String body) {
    ObjectNode entry = Fixtures.JSON.createObjectNode();
    ObjectNode h = entry.putObject("headers");
    headers.forEach(h::put);
    entry.put("body", body);
    return entry.toString();
  }

  /** Asserts that node accepted every delivery with both libraries. */
  static void assertAllAccepted(NodeResult result, int expected) {
    result.requireExit(0);
    List<com.fasterxml.jackson.databind.JsonNode> checked = result.clientLines("webhook");
    assertThat(checked).hasSize(expected);
    assertThat(checked).allSatisfy(l -> {
      assertThat(l.get("openai").asText()).isEqualTo("ok");
      assertThat(l.get("standardwebhooks").asText()).isEqualTo("ok");
    });
  }
}
