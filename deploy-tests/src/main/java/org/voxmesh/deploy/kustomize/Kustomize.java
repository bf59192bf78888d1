package org.voxmesh.deploy.kustomize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization directory the way {@code kubectl kustomize} (Kustomize v5) does, for the subset of
 * kustomize that {@code deploy/} uses. Anything outside the subset fails with a {@link KustomizeException} naming
 * the field, so a new feature in the manifests cannot be silently mis-rendered.
 *
 * <p>The subset: {@code resources} (files and directories; no remote URLs), {@code namespace}, {@code labels}
 * ({@code includeSelectors: false} only), {@code images}, {@code replicas}, {@code configMapGenerator}
 * ({@code literals} and {@code envs}; behaviors create, merge, replace; hash suffix and reference rewriting in pod
 * specs), {@code patches} (strategic merge with the merge keys in {@link StrategicMerge}, or JSON 6902 with a
 * {@code target} of group/version/kind/name/namespace). Within one kustomization the order is kustomize's:
 * resources, generators, patches, namespace, labels, replicas, images; hash suffixes last, once, at the top.
 */
public final class Kustomize {

  private static final Set<String> FIELDS = Set.of(
      "apiVersion", "kind", "resources", "namespace", "labels", "images", "replicas", "configMapGenerator", "patches");
  private static final Set<String> CLUSTER_SCOPED = Set.of(
      "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
      "StorageClass", "PriorityClass", "IngressClass", "APIService", "ValidatingWebhookConfiguration",
      "MutatingWebhookConfiguration", "RuntimeClass", "CSIDriver", "Node");

  private Kustomize() {}

  /** The rendered objects of the kustomization in {@code dir}, ready to parse. */
  public static List<Map<String, Object>> render(Path dir) {
    List<Resource> resources = accumulate(dir.toAbsolutePath().normalize(), new ArrayDeque<>());
    Map<String, String> renamed = new HashMap<>();
    for (Resource r : resources) {
      if (r.hashSuffix) {
        String name = r.name() + "-" + ConfigMapHash.suffix(Generators.data(r));
        renamed.put(r.namespace() + "/" + r.name(), name);
        r.metadata().put("name", name);
      }
    }
    NameReferences.rewriteConfigMaps(resources, renamed);
    List<Map<String, Object>> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Resource r : resources) {
      if (!ids.add(r.id())) {
        throw new KustomizeException(dir + ": two objects with the id " + r.id());
      }
      out.add(r.body);
    }
    return out;
  }

  static List<Resource> accumulate(Path dir, Deque<Path> stack) {
    if (stack.contains(dir)) {
      throw new KustomizeException("kustomization cycle: " + stack + " -> " + dir);
    }
    stack.push(dir);
    Path file = kustomizationFile(dir);
    Map<String, Object> k = kustomization(file);
    List<Resource> resources = new ArrayList<>();
    for (String entry : Fields.strings(k, "resources", file)) {
      if (entry.contains("://") || entry.startsWith("github.com/")) {
        throw new KustomizeException(file + ": remote resource '" + entry + "' is not supported");
      }
      Path p = dir.resolve(entry).normalize();
      if (Files.isDirectory(p)) {
        resources.addAll(accumulate(p, stack));
      } else if (Files.isRegularFile(p)) {
        for (Map<String, Object> doc : YamlDocs.loadObjects(p)) {
          Resource r = new Resource(doc, false, p.toString());
          if (r.kind().isEmpty() || r.apiVersion().isEmpty() || r.name().isEmpty()) {
            throw new KustomizeException(p + ": every object needs apiVersion, kind and metadata.name");
          }
          resources.add(r);
        }
      } else {
        throw new KustomizeException(file + ": resource '" + entry + "' does not exist");
      }
    }
    Generators.configMaps(k, file, resources);
    Patches.apply(k, file, resources);
    namespace(k, file, resources);
    Transformers.labels(k, file, resources);
    Transformers.replicas(k, file, resources);
    Transformers.images(k, file, resources);
    stack.pop();
    return resources;
  }

  private static Path kustomizationFile(Path dir) {
    for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    throw new KustomizeException(dir + ": no kustomization.yaml");
  }

  private static Map<String, Object> kustomization(Path file) {
    List<Map<String, Object>> docs = YamlDocs.loadObjects(file);
    if (docs.size() != 1) {
      throw new KustomizeException(file + ": expected one document");
    }
    Map<String, Object> k = docs.get(0);
    for (String field : k.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new KustomizeException(file + ": kustomization field '" + field
            + "' is outside the subset deploy-tests renders (" + String.join(", ", FIELDS.stream().sorted().toList())
            + "); extend org.voxmesh.deploy.kustomize or keep to the subset");
      }
    }
    Object kind = k.get("kind");
    if (kind != null && !"Kustomization".equals(kind)) {
      throw new KustomizeException(file + ": kind must be Kustomization, not " + kind);
    }
    return k;
  }

  private static void namespace(Map<String, Object> k, Path file, List<Resource> resources) {
    Object ns = k.get("namespace");
    if (ns == null) {
      return;
    }
    if (!(ns instanceof String namespace) || namespace.isBlank()) {
      throw new KustomizeException(file + ": namespace must be a non-empty string");
    }
    for (Resource r : resources) {
      if (!CLUSTER_SCOPED.contains(r.kind())) {
        r.metadata().put("namespace", namespace);
      }
    }
  }
}
