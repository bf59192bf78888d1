package org.voxmesh.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Visits every property of a typed fabric8 / Strimzi model object, depth first, with a JSON-like path
 * ({@code spec.template.spec.containers[0].image}). Only getters of model classes are called.
 */
final class ModelWalker {

  /** Called for every model object and for every property value (possibly null) with its getter. */
  interface Visitor {
    default void object(Object model, String path) {}

    default void property(Object owner, Method getter, Object value, String path) {}
  }

  private static final Set<String> SKIPPED = Set.of(
      "getAdditionalProperties", "getClass", "getCRDName", "getPlural", "getSingular", "getScope", "getKind",
      "getApiVersion", "getFullResourceName", "getVersion", "getGroup", "getMarkerFieldNames");

  private ModelWalker() {}

  static boolean isModel(Object o) {
    if (o == null) {
      return false;
    }
    String name = o.getClass().getName();
    return name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("io.strimzi.api.");
  }

  static void walk(Object root, Visitor visitor) {
    walk(root, "", visitor, new IdentityHashMap<>());
  }

  private static void walk(Object node, String path, Visitor visitor, IdentityHashMap<Object, Boolean> seen) {
    if (node == null || seen.put(node, Boolean.TRUE) != null) {
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, visitor, seen));
      return;
    }
    if (node instanceof Collection<?> list) {
      int i = 0;
      for (Object v : list) {
        walk(v, path + "[" + i++ + "]", visitor, seen);
      }
      return;
    }
    if (!isModel(node)) {
      return;
    }
    visitor.object(node, path.isEmpty() ? "." : path);
    for (Method m : node.getClass().getMethods()) {
      if (!isProperty(m)) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(node);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      String child = (path.isEmpty() ? "" : path + ".") + propertyName(m);
      visitor.property(node, m, value, child);
      walk(value, child, visitor, seen);
    }
  }

  private static boolean isProperty(Method m) {
    if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.isBridge() || m.isSynthetic()) {
      return false;
    }
    String n = m.getName();
    if (SKIPPED.contains(n) || !(n.startsWith("get") && n.length() > 3 || n.startsWith("is") && n.length() > 2)) {
      return false;
    }
    String declaring = m.getDeclaringClass().getName();
    return declaring.startsWith("io.fabric8.kubernetes.api.model.") || declaring.startsWith("io.strimzi.api.")
        || n.equals("getMetadata");
  }

  static String propertyName(Method m) {
    String n = m.getName();
    String bare = n.startsWith("is") ? n.substring(2) : n.substring(3);
    return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
  }
}
