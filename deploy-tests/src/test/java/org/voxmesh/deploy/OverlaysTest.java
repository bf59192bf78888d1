package org.voxmesh.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("deploy/: every kustomization renders, parses into typed models and keeps the project rules")
class OverlaysTest {

  static final Path ROOT = ProjectFacts.findRoot();
  static final ProjectFacts FACTS = ProjectFacts.read(ROOT);

  static DeployValidator.Report validate(String dir) {
    return DeployValidator.validate(ROOT.resolve("deploy").resolve(dir), FACTS);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"overlays/dev", "overlays/prod", "base", "kafka"})
  @DisplayName("renders with no violation")
  void noViolations(String dir) {
    DeployValidator.Report report = validate(dir);
    assertThat(report.violations()).as("violations in deploy/%s:%s", dir, report.describe()).isEmpty();
    assertThat(report.objects()).isNotEmpty();
  }

  @Test
  @DisplayName("dev: namespace voxmesh-dev, one ephemeral Kafka node, topics with one replica, dev images")
  void dev() {
    List<HasMetadata> objects = validate("overlays/dev").objects();
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("voxmesh-dev"));
    assertThat(kinds(objects)).containsEntry("Deployment", 5L).containsEntry("Service", 2L).containsEntry("KafkaTopic", 4L)
        .containsEntry("Kafka", 1L).containsEntry("KafkaNodePool", 1L).containsEntry("ConfigMap", 1L)
        .containsEntry("PodDisruptionBudget", 1L).containsEntry("HorizontalPodAutoscaler", 1L);
    KafkaNodePool pool = one(objects, KafkaNodePool.class);
    assertThat(pool.getSpec().getReplicas()).isEqualTo(1);
    assertThat(of(objects, KafkaTopic.class)).allSatisfy(t -> assertThat(t.getSpec().getReplicas()).isEqualTo(1));
    ConfigMap config = one(objects, ConfigMap.class);
    assertThat(config.getMetadata().getName()).matches("voxmesh-config-[a-z0-9]{10}");
    assertThat(config.getData()).containsEntry("VOXMESH_DRAIN_SECONDS", "10").containsEntry("VOXMESH_CLUSTER_NAME", "voxmesh-dev");
    assertThat(of(objects, Deployment.class)).allSatisfy(d -> {
      var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(c.getImage()).endsWith(":dev");
      assertThat(c.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo(config.getMetadata().getName());
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "voxmesh-dev");
      assertThat(d.getSpec().getSelector().getMatchLabels()).doesNotContainKey("app.kubernetes.io/instance");
    });
  }

  @Test
  @DisplayName("prod: registry images, LoadBalancer with the TLS Secret mounted, three Kafka nodes")
  void prod() {
    List<HasMetadata> objects = validate("overlays/prod").objects();
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("voxmesh"));
    Service edge = of(objects, Service.class).stream().filter(s -> s.getMetadata().getName().equals("session-service"))
        .findFirst().orElseThrow();
    assertThat(edge.getSpec().getType()).isEqualTo("LoadBalancer");
    Deployment session = deployment(objects, "session-service");
    var container = session.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example.com/voxmesh/session-service:0.1.0");
    assertThat(container.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("VOXMESH_TLS_CERT"));
    assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/voxmesh/tls"));
    assertThat(session.getSpec().getReplicas()).as("the HPA owns the count").isNull();
    assertThat(deployment(objects, "transcript-service").getSpec().getReplicas()).isEqualTo(4);
    assertThat(one(objects, KafkaNodePool.class).getSpec().getReplicas()).isEqualTo(3);
  }

  static Map<String, Long> kinds(List<HasMetadata> objects) {
    return objects.stream().collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
  }

  static Deployment deployment(List<HasMetadata> objects, String name) {
    return of(objects, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow();
  }

  static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> all = of(objects, type);
    assertThat(all).hasSize(1);
    return all.get(0);
  }
}
