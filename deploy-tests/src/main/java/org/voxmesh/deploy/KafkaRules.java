package org.voxmesh.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kafka rules: a KafkaTopic for every topic in {@code Topics.java}, with partitions and replicas that the cluster can
 * hold; the Strimzi cluster behind the topics and behind {@code KAFKA_BOOTSTRAP_SERVERS}; replication settings that fit
 * the broker count. Cross-object checks run only when the render contains a Kafka (the app base alone has none).
 */
final class KafkaRules {

  static final String CLUSTER_LABEL = "strimzi.io/cluster";
  private static final List<String> RF_KEYS = List.of(
      "offsets.topic.replication.factor", "transaction.state.log.replication.factor", "default.replication.factor");

  private KafkaRules() {}

  static void check(Cluster cluster, ProjectFacts facts, List<Violation> out) {
    if (!cluster.deployments.isEmpty() || !cluster.topics.isEmpty()) {
      Set<String> declared = new TreeSet<>();
      cluster.topics.forEach(t -> declared.add(topicName(t)));
      for (String topic : facts.kafkaTopics()) {
        if (!declared.contains(topic)) {
          out.add(new Violation("KafkaTopic " + topic, "topic " + topic + " (" + ProjectFacts.TOPICS_JAVA.getFileName()
              + ") has no KafkaTopic resource"));
        }
      }
    }
    for (KafkaTopic t : cluster.topics) {
      topic(cluster, facts, t, out);
    }
    for (Kafka k : cluster.kafkas) {
      kafka(cluster, cluster.topics.stream().anyMatch(t -> refersTo(t, k)), k, out);
    }
    bootstrap(cluster, facts, out);
  }

  private static void topic(Cluster cluster, ProjectFacts facts, KafkaTopic t, List<Violation> out) {
    String id = Manifests.id(t);
    var spec = t.getSpec();
    if (spec == null || spec.getPartitions() == null || spec.getPartitions() < 1) {
      out.add(new Violation(id, "needs spec.partitions >= 1"));
    }
    if (spec == null || spec.getReplicas() == null || spec.getReplicas() < 1) {
      out.add(new Violation(id, "needs spec.replicas >= 1"));
      return;
    }
    int replicas = spec.getReplicas();
    Integer minIsr = integer(spec.getConfig() == null ? null : spec.getConfig().get("min.insync.replicas"));
    if (minIsr != null && (minIsr > replicas || replicas > 1 && minIsr >= replicas)) {
      out.add(new Violation(id, "min.insync.replicas " + minIsr + " with " + replicas
          + " replicas: writes with acks=all stop when one broker is down (use replicas - 1)"));
    }
    String clusterName = labels(t).get(CLUSTER_LABEL);
    if (clusterName == null) {
      out.add(new Violation(id, "has no " + CLUSTER_LABEL + " label, so no Topic Operator manages it"));
    } else if (!cluster.kafkas.isEmpty()) {
      Optional<Kafka> kafka = cluster.kafkas.stream()
          .filter(k -> Cluster.sameNamespace(k, t) && k.getMetadata().getName().equals(clusterName)).findFirst();
      if (kafka.isEmpty()) {
        out.add(new Violation(id, CLUSTER_LABEL + "=" + clusterName + " names no Kafka in its namespace"));
      } else {
        int brokers = brokers(cluster, kafka.get());
        if (replicas > brokers) {
          out.add(new Violation(id, "replicas " + replicas + " exceed the " + brokers + " broker(s) of " + clusterName));
        }
      }
    }
    // transcript-service creates its topic itself when it starts first: the counts must agree
    for (Deployment d : cluster.deployments) {
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        if (!facts.moduleReads(c.getName(), "kafka.partitions") || !topicName(t).equals("voxmesh.transcripts.v1")) {
          continue;
        }
        String partitions = ContainerEnv.of(cluster, facts, d, c).get("VOXMESH_KAFKA_PARTITIONS");
        if (spec.getPartitions() != null && !String.valueOf(spec.getPartitions()).equals(partitions)) {
          out.add(new Violation(id, "has " + spec.getPartitions() + " partitions but container " + c.getName()
              + " would create it with VOXMESH_KAFKA_PARTITIONS=" + partitions));
        }
      }
    }
  }

  private static void kafka(Cluster cluster, boolean hasTopics, Kafka k, List<Violation> out) {
    String id = Manifests.id(k);
    int brokers = brokers(cluster, k);
    long controllers = pools(cluster, k).stream()
        .filter(p -> p.getSpec().getRoles() != null && p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
        .mapToLong(p -> p.getSpec().getReplicas()).sum();
    if (brokers < 1 || controllers < 1) {
      out.add(new Violation(id, "needs KafkaNodePools (label " + CLUSTER_LABEL + "=" + k.getMetadata().getName()
          + ") with broker and controller roles; found " + brokers + " broker(s), " + controllers + " controller(s)"));
      return;
    }
    if (controllers % 2 == 0) {
      out.add(new Violation(id, controllers + " KRaft controllers: use an odd number (a quorum of n needs n/2+1)"));
    }
    Map<String, Object> config = k.getSpec().getKafka().getConfig() == null ? Map.of() : k.getSpec().getKafka().getConfig();
    for (String key : RF_KEYS) {
      Integer rf = integer(config.get(key));
      if (rf != null && rf > brokers) {
        out.add(new Violation(id, key + " " + rf + " exceeds the " + brokers + " broker(s)"));
      }
    }
    Integer minIsr = integer(config.get("min.insync.replicas"));
    Integer defaultRf = integer(config.get("default.replication.factor"));
    if (minIsr != null && defaultRf != null && minIsr > defaultRf) {
      out.add(new Violation(id, "min.insync.replicas " + minIsr + " exceeds default.replication.factor " + defaultRf));
    }
    if (hasTopics && (k.getSpec().getEntityOperator() == null
        || k.getSpec().getEntityOperator().getTopicOperator() == null)) {
      out.add(new Violation(id, "has KafkaTopics but no entityOperator.topicOperator to create them"));
    }
  }

  /** Each KAFKA_BOOTSTRAP_SERVERS entry is the bootstrap Service and a listener port of a Kafka in the render. */
  private static void bootstrap(Cluster cluster, ProjectFacts facts, List<Violation> out) {
    if (cluster.kafkas.isEmpty()) {
      return;
    }
    for (Deployment d : cluster.deployments) {
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        String servers = ContainerEnv.of(cluster, facts, d, c).get("KAFKA_BOOTSTRAP_SERVERS");
        if (servers == null) {
          continue;
        }
        for (String server : servers.split(",")) {
          String s = server.trim();
          int colon = s.lastIndexOf(':');
          String host = colon < 0 ? s : s.substring(0, colon);
          String port = colon < 0 ? "" : s.substring(colon + 1);
          String[] labels = host.split("\\.");
          String namespace = labels.length > 1 ? labels[1] : Cluster.namespace(d);
          boolean ok = cluster.kafkas.stream().anyMatch(k -> Cluster.namespace(k).equals(namespace)
              && labels[0].equals(k.getMetadata().getName() + "-kafka-bootstrap")
              && listeners(k).stream().anyMatch(l -> String.valueOf(l.getPort()).equals(port)));
          if (!ok) {
            out.add(new Violation(Manifests.id(d), "container " + c.getName() + ": KAFKA_BOOTSTRAP_SERVERS entry " + s
                + " is not <kafka>-kafka-bootstrap:<listener port> of a Kafka in namespace " + namespace));
          }
        }
      }
    }
  }

  private static List<GenericKafkaListener> listeners(Kafka k) {
    var l = k.getSpec().getKafka().getListeners();
    return l == null ? List.of() : l;
  }

  private static List<KafkaNodePool> pools(Cluster cluster, Kafka k) {
    return cluster.nodePools.stream()
        .filter(p -> Cluster.sameNamespace(p, k) && k.getMetadata().getName().equals(labels(p).get(CLUSTER_LABEL)))
        .toList();
  }

  private static int brokers(Cluster cluster, Kafka k) {
    return pools(cluster, k).stream()
        .filter(p -> p.getSpec().getRoles() != null && p.getSpec().getRoles().contains(ProcessRoles.BROKER))
        .mapToInt(p -> p.getSpec().getReplicas()).sum();
  }

  private static boolean refersTo(KafkaTopic t, Kafka k) {
    return Cluster.sameNamespace(t, k) && k.getMetadata().getName().equals(labels(t).get(CLUSTER_LABEL));
  }

  static String topicName(KafkaTopic t) {
    String name = t.getSpec() == null ? null : t.getSpec().getTopicName();
    return name != null ? name : t.getMetadata().getName();
  }

  private static Map<String, String> labels(HasMetadata o) {
    return Objects.requireNonNullElse(o.getMetadata().getLabels(), Map.of());
  }

  private static Integer integer(Object v) {
    if (v instanceof Number n) {
      return n.intValue();
    }
    if (v instanceof String s && s.matches("\\d+")) {
      return Integer.parseInt(s);
    }
    return null;
  }
}
