package org.voxmesh.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.deploy.kustomize.ConfigMapHash;
import org.voxmesh.deploy.kustomize.JsonPatch;
import org.voxmesh.deploy.kustomize.Kustomize;
import org.voxmesh.deploy.kustomize.KustomizeException;
import org.voxmesh.deploy.kustomize.YamlDocs;

@DisplayName("The Java kustomize renderer gives kubectl's output for the subset it supports, and refuses the rest")
class KustomizeRendererTest {

  static final Path FIXTURES = OverlaysTest.ROOT.resolve("deploy-tests/src/test/resources/kustomize");

  @Test
  @DisplayName("the fixture overlay renders exactly as kubectl kustomize rendered it (expected-kubectl.yaml)")
  void fixtureMatchesKubectl() {
    List<Map<String, Object>> ours = Kustomize.render(FIXTURES.resolve("merge/overlay"));
    List<Map<String, Object>> kubectl = objects(FIXTURES.resolve("merge/expected-kubectl.yaml"));
    Renders.assertSameRender(ours, kubectl);
  }

  @Test
  @DisplayName("ConfigMap hash suffixes equal kubectl's (the name is not hashed; Go's JSON escapes < > &)")
  void configMapHash() {
    assertThat(ConfigMapHash.suffix(Map.of("X", "1"))).isEqualTo("4f64tg9ch6");
    assertThat(ConfigMapHash.suffix(Map.of("A", "1", "B", "x<y&z", "C", "3"))).isEqualTo("khf929hdmd");
  }

  @Test
  @DisplayName("JSON 6902: a failed test op or a missing path is an error that names the operation")
  void jsonPatchErrors() {
    Map<String, Object> doc = new LinkedHashMap<>(Map.of("spec", new LinkedHashMap<>(Map.of("size", 1))));
    assertThatThrownBy(() -> JsonPatch.apply(doc, List.of(Map.of("op", "test", "path", "/spec/size", "value", 2)), "p"))
        .isInstanceOf(KustomizeException.class).hasMessageContaining("operation 0 (test /spec/size)");
    assertThatThrownBy(() -> JsonPatch.apply(doc, List.of(Map.of("op", "remove", "path", "/spec/nope")), "p"))
        .isInstanceOf(KustomizeException.class).hasMessageContaining("no member 'nope'");
  }

  @Test
  @DisplayName("a kustomization field outside the subset fails with its name instead of rendering wrongly")
  void unsupportedField(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("kustomization.yaml"), "commonLabels:\n  a: b\nresources: []\n");
    assertThatThrownBy(() -> Kustomize.render(dir)).isInstanceOf(KustomizeException.class)
        .hasMessageContaining("kustomization field 'commonLabels' is outside the subset");
  }

  @Test
  @DisplayName("labels with includeSelectors: true are refused (Deployment selectors are immutable)")
  void includeSelectors(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("kustomization.yaml"),
        "labels:\n  - pairs: {a: b}\n    includeSelectors: true\nresources: []\n");
    assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("includeSelectors: true");
  }

  @Test
  @DisplayName("a strategic-merge patch of a list without a known merge key is refused (kyaml would guess one)")
  void unknownMergeKey(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("w.yaml"), "apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\n"
        + "spec:\n  parts: [{id: 0, type: big}]\n");
    Files.writeString(dir.resolve("p.yaml"), "apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\n"
        + "spec:\n  parts: [{id: 0, type: small}]\n");
    Files.writeString(dir.resolve("kustomization.yaml"), "resources: [w.yaml]\npatches:\n  - path: p.yaml\n");
    assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("/spec/parts needs a merge key");
  }

  @Test
  @DisplayName("a patch whose target matches nothing is an error (kustomize would skip it silently)")
  void targetWithoutMatch(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\npatches:\n  - target: {kind: Deployment}\n"
        + "    patch: |-\n      - {op: replace, path: /spec/replicas, value: 1}\n");
    assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("no object matches target");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> objects(Path file) {
    List<Map<String, Object>> out = new ArrayList<>();
    YamlDocs.load(file).forEach(d -> out.add((Map<String, Object>) d));
    return out;
  }
}
