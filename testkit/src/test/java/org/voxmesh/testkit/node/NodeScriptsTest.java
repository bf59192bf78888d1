package org.voxmesh.testkit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Catches a broken npm install or a broken script before any end-to-end test runs. */
class NodeScriptsTest {

  private final NodeScripts scripts = NodeScripts.locate();

  @Test
  void installed() {
    scripts.requireInstalled();
  }

  @ParameterizedTest
  @ValueSource(strings = {NodeScripts.TRANSCRIBE, NodeScripts.RAW, NodeScripts.CLIENT_SECRET})
  void helpPrintsUsage(String script) {
    NodeResult r = scripts.invocation(script).flag("--help").timeout(Duration.ofSeconds(30)).run();
    r.requireSuccess();
    String out = String.join("\n", r.rawStdout());
    assertThat(out).as(r.describe()).startsWith("usage: node " + script).contains("--base-url", "--api-key", "--ca");
    assertThat(r.command()).doesNotContain("--timeout-ms");
  }

  @ParameterizedTest
  @ValueSource(strings = {NodeScripts.TRANSCRIBE, NodeScripts.RAW, NodeScripts.CLIENT_SECRET})
  void badFlagIsAUsageError(String script) {
    NodeResult r = scripts.invocation(script).flag("--no-such-flag").timeout(Duration.ofSeconds(30)).run();
    r.requireExit(4);
    assertThat(r.stderr()).contains("no-such-flag");
  }

  @Test
  void sdkClientReportsAConnectionFailureAsLines() throws IOException {
    int port = freePort();
    NodeResult r = scripts.transcribe()
        .args(RealtimeFlowArgs.create("https://127.0.0.1:" + port + "/v1", "sk-test").expectCompleted(0))
        .timeout(Duration.ofSeconds(20))
        .run();
    r.requireExit(1);
    assertThat(r.events()).isEmpty();
    JsonNode error = r.clientLine("sdk_error").orElseThrow(() -> new AssertionError(r.describe()));
    assertThat(error.path("name").asText()).isEqualTo("OpenAIRealtimeError");
    assertThat(error.path("cause").path("code").asText()).isEqualTo("ECONNREFUSED");
    assertThat(r.clientLine("close").orElseThrow().path("before_open").asBoolean()).isTrue();
    assertThat(r.clientLine("done").orElseThrow().path("exit").asInt()).isEqualTo(1);
    assertThat(r.unparsedStdout()).isEmpty();
  }

  @Test
  void rawClientReportsAConnectionFailureAsLines() throws IOException {
    int port = freePort();
    NodeResult r = scripts.raw()
        .args(RealtimeFlowArgs.create("https://127.0.0.1:" + port + "/v1", "ek_test").expectCompleted(0))
        .timeout(Duration.ofSeconds(20))
        .run();
    r.requireExit(1);
    assertThat(r.clientLine("socket_error").orElseThrow(() -> new AssertionError(r.describe()))
        .path("code").asText()).isEqualTo("ECONNREFUSED");
  }

  @Test
  void clientSecretReportsAConnectionFailureAsALine() throws IOException {
    int port = freePort();
    NodeResult r = scripts.clientSecret()
        .args("--base-url", "https://127.0.0.1:" + port + "/v1", "--api-key", "sk-test")
        .timeout(Duration.ofSeconds(20))
        .run();
    r.requireExit(1);
    JsonNode error = r.clientLine("api_error").orElseThrow(() -> new AssertionError(r.describe()));
    assertThat(error.path("class").asText()).isEqualTo("APIConnectionError");
  }

  @Test
  void missingNodeModulesFailsWithTheFix(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Files.writeString(dir.resolve("package.json"), "{}");
    NodeScripts empty = new NodeScripts(dir);
    assertThat(empty.isInstalled()).isFalse();
    assertThatThrownBy(() -> empty.transcribe().run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("node_modules")
        .hasMessageContaining("run ./voxmesh test, which installs it, or npm install in testkit/node");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
