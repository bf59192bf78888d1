package org.voxmesh.testkit.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java plumbing (line parsing, environment, time limits) against a stand-in script. */
class NodeProcessTest {

  @TempDir
  Path dir;

  private NodeScripts scripts;

  @BeforeEach
  void fakeInstall() throws IOException {
    Files.writeString(dir.resolve("package.json"), "{\"type\":\"module\"}");
    for (String pkg : new String[] {"openai", "ws"}) {
      Files.createDirectories(dir.resolve("node_modules").resolve(pkg));
      Files.writeString(dir.resolve("node_modules").resolve(pkg).resolve("package.json"), "{}");
    }
    Files.writeString(dir.resolve("echo.mjs"), """
        const args = process.argv.slice(2);
        console.log('{"type":"session.created","n":12345678901234567890,"f":1.0}');
        console.log('not json');
        console.log(JSON.stringify({__client: 'env', ca: process.env.NODE_EXTRA_CA_CERTS ?? null,
          openai: process.env.OPENAI_BASE_URL ?? null, extra: process.env.EXTRA ?? null, args}));
        console.error('diagnostic');
        if (args.includes('--hang')) {
          setTimeout(() => console.log(JSON.stringify({type: 'late'})), 300);
          setInterval(() => {}, 1000);
        } else {
          process.exit(Number(process.env.CODE ?? 0));
        }
        """);
    scripts = new NodeScripts(dir);
  }

  @Test
  void collectsLinesEnvironmentAndExitCode() throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not really a certificate");
    NodeResult r = scripts.invocation("echo.mjs").ca(ca).env("EXTRA", "x").env("CODE", "3")
        .args("--a", "b").timeout(Duration.ofSeconds(20)).run();
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.killed()).isFalse();
    assertThat(r.types()).containsExactly("session.created");
    assertThat(r.events().get(0).path("n").bigIntegerValue()).hasToString("12345678901234567890");
    assertThat(r.rawStdout().get(0)).isEqualTo("{\"type\":\"session.created\",\"n\":12345678901234567890,\"f\":1.0}");
    assertThat(r.unparsedStdout()).containsExactly("not json");
    JsonNode env = r.clientLine("env").orElseThrow();
    assertThat(env.path("ca").asText()).isEqualTo(ca.toAbsolutePath().toString());
    assertThat(env.path("extra").asText()).isEqualTo("x");
    assertThat(env.path("args").toString()).isEqualTo("[\"--ca\",\"" + ca.toAbsolutePath() + "\",\"--a\",\"b\",\"--timeout-ms\",\"20000\"]");
    assertThat(r.stderr()).contains("diagnostic");
    assertThat(r.describe()).contains("exit 3").contains("diagnostic");
  }

  @Test
  void stripsOpenAiVariablesUnlessSetExplicitly() {
    NodeResult r = scripts.invocation("echo.mjs").timeout(Duration.ofSeconds(20)).run();
    assertThat(r.clientLine("env").orElseThrow().path("openai").isNull()).isTrue();
    NodeResult set = scripts.invocation("echo.mjs").env("OPENAI_BASE_URL", "u").timeout(Duration.ofSeconds(20)).run();
    assertThat(set.clientLine("env").orElseThrow().path("openai").asText()).isEqualTo("u");
  }

  @Test
  void awaitsLinesWhileRunningAndKillsOnClose() {
    try (NodeProcess p = scripts.invocation("echo.mjs").flag("--hang").timeout(Duration.ofSeconds(20)).start()) {
      Optional<JsonNode> late = p.awaitEvent("late", Duration.ofSeconds(10));
      assertThat(late).isPresent();
      assertThat(p.awaitEvent("never", Duration.ofMillis(200))).isEmpty();
      assertThat(p.isAlive()).isTrue();
      p.kill();
      assertThat(p.isAlive()).isFalse();
    }
  }
}
