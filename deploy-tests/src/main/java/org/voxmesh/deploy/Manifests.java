package org.voxmesh.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import io.strimzi.crdgenerator.annotations.RequiredInVersions;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.voxmesh.deploy.kustomize.YamlDocs;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses rendered objects into typed models: fabric8 8 for the Kubernetes kinds in {@link #KUBERNETES_KINDS}, Strimzi 0.51 for {@code
 * kafka.strimzi.io/v1} Kafka, KafkaNodePool and KafkaTopic (registered here; other Strimzi versions are refused).
 * A value of the wrong type fails the parse; a key the model does not know lands in a model's {@code
 * additionalProperties} and is reported with its path. For Strimzi objects, fields that the {@code v1} API does not
 * have, or requires, are reported from Strimzi's own {@code @PresentInVersions} / {@code @RequiredInVersions}.
 */
public final class Manifests {

  private static final String STRIMZI_V1 = "kafka.strimzi.io/v1";

  private Manifests() {}

  /** Typed objects plus every problem found while parsing. */
  public record Parsed(List<HasMetadata> objects, List<Violation> violations) {}

  /**
   * The Kubernetes kinds with a typed model here. Registering them explicitly, instead of letting fabric8 scan every
   * model jar for its ~1,000 resource classes, takes the first parse from seconds to a few hundred milliseconds; a
   * kind missing from this list is reported as "no typed model", so adding one is a one-line change.
   */
  static final List<Class<? extends HasMetadata>> KUBERNETES_KINDS = List.of(
      io.fabric8.kubernetes.api.model.apps.Deployment.class,
      io.fabric8.kubernetes.api.model.apps.StatefulSet.class,
      io.fabric8.kubernetes.api.model.apps.DaemonSet.class,
      io.fabric8.kubernetes.api.model.batch.v1.Job.class,
      io.fabric8.kubernetes.api.model.batch.v1.CronJob.class,
      io.fabric8.kubernetes.api.model.Service.class,
      io.fabric8.kubernetes.api.model.ConfigMap.class,
      io.fabric8.kubernetes.api.model.Secret.class,
      io.fabric8.kubernetes.api.model.ServiceAccount.class,
      io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class,
      io.fabric8.kubernetes.api.model.Namespace.class,
      io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class,
      io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
      io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class,
      io.fabric8.kubernetes.api.model.networking.v1.Ingress.class,
      io.fabric8.kubernetes.api.model.rbac.Role.class,
      io.fabric8.kubernetes.api.model.rbac.RoleBinding.class);

  private static final KubernetesSerialization SERIALIZATION = serialization();

  private static KubernetesSerialization serialization() {
    KubernetesSerialization s = new KubernetesSerialization(JsonMapper.builder().build(), false);
    KUBERNETES_KINDS.forEach(s::registerKubernetesResource);
    s.registerKubernetesResource(STRIMZI_V1, "Kafka", Kafka.class);
    s.registerKubernetesResource(STRIMZI_V1, "KafkaNodePool", KafkaNodePool.class);
    s.registerKubernetesResource(STRIMZI_V1, "KafkaTopic", KafkaTopic.class);
    return s;
  }

  public static Parsed parse(List<Map<String, Object>> docs) {
    List<HasMetadata> objects = new ArrayList<>();
    List<Violation> violations = new ArrayList<>();
    for (Map<String, Object> doc : docs) {
      String id = id(doc);
      Object typed;
      try {
        typed = SERIALIZATION.unmarshal(YamlDocs.toJson(doc));
      } catch (RuntimeException e) {
        violations.add(new Violation(id, "does not parse into its typed model: " + rootMessage(e)));
        continue;
      }
      if (typed instanceof GenericKubernetesResource || !(typed instanceof HasMetadata resource)) {
        violations.add(new Violation(id, "no typed model for apiVersion " + doc.get("apiVersion") + " kind "
            + doc.get("kind") + " (known: " + String.join(", ", KUBERNETES_KINDS.stream().map(Class::getSimpleName)
            .toList()) + "; " + STRIMZI_V1 + " Kafka, KafkaNodePool, KafkaTopic)"));
        continue;
      }
      objects.add(resource);
      String version = String.valueOf(doc.get("apiVersion"));
      ModelWalker.walk(resource, new ModelWalker.Visitor() {
        @Override
        public void object(Object model, String path) {
          Map<String, Object> extra = additionalProperties(model);
          if (extra != null) {
            extra.keySet().forEach(key -> violations.add(new Violation(id,
                "unknown field " + (path.equals(".") ? "" : path + ".") + key)));
          }
          if (version.startsWith("kafka.strimzi.io/")) {
            PresentInVersions present = model.getClass().getAnnotation(PresentInVersions.class);
            if (present != null && !StrimziVersions.contains(present.value(), version)) {
              violations.add(new Violation(id, path + " is a " + model.getClass().getSimpleName()
                  + ", which " + version + " does not have (present in " + present.value() + ")"));
            }
          }
        }

        @Override
        public void property(Object owner, Method getter, Object value, String path) {
          if (!version.startsWith("kafka.strimzi.io/")) {
            return;
          }
          PresentInVersions present = annotation(owner, getter, PresentInVersions.class);
          if (present != null && isSet(value) && !StrimziVersions.contains(present.value(), version)) {
            violations.add(new Violation(id, path + " is not part of " + version + " (present in "
                + present.value() + ")"));
          }
          RequiredInVersions required = annotation(owner, getter, RequiredInVersions.class);
          if (required != null && value == null && StrimziVersions.contains(required.value(), version)) {
            violations.add(new Violation(id, path + " is required in " + version));
          }
        }
      });
    }
    return new Parsed(objects, violations);
  }

  private static boolean isSet(Object value) {
    return value != null && !(value instanceof Collection<?> c && c.isEmpty()) && !(value instanceof Map<?, ?> m
        && m.isEmpty());
  }

  /** The annotation on the getter, or on the field of the same name anywhere up the class hierarchy. */
  private static <A extends java.lang.annotation.Annotation> A annotation(Object owner, Method getter, Class<A> type) {
    A onGetter = getter.getAnnotation(type);
    if (onGetter != null) {
      return onGetter;
    }
    String field = ModelWalker.propertyName(getter);
    for (Class<?> c = owner.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        AnnotatedElement f = c.getDeclaredField(field);
        A onField = f.getAnnotation(type);
        if (onField != null) {
          return onField;
        }
      } catch (NoSuchFieldException e) {
        // not declared here
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> additionalProperties(Object model) {
    try {
      Method m = model.getClass().getMethod("getAdditionalProperties");
      Object v = m.invoke(model);
      return v instanceof Map<?, ?> map && !map.isEmpty() ? (Map<String, Object>) map : null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  static String id(Map<String, Object> doc) {
    Object kind = doc.get("kind");
    String ns = "";
    String name = "?";
    if (doc.get("metadata") instanceof Map<?, ?> meta) {
      ns = meta.get("namespace") instanceof String s ? s + "/" : "";
      name = String.valueOf(meta.get("name"));
    }
    return kind + " " + ns + name;
  }

  /** The id used in violations: {@code Kind namespace/name}. */
  public static String id(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    return o.getKind() + " " + (ns == null ? "" : ns + "/") + o.getMetadata().getName();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
