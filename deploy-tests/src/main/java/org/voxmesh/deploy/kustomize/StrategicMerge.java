package org.voxmesh.deploy.kustomize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The subset of strategic-merge patching this project uses, with kustomize's (kyaml's) results:
 * <ul>
 *   <li>objects merge key by key; a {@code null} value deletes the key; {@code $patch: replace} replaces the object;
 *   <li>lists of scalars are replaced;
 *   <li>lists of objects merge by their Kubernetes merge key (containers, env, volumes by {@code name}, volumeMounts by
 *       {@code mountPath}, container ports by {@code containerPort}, Service ports by {@code port}, …). The result
 *       lists the patch's elements in the patch's order (merged into their match), then the unmatched originals, as
 *       kustomize does; {@code $patch: delete} in an element removes its match;
 *   <li>any other list of objects is refused: kyaml would guess a key for it, so write a JSON 6902 patch instead.
 * </ul>
 */
public final class StrategicMerge {

  private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
      Map.entry("containers", "name"),
      Map.entry("initContainers", "name"),
      Map.entry("ephemeralContainers", "name"),
      Map.entry("env", "name"),
      Map.entry("volumes", "name"),
      Map.entry("imagePullSecrets", "name"),
      Map.entry("volumeMounts", "mountPath"),
      Map.entry("volumeDevices", "devicePath"),
      Map.entry("hostAliases", "ip"),
      Map.entry("topologySpreadConstraints", "topologyKey"));

  private StrategicMerge() {}

  /** A new object: {@code target} with {@code patch} merged in. Neither argument is changed. */
  public static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch, String where) {
    return mergeMap(YamlDocs.deepCopy(target), patch, where, "");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mergeMap(Map<String, Object> dest, Map<String, Object> patch, String where,
      String path) {
    Object directive = patch.get("$patch");
    if ("replace".equals(directive)) {
      Map<String, Object> replaced = YamlDocs.deepCopy(patch);
      replaced.remove("$patch");
      return replaced;
    }
    if (directive != null) {
      throw new KustomizeException(where + ": unsupported directive $patch: " + directive + " at " + show(path));
    }
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      String key = e.getKey();
      String at = path + "/" + key;
      if (key.startsWith("$")) {
        throw new KustomizeException(where + ": unsupported directive " + key + " at " + show(path));
      }
      Object value = e.getValue();
      Object current = dest.get(key);
      if (value == null) {
        dest.remove(key);
      } else if (value instanceof Map<?, ?> pm && current instanceof Map<?, ?> cm) {
        dest.put(key, mergeMap((Map<String, Object>) cm, (Map<String, Object>) pm, where, at));
      } else if (value instanceof List<?> pl && current instanceof List<?> cl) {
        dest.put(key, mergeList(key, (List<Object>) cl, (List<Object>) pl, where, at));
      } else {
        dest.put(key, stripDirectives(YamlDocs.deepCopy(value)));
      }
    }
    return dest;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> mergeList(String field, List<Object> dest, List<Object> patch, String where,
      String path) {
    boolean objects = patch.stream().allMatch(v -> v instanceof Map) && dest.stream().allMatch(v -> v instanceof Map);
    if (!objects || patch.isEmpty()) {
      return stripDirectives(YamlDocs.deepCopy(patch));
    }
    String key = mergeKey(field, dest, patch);
    if (key == null) {
      throw new KustomizeException(where + ": strategic merge of the list " + show(path)
          + " needs a merge key this renderer knows; use a JSON 6902 patch for it");
    }
    List<Object> out = new ArrayList<>();
    List<Object> unmatched = new ArrayList<>(dest);
    for (Object p : patch) {
      Map<String, Object> pm = (Map<String, Object>) p;
      Object id = pm.get(key);
      if (id == null) {
        throw new KustomizeException(where + ": element of " + show(path) + " has no merge key '" + key + "'");
      }
      Map<String, Object> match = null;
      for (Object d : unmatched) {
        if (Objects.equals(((Map<String, Object>) d).get(key), id)) {
          match = (Map<String, Object>) d;
          break;
        }
      }
      if (match != null) {
        unmatched.remove(match);
      }
      if ("delete".equals(pm.get("$patch"))) {
        continue;
      }
      out.add(match == null
          ? stripDirectives(YamlDocs.deepCopy(pm))
          : mergeMap(match, pm, where, path + "[" + key + "=" + id + "]"));
    }
    out.addAll(unmatched);
    return out;
  }

  private static String mergeKey(String field, List<Object> dest, List<Object> patch) {
    if (field.equals("ports")) {
      boolean container = patch.stream().anyMatch(p -> ((Map<?, ?>) p).containsKey("containerPort"))
          || dest.stream().anyMatch(d -> ((Map<?, ?>) d).containsKey("containerPort"));
      return container ? "containerPort" : "port";
    }
    return MERGE_KEYS.get(field);
  }

  /** A new element copied from a patch keeps no directives (there is nothing under it to merge with). */
  @SuppressWarnings("unchecked")
  private static <T> T stripDirectives(T value) {
    if (value instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).remove("$patch");
      map.values().forEach(StrategicMerge::stripDirectives);
    } else if (value instanceof List<?> list) {
      list.forEach(StrategicMerge::stripDirectives);
    }
    return value;
  }

  private static String show(String path) {
    return path.isEmpty() ? "/" : path;
  }

}
