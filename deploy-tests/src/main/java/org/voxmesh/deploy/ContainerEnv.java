package org.voxmesh.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's environment as the kubelet builds it: {@code envFrom} sources first, then {@code env} in order, each
 * value with {@code $(VAR)} expanded against what was defined before it ({@code $$} escapes a dollar). Values that
 * only exist at run time become placeholders: {@code <pod-ip>}, {@code <secret:name/key>}, …; {@code
 * metadata.namespace} becomes the object's namespace. Problems (an undefined {@code $(VAR)}, a missing ConfigMap,
 * key or Secret, a duplicate name) are collected, not thrown.
 */
final class ContainerEnv {

  static final String POD_IP = "<pod-ip>";

  final Map<String, String> values = new LinkedHashMap<>();
  final List<String> problems = new ArrayList<>();

  private ContainerEnv() {}

  static ContainerEnv of(Cluster cluster, ProjectFacts facts, Deployment d, Container c) {
    ContainerEnv env = new ContainerEnv();
    String namespace = Cluster.namespace(d).isEmpty() ? "default" : Cluster.namespace(d);
    for (EnvFromSource from : list(c.getEnvFrom())) {
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      if (from.getConfigMapRef() != null) {
        String name = from.getConfigMapRef().getName();
        Optional<ConfigMap> cm = cluster.configMap(d, name);
        if (cm.isEmpty()) {
          if (!Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
            env.problems.add("envFrom ConfigMap " + name + " is not in the manifests");
          }
        } else if (cm.get().getData() != null) {
          cm.get().getData().forEach((k, v) -> env.values.put(prefix + k, v));
        }
      } else if (from.getSecretRef() != null) {
        String name = from.getSecretRef().getName();
        Set<String> keys = cluster.secretKeys(d, name, facts);
        if (keys == null) {
          env.problems.add("envFrom Secret " + name + " is neither in the manifests nor a documented prerequisite");
        } else {
          keys.forEach(k -> env.values.put(prefix + k, "<secret:" + name + "/" + k + ">"));
        }
      }
    }
    Set<String> seen = new HashSet<>();
    for (EnvVar e : list(c.getEnv())) {
      if (!seen.add(e.getName())) {
        env.problems.add("env " + e.getName() + " is defined twice");
      }
      String value;
      if (e.getValueFrom() != null) {
        value = env.source(cluster, facts, d, namespace, e.getName(), e.getValueFrom());
      } else {
        value = env.expand(e.getName(), e.getValue() == null ? "" : e.getValue());
      }
      env.values.put(e.getName(), value);
    }
    return env;
  }

  private String source(Cluster cluster, ProjectFacts facts, Deployment d, String namespace, String var,
      EnvVarSource from) {
    if (from.getFieldRef() != null) {
      String path = from.getFieldRef().getFieldPath();
      return switch (path) {
        case "metadata.namespace" -> namespace;
        case "status.podIP" -> POD_IP;
        default -> "<" + path + ">";
      };
    }
    if (from.getConfigMapKeyRef() != null) {
      var ref = from.getConfigMapKeyRef();
      Optional<ConfigMap> cm = cluster.configMap(d, ref.getName());
      String v = cm.map(ConfigMap::getData).map(data -> data.get(ref.getKey())).orElse(null);
      if (v == null && !Boolean.TRUE.equals(ref.getOptional())) {
        problems.add("env " + var + ": ConfigMap " + ref.getName() + " key " + ref.getKey() + " is not in the manifests");
      }
      return v == null ? "" : v;
    }
    if (from.getSecretKeyRef() != null) {
      var ref = from.getSecretKeyRef();
      Set<String> keys = cluster.secretKeys(d, ref.getName(), facts);
      if (!Boolean.TRUE.equals(ref.getOptional()) && (keys == null || !keys.contains(ref.getKey()))) {
        problems.add("env " + var + ": Secret " + ref.getName() + " key " + ref.getKey()
            + " is neither in the manifests nor a documented prerequisite");
      }
      return "<secret:" + ref.getName() + "/" + ref.getKey() + ">";
    }
    return "<" + var + ">";
  }

  /** Kubernetes' $(VAR) expansion against the variables defined so far. */
  String expand(String var, String raw) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      if (ch == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '$') {
        out.append('$');
        i++;
      } else if (ch == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '(' && raw.indexOf(')', i) > 0) {
        int close = raw.indexOf(')', i);
        String name = raw.substring(i + 2, close);
        if (values.containsKey(name)) {
          out.append(values.get(name));
        } else {
          problems.add("env " + var + " refers to $(" + name + "), which is not defined before it");
          out.append(raw, i, close + 1);
        }
        i = close;
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  String get(String name) {
    return values.get(name);
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
