package org.voxmesh.deploy.kustomize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed reads of kustomization fields, with errors that name the file and the field. */
final class Fields {

  private Fields() {}

  static List<String> strings(Map<String, Object> k, String field, Path file) {
    List<String> out = new ArrayList<>();
    for (Object o : list(k, field, file)) {
      if (!(o instanceof String s)) {
        throw new KustomizeException(file + ": " + field + " must list strings, found " + YamlDocs.describe(o));
      }
      out.add(s);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> objects(Map<String, Object> k, String field, Path file, Set<String> allowed) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : list(k, field, file)) {
      if (!(o instanceof Map<?, ?> m)) {
        throw new KustomizeException(file + ": " + field + " must list objects, found " + YamlDocs.describe(o));
      }
      for (Object key : m.keySet()) {
        if (!allowed.contains(key)) {
          throw new KustomizeException(file + ": " + field + "[]." + key
              + " is outside the subset deploy-tests renders (allowed: " + allowed.stream().sorted().toList() + ")");
        }
      }
      out.add((Map<String, Object>) m);
    }
    return out;
  }

  static List<?> list(Map<String, Object> k, String field, Path file) {
    Object v = k.get(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new KustomizeException(file + ": " + field + " must be a list");
    }
    return l;
  }

  static String string(Map<String, Object> m, String field, Path file, String context) {
    Object v = m.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new KustomizeException(file + ": " + context + "." + field + " must be a string");
    }
    return s;
  }

  static String required(Map<String, Object> m, String field, Path file, String context) {
    String s = string(m, field, file, context);
    if (s == null || s.isEmpty()) {
      throw new KustomizeException(file + ": " + context + "." + field + " is required");
    }
    return s;
  }
}
