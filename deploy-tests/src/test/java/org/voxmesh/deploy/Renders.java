package org.voxmesh.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers over rendered objects (plain maps). */
final class Renders {

  private Renders() {}

  /** Objects keyed by {@code Kind namespace/name}, for order-insensitive comparison of two renders. */
  static Map<String, Map<String, Object>> byId(List<Map<String, Object>> docs) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    docs.forEach(d -> out.put(Manifests.id(d), d));
    return out;
  }

  /** Fails with the first differing object, both sides as YAML, if two renders are not the same set of objects. */
  static void assertSameRender(List<Map<String, Object>> ours, List<Map<String, Object>> theirs) {
    Map<String, Map<String, Object>> a = byId(ours);
    Map<String, Map<String, Object>> b = byId(theirs);
    org.assertj.core.api.Assertions.assertThat(a.keySet()).as("object ids").isEqualTo(b.keySet());
    a.forEach((id, object) -> {
      if (!object.equals(b.get(id))) {
        throw new AssertionError(id + " differs.\n--- renderer:\n" + org.voxmesh.deploy.kustomize.YamlDocs.toYaml(object)
            + "--- kubectl:\n" + org.voxmesh.deploy.kustomize.YamlDocs.toYaml(b.get(id)));
      }
    });
  }

  static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
    return docs.stream()
        .filter(d -> kind.equals(d.get("kind")) && name.equals(((Map<?, ?>) d.get("metadata")).get("name")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  /** The value at a path of keys and list indexes, e.g. {@code at(doc, "spec", "template", "spec", "containers", 0)}. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object node, Object... path) {
    Object n = node;
    for (Object p : path) {
      n = p instanceof Integer i ? ((List<Object>) n).get(i) : ((Map<String, Object>) n).get((String) p);
    }
    return (T) n;
  }
}
