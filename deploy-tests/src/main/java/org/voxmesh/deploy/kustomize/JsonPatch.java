package org.voxmesh.deploy.kustomize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over ordered maps and lists, in place. */
public final class JsonPatch {

  private JsonPatch() {}

  /** Applies {@code ops} to {@code target}; {@code where} names the patch in error messages. */
  public static void apply(Map<String, Object> target, List<?> ops, String where) {
    int index = 0;
    for (Object raw : ops) {
      if (!(raw instanceof Map<?, ?> op)) {
        throw new KustomizeException(where + ": operation " + index + " is not an object");
      }
      String kind = string(op, "op", where);
      String path = string(op, "path", where);
      try {
        switch (kind) {
          case "add" -> add(target, path, YamlDocs.deepCopy(value(op, where)));
          case "remove" -> remove(target, path);
          case "replace" -> {
            remove(target, path);
            add(target, path, YamlDocs.deepCopy(value(op, where)));
          }
          case "move" -> {
            Object moved = get(target, string(op, "from", where));
            remove(target, string(op, "from", where));
            add(target, path, moved);
          }
          case "copy" -> add(target, path, YamlDocs.deepCopy(get(target, string(op, "from", where))));
          case "test" -> {
            if (!Objects.equals(get(target, path), value(op, where))) {
              throw new KustomizeException("test failed at " + path);
            }
          }
          default -> throw new KustomizeException("unknown op '" + kind + "'");
        }
      } catch (KustomizeException e) {
        throw new KustomizeException(where + ": operation " + index + " (" + kind + " " + path + "): " + e.getMessage());
      }
      index++;
    }
  }

  private static Object value(Map<?, ?> op, String where) {
    if (!op.containsKey("value")) {
      throw new KustomizeException(where + ": operation " + op.get("op") + " " + op.get("path") + " has no value");
    }
    return op.get("value");
  }

  private static String string(Map<?, ?> op, String key, String where) {
    Object v = op.get(key);
    if (!(v instanceof String s)) {
      throw new KustomizeException(where + ": operation without a string '" + key + "'");
    }
    return s;
  }

  static List<String> tokens(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw new KustomizeException("JSON pointer must start with '/': " + pointer);
    }
    List<String> out = new ArrayList<>();
    for (String t : pointer.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  static Object get(Map<String, Object> root, String pointer) {
    Object node = root;
    for (String t : tokens(pointer)) {
      node = child(node, t, pointer);
    }
    return node;
  }

  private static Object child(Object node, String token, String pointer) {
    if (node instanceof Map<?, ?> map) {
      if (!map.containsKey(token)) {
        throw new KustomizeException("no member '" + token + "' at " + pointer);
      }
      return map.get(token);
    }
    if (node instanceof List<?> list) {
      int i = index(token, list.size() - 1, pointer);
      return list.get(i);
    }
    throw new KustomizeException("cannot descend into a scalar at " + pointer);
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> root, String pointer, Object value) {
    List<String> t = tokens(pointer);
    if (t.isEmpty()) {
      throw new KustomizeException("cannot replace the whole document");
    }
    Object parent = root;
    for (String token : t.subList(0, t.size() - 1)) {
      parent = child(parent, token, pointer);
    }
    String last = t.get(t.size() - 1);
    if (parent instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put(last, value);
    } else if (parent instanceof List<?> list) {
      List<Object> l = (List<Object>) list;
      if (last.equals("-")) {
        l.add(value);
      } else {
        l.add(index(last, l.size(), pointer), value);
      }
    } else {
      throw new KustomizeException("cannot add into a scalar at " + pointer);
    }
  }

  private static void remove(Map<String, Object> root, String pointer) {
    List<String> t = tokens(pointer);
    Object parent = root;
    for (String token : t.subList(0, t.size() - 1)) {
      parent = child(parent, token, pointer);
    }
    String last = t.get(t.size() - 1);
    if (parent instanceof Map<?, ?> map) {
      if (!map.containsKey(last)) {
        throw new KustomizeException("no member '" + last + "' at " + pointer);
      }
      map.remove(last);
    } else if (parent instanceof List<?> list) {
      list.remove(index(last, list.size() - 1, pointer));
    } else {
      throw new KustomizeException("cannot remove from a scalar at " + pointer);
    }
  }

  private static int index(String token, int max, String pointer) {
    int i;
    try {
      i = Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new KustomizeException("'" + token + "' is not a list index at " + pointer);
    }
    if (i < 0 || i > max) {
      throw new KustomizeException("index " + i + " out of range at " + pointer);
    }
    return i;
  }
}
