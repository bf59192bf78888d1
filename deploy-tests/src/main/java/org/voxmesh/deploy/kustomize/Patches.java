package org.voxmesh.deploy.kustomize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code patches}: each entry has a {@code path} or an inline {@code patch}, and optionally a {@code target}. A patch
 * whose YAML is a list is JSON 6902 (a target is required); otherwise each document is a strategic-merge patch,
 * applied to the target's matches or, without a target, to the one object with the patch's group, kind and name.
 */
final class Patches {

  private static final Set<String> FIELDS = Set.of("path", "patch", "target");
  private static final Set<String> TARGET_FIELDS = Set.of("group", "version", "kind", "name", "namespace");

  private Patches() {}

  @SuppressWarnings("unchecked")
  static void apply(Map<String, Object> k, Path file, List<Resource> resources) {
    int index = 0;
    for (Map<String, Object> entry : Fields.objects(k, "patches", file, FIELDS)) {
      String where = file + ": patches[" + index++ + "]";
      String path = Fields.string(entry, "path", file, "patches[]");
      String inline = Fields.string(entry, "patch", file, "patches[]");
      if ((path == null) == (inline == null)) {
        throw new KustomizeException(where + ": give exactly one of path and patch");
      }
      List<Object> docs;
      if (path != null) {
        Path p = file.getParent().resolve(path).normalize();
        where = where + " (" + p.getFileName() + ")";
        docs = YamlDocs.load(p);
      } else {
        docs = YamlDocs.parse(inline, where);
      }
      Map<String, Object> target = null;
      if (entry.get("target") != null) {
        if (!(entry.get("target") instanceof Map<?, ?> t)) {
          throw new KustomizeException(where + ": target must be an object");
        }
        for (Object key : t.keySet()) {
          if (!TARGET_FIELDS.contains(key)) {
            throw new KustomizeException(where + ": target." + key + " is outside the subset deploy-tests renders");
          }
        }
        target = (Map<String, Object>) t;
      }
      if (docs.size() == 1 && docs.get(0) instanceof List<?> ops) {
        if (target == null) {
          throw new KustomizeException(where + ": a JSON 6902 patch needs a target");
        }
        for (Resource r : matches(resources, target, where)) {
          JsonPatch.apply(r.body, ops, where);
        }
        continue;
      }
      for (Object doc : docs) {
        if (!(doc instanceof Map<?, ?> patch)) {
          throw new KustomizeException(where + ": a strategic-merge patch must be an object");
        }
        Map<String, Object> p = (Map<String, Object>) patch;
        List<Resource> targets = target != null ? matches(resources, target, where) : List.of(byId(resources, p, where));
        for (Resource r : targets) {
          Map<String, Object> patchBody = p;
          if (target != null) {
            // with a target, the patch's own name (and kind) are placeholders, as in kustomize
            patchBody = YamlDocs.deepCopy(p);
            patchBody.remove("apiVersion");
            patchBody.remove("kind");
            if (patchBody.get("metadata") instanceof Map<?, ?> meta) {
              meta.remove("name");
              meta.remove("namespace");
              if (meta.isEmpty()) {
                patchBody.remove("metadata");
              }
            }
          }
          Map<String, Object> merged = StrategicMerge.apply(r.body, patchBody, where);
          r.body.clear();
          r.body.putAll(merged);
        }
      }
    }
  }

  private static Resource byId(List<Resource> resources, Map<String, Object> patch, String where) {
    Resource probe = new Resource(patch, false, where);
    List<Resource> found = new ArrayList<>();
    for (Resource r : resources) {
      if (r.kind().equals(probe.kind()) && r.group().equals(probe.group()) && r.name().equals(probe.name())
          && (probe.namespace().isEmpty() || probe.namespace().equals(r.namespace()))) {
        found.add(r);
      }
    }
    if (found.size() != 1) {
      throw new KustomizeException(where + ": " + found.size() + " objects match " + probe.id() + " (expected one)");
    }
    return found.get(0);
  }

  private static List<Resource> matches(List<Resource> resources, Map<String, Object> target, String where) {
    List<Resource> found = new ArrayList<>();
    for (Resource r : resources) {
      if (matches(target.get("group"), r.group()) && matches(target.get("version"), r.version())
          && matches(target.get("kind"), r.kind()) && matches(target.get("name"), r.name())
          && matches(target.get("namespace"), r.namespace())) {
        found.add(r);
      }
    }
    if (found.isEmpty()) {
      throw new KustomizeException(where + ": no object matches target " + target);
    }
    return found;
  }

  /** Target fields are anchored regular expressions in kustomize; an absent field matches anything. */
  private static boolean matches(Object pattern, String value) {
    return pattern == null || Pattern.compile("^(?:" + pattern + ")$").matcher(value).matches();
  }
}
