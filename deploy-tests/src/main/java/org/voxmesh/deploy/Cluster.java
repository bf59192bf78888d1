package org.voxmesh.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The parsed objects of one render, indexed by kind, with the look-ups the rules share. */
final class Cluster {

  final List<HasMetadata> all;
  final List<Deployment> deployments;
  final List<Service> services;
  final List<ConfigMap> configMaps;
  final List<Secret> secrets;
  final List<PodDisruptionBudget> budgets;
  final List<HorizontalPodAutoscaler> autoscalers;
  final List<Kafka> kafkas;
  final List<KafkaNodePool> nodePools;
  final List<KafkaTopic> topics;

  Cluster(List<HasMetadata> all) {
    this.all = all;
    this.deployments = of(all, Deployment.class);
    this.services = of(all, Service.class);
    this.configMaps = of(all, ConfigMap.class);
    this.secrets = of(all, Secret.class);
    this.budgets = of(all, PodDisruptionBudget.class);
    this.autoscalers = of(all, HorizontalPodAutoscaler.class);
    this.kafkas = of(all, Kafka.class);
    this.nodePools = of(all, KafkaNodePool.class);
    this.topics = of(all, KafkaTopic.class);
  }

  private static <T> List<T> of(List<HasMetadata> all, Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static String namespace(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    return ns == null ? "" : ns;
  }

  static boolean sameNamespace(HasMetadata a, HasMetadata b) {
    return namespace(a).equals(namespace(b));
  }

  Optional<ConfigMap> configMap(HasMetadata from, String name) {
    return configMaps.stream().filter(c -> sameNamespace(c, from) && c.getMetadata().getName().equals(name)).findFirst();
  }

  Optional<Deployment> deployment(HasMetadata from, String name) {
    return deployments.stream().filter(d -> sameNamespace(d, from) && d.getMetadata().getName().equals(name)).findFirst();
  }

  /** The keys of a Secret, if the render has it, else of a documented external Secret; null when unknown. */
  java.util.Set<String> secretKeys(HasMetadata from, String name, ProjectFacts facts) {
    for (Secret s : secrets) {
      if (sameNamespace(s, from) && s.getMetadata().getName().equals(name)) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        if (s.getData() != null) {
          keys.addAll(s.getData().keySet());
        }
        if (s.getStringData() != null) {
          keys.addAll(s.getStringData().keySet());
        }
        return keys;
      }
    }
    return facts.externalSecrets().get(name);
  }

  /** Pod-template labels of a Deployment (never null). */
  static Map<String, String> podLabels(Deployment d) {
    var meta = d.getSpec() == null || d.getSpec().getTemplate() == null ? null : d.getSpec().getTemplate().getMetadata();
    return meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
  }

  /** Whether a Service-style selector (all pairs must match) selects these labels; an empty selector selects nothing. */
  static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return selector != null && !selector.isEmpty()
        && selector.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
  }

  /** A LabelSelector with matchLabels only (this project uses no matchExpressions; the rules reject them). */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    return selector != null && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())
        && selects(selector.getMatchLabels(), labels);
  }
}
