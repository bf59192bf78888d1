package org.voxmesh.deploy.kustomize;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After generated ConfigMaps get their hash suffix, references to them in pod specs follow: {@code envFrom[].
 * configMapRef}, {@code env[].valueFrom.configMapKeyRef}, {@code volumes[].configMap} and projected volume sources,
 * in workloads of the same namespace (kustomize also rewrites a few other built-in kinds this project does not use).
 */
final class NameReferences {

  private static final Set<String> WORKLOADS = Set.of(
      "Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController");

  private NameReferences() {}

  static void rewriteConfigMaps(List<Resource> resources, Map<String, String> renamed) {
    if (renamed.isEmpty()) {
      return;
    }
    for (Resource r : resources) {
      if (WORKLOADS.contains(r.kind())) {
        walk(r.body, r.namespace(), renamed, false);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void walk(Object node, String namespace, Map<String, String> renamed, boolean reference) {
    if (node instanceof Map<?, ?> raw) {
      Map<String, Object> map = (Map<String, Object>) raw;
      if (reference && map.get("name") instanceof String name) {
        String to = renamed.get(namespace + "/" + name);
        if (to != null) {
          map.put("name", to);
        }
      }
      for (Map.Entry<String, Object> e : map.entrySet()) {
        boolean ref = switch (e.getKey()) {
          case "configMapRef", "configMapKeyRef", "configMap" -> true;
          default -> false;
        };
        walk(e.getValue(), namespace, renamed, ref);
      }
    } else if (node instanceof List<?> list) {
      list.forEach(v -> walk(v, namespace, renamed, false));
    }
  }
}
