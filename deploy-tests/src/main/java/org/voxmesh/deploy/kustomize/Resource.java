package org.voxmesh.deploy.kustomize;

import java.util.LinkedHashMap;
import java.util.Map;

/** One object while a kustomization is rendered: its body, plus whether it still needs a hash suffix. */
final class Resource {

  final Map<String, Object> body;
  /** A generated ConfigMap: named {@code <name>-<hash>} once the whole tree is rendered. */
  final boolean hashSuffix;
  /** Where it came from, for error messages. */
  final String origin;

  Resource(Map<String, Object> body, boolean hashSuffix, String origin) {
    this.body = body;
    this.hashSuffix = hashSuffix;
    this.origin = origin;
  }

  String apiVersion() {
    return body.get("apiVersion") instanceof String s ? s : "";
  }

  String group() {
    String v = apiVersion();
    int slash = v.indexOf('/');
    return slash < 0 ? "" : v.substring(0, slash);
  }

  String version() {
    String v = apiVersion();
    return v.substring(v.indexOf('/') + 1);
  }

  String kind() {
    return body.get("kind") instanceof String s ? s : "";
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> metadata() {
    return (Map<String, Object>) body.computeIfAbsent("metadata", k -> new LinkedHashMap<String, Object>());
  }

  String name() {
    return metadata().get("name") instanceof String s ? s : "";
  }

  String namespace() {
    return metadata().get("namespace") instanceof String s ? s : "";
  }

  String id() {
    return kind() + " " + (namespace().isEmpty() ? "" : namespace() + "/") + name() + " (" + apiVersion() + ")";
  }
}
