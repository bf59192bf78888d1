package org.voxmesh.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxmesh.deploy.kustomize.Kustomize;
import org.voxmesh.deploy.kustomize.YamlDocs;

/** Skipped (not failed) where kubectl is not installed: the other tests never need it. */
@DisplayName("Where kubectl is installed, the Java renderer and kubectl kustomize agree on every kustomization")
class KubectlCrossCheckTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"deploy/overlays/dev", "deploy/overlays/prod", "deploy/base", "deploy/kafka",
      "deploy-tests/src/test/resources/kustomize/merge/overlay"})
  void sameRender(String dir) throws Exception {
    Path kubectl = onPath("kubectl");
    assumeTrue(kubectl != null, "kubectl is not on the PATH");
    Path root = OverlaysTest.ROOT;
    Process p = new ProcessBuilder(kubectl.toString(), "kustomize", root.resolve(dir).toString())
        .redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize %s: %s", dir, err).isZero();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> theirs = YamlDocs.parse(new String(out, StandardCharsets.UTF_8), "kubectl").stream()
        .map(d -> (Map<String, Object>) d).toList();
    Renders.assertSameRender(Kustomize.render(root.resolve(dir)), theirs);
  }

  static Path onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
