package org.voxmesh.deploy.kustomize;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code labels}, {@code replicas} and {@code images} transformers. */
final class Transformers {

  /** Kinds whose pod template kustomize labels with {@code includeTemplates: true}, and where the template is. */
  private static final Map<String, List<String>> TEMPLATES = Map.of(
      "Deployment", List.of("spec", "template"),
      "ReplicaSet", List.of("spec", "template"),
      "StatefulSet", List.of("spec", "template"),
      "DaemonSet", List.of("spec", "template"),
      "Job", List.of("spec", "template"),
      "ReplicationController", List.of("spec", "template"),
      "CronJob", List.of("spec", "jobTemplate", "spec", "template"));
  private static final Set<String> SCALABLE = Set.of("Deployment", "ReplicaSet", "StatefulSet", "ReplicationController");

  private Transformers() {}

  @SuppressWarnings("unchecked")
  static void labels(Map<String, Object> k, Path file, List<Resource> resources) {
    for (Map<String, Object> entry : Fields.objects(k, "labels", file,
        Set.of("pairs", "includeSelectors", "includeTemplates"))) {
      if (Boolean.TRUE.equals(entry.get("includeSelectors"))) {
        throw new KustomizeException(file + ": labels with includeSelectors: true are not supported (and would change"
            + " immutable Deployment selectors)");
      }
      if (!(entry.get("pairs") instanceof Map<?, ?> pairs)) {
        throw new KustomizeException(file + ": labels[].pairs must be an object");
      }
      boolean templates = Boolean.TRUE.equals(entry.get("includeTemplates"));
      for (Resource r : resources) {
        addAll(r.metadata(), pairs);
        List<String> path = TEMPLATES.get(r.kind());
        if (templates && path != null) {
          Map<String, Object> template = walk(r.body, path);
          if (template != null) {
            addAll((Map<String, Object>) template.computeIfAbsent("metadata", x -> new LinkedHashMap<>()), pairs);
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void addAll(Map<String, Object> metadata, Map<?, ?> pairs) {
    Map<String, Object> labels = (Map<String, Object>) metadata.computeIfAbsent("labels", x -> new LinkedHashMap<>());
    pairs.forEach((key, value) -> labels.put(String.valueOf(key), String.valueOf(value)));
  }

  static void replicas(Map<String, Object> k, Path file, List<Resource> resources) {
    for (Map<String, Object> entry : Fields.objects(k, "replicas", file, Set.of("name", "count"))) {
      String name = Fields.required(entry, "name", file, "replicas[]");
      if (!(entry.get("count") instanceof Integer count)) {
        throw new KustomizeException(file + ": replicas[" + name + "].count must be an integer");
      }
      boolean found = false;
      for (Resource r : resources) {
        if (SCALABLE.contains(r.kind()) && r.name().equals(name)) {
          walk(r.body, List.of("spec")).put("replicas", count);
          found = true;
        }
      }
      if (!found) {
        throw new KustomizeException(file + ": replicas: no Deployment, ReplicaSet or StatefulSet named " + name);
      }
    }
  }

  static void images(Map<String, Object> k, Path file, List<Resource> resources) {
    for (Map<String, Object> entry : Fields.objects(k, "images", file,
        Set.of("name", "newName", "newTag", "digest"))) {
      String name = Fields.required(entry, "name", file, "images[]");
      String newName = Fields.string(entry, "newName", file, "images[]");
      Object tag = entry.get("newTag");
      String newTag = tag == null ? null : String.valueOf(tag);
      String digest = Fields.string(entry, "digest", file, "images[]");
      for (Resource r : resources) {
        rewriteImages(r.body, name, newName, newTag, digest);
      }
    }
  }

  /** kustomize rewrites {@code image} in every {@code containers} and {@code initContainers} list, wherever it is. */
  @SuppressWarnings("unchecked")
  private static void rewriteImages(Object node, String name, String newName, String newTag, String digest) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        if ((e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue() instanceof List<?> l) {
          for (Object c : l) {
            if (c instanceof Map<?, ?> container && container.get("image") instanceof String image) {
              ((Map<String, Object>) container).put("image", rewrite(image, name, newName, newTag, digest));
            }
          }
        }
        rewriteImages(e.getValue(), name, newName, newTag, digest);
      }
    } else if (node instanceof List<?> list) {
      list.forEach(v -> rewriteImages(v, name, newName, newTag, digest));
    }
  }

  static String rewrite(String image, String name, String newName, String newTag, String digest) {
    ImageRef ref = ImageRef.parse(image);
    if (!ref.name().equals(name)) {
      return image;
    }
    String n = newName != null ? newName : ref.name();
    if (digest != null) {
      return n + "@" + digest;
    }
    if (newTag != null) {
      return n + ":" + newTag;
    }
    return n + ref.suffix();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> walk(Map<String, Object> body, List<String> path) {
    Map<String, Object> node = body;
    for (String key : path) {
      Object next = node.get(key);
      if (next == null && key.equals("spec")) {
        next = new LinkedHashMap<String, Object>();
        node.put(key, next);
      }
      if (!(next instanceof Map)) {
        return null;
      }
      node = (Map<String, Object>) next;
    }
    return node;
  }

  /** An image reference split into name and the {@code :tag} / {@code @digest} suffix. */
  record ImageRef(String name, String suffix) {
    static ImageRef parse(String image) {
      int at = image.indexOf('@');
      if (at >= 0) {
        return new ImageRef(image.substring(0, at), image.substring(at));
      }
      int colon = image.lastIndexOf(':');
      if (colon > image.lastIndexOf('/')) {
        return new ImageRef(image.substring(0, colon), image.substring(colon));
      }
      return new ImageRef(image, "");
    }
  }
}
