package org.voxmesh.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.deploy.Renders.at;
import static org.voxmesh.deploy.Renders.find;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voxmesh.deploy.kustomize.Kustomize;
import org.voxmesh.deploy.kustomize.YamlDocs;

/**
 * Each test breaks one thing in a copy of the rendered dev overlay and checks that the validator names it. The
 * unbroken copy has no violation (OverlaysTest), so each message below is caused by the one change.
 */
@DisplayName("The validator catches broken manifests")
class ValidatorNegativeTest {

  static List<Map<String, Object>> dev;

  @BeforeAll
  static void render() {
    dev = Kustomize.render(OverlaysTest.ROOT.resolve("deploy/overlays/dev"));
  }

  /** Violations of a copy of the dev render after {@code change}, as strings. */
  static List<String> violationsAfter(Consumer<List<Map<String, Object>>> change) {
    List<Map<String, Object>> copy = new ArrayList<>();
    dev.forEach(d -> copy.add(YamlDocs.deepCopy(d)));
    change.accept(copy);
    return DeployValidator.validate(copy, OverlaysTest.FACTS).violations().stream().map(Violation::toString).toList();
  }

  static Map<String, Object> container(List<Map<String, Object>> docs, String deployment) {
    return at(find(docs, "Deployment", deployment), "spec", "template", "spec", "containers", 0);
  }

  static Map<String, Object> podSpec(List<Map<String, Object>> docs, String deployment) {
    return at(find(docs, "Deployment", deployment), "spec", "template", "spec");
  }

  static List<Map<String, Object>> env(List<Map<String, Object>> docs, String deployment) {
    return at(container(docs, deployment), "env");
  }

  @Test
  @DisplayName("a typo'd container field (imagePulPolicy) is an unknown field with its path")
  void typoInContainer() {
    assertThat(violationsAfter(docs -> container(docs, "session-service").put("imagePulPolicy", "Always")))
        .containsExactly("Deployment voxmesh-dev/session-service: unknown field "
            + "spec.template.spec.containers[0].imagePulPolicy");
  }

  @Test
  @DisplayName("a typo'd spec field (replica) is an unknown field")
  void typoInSpec() {
    assertThat(violationsAfter(docs -> put(at(find(docs, "Deployment", "transcript-service"), "spec"), "replica", 2)))
        .containsExactly("Deployment voxmesh-dev/transcript-service: unknown field spec.replica");
  }

  @Test
  @DisplayName("a value of the wrong type fails the typed parse")
  void wrongType() {
    assertThat(violationsAfter(docs -> put(at(find(docs, "Deployment", "transcript-service"), "spec"), "replicas", "two")))
        .singleElement().asString().startsWith("Deployment voxmesh-dev/transcript-service: does not parse");
  }

  @Test
  @DisplayName("a typo'd Strimzi field (KafkaTopic replicationFactor) is an unknown field")
  void strimziTypo() {
    assertThat(violationsAfter(docs -> {
      Map<String, Object> spec = at(find(docs, "KafkaTopic", "voxmesh.transcripts.v1"), "spec");
      spec.put("replicationFactor", spec.remove("replicas"));
    })).contains("KafkaTopic voxmesh-dev/voxmesh.transcripts.v1: unknown field spec.replicationFactor",
        "KafkaTopic voxmesh-dev/voxmesh.transcripts.v1: needs spec.replicas >= 1");
  }

  @Test
  @DisplayName("a field that only Strimzi's v1beta2 API has is refused in a v1 resource")
  void strimziV1beta2Field() {
    assertThat(violationsAfter(docs -> put(at(find(docs, "Kafka", "voxmesh-kafka"), "spec", "kafka"), "replicas", 3)))
        .containsExactly("Kafka voxmesh-dev/voxmesh-kafka: spec.kafka.replicas is not part of kafka.strimzi.io/v1"
            + " (present in v1beta2)");
  }

  @Test
  @DisplayName("a Strimzi resource in an API version other than v1 has no typed model")
  void strimziOtherVersion() {
    assertThat(violationsAfter(docs -> find(docs, "KafkaTopic", "voxmesh.audio-in.v1").put("apiVersion",
        "kafka.strimzi.io/v1beta2")))
        // voxmesh.audio-in.v1 is a required topic (Topics.java), so its unreadable resource also counts as missing.
        .filteredOn(v -> !v.toString().endsWith("(Topics.java) has no KafkaTopic resource"))
        .singleElement().asString().startsWith("KafkaTopic voxmesh-dev/voxmesh.audio-in.v1: no typed model for"
            + " apiVersion kafka.strimzi.io/v1beta2 kind KafkaTopic (known: Deployment, StatefulSet,");
  }

  @Test
  @DisplayName("a Deployment selector that does not match its pod labels")
  void selectorMismatch() {
    assertThat(violationsAfter(docs -> put(at(find(docs, "Deployment", "audio-ingest-service"), "spec", "selector",
        "matchLabels"), "app.kubernetes.io/name", "audio-ingest")))
        .contains("Deployment voxmesh-dev/audio-ingest-service: selector does not match the pod template: selector has"
            + " app.kubernetes.io/name=audio-ingest, pod labels have app.kubernetes.io/name=audio-ingest-service");
  }

  @Test
  @DisplayName("a container without a memory limit")
  void missingMemoryLimit() {
    assertThat(violationsAfter(docs -> ((Map<?, ?>) at(container(docs, "webhook-service"), "resources", "limits"))
        .remove("memory")))
        .containsExactly("Deployment voxmesh-dev/webhook-service: container webhook-service: has no memory limit"
            + " (resources.limits.memory)");
  }

  @Test
  @DisplayName("a $(VAR) used before the variable is defined")
  void envReferenceOrder() {
    assertThat(violationsAfter(docs -> {
      List<Map<String, Object>> env = env(docs, "transcript-service");
      env.add(0, env.remove(2)); // VOXMESH_CLUSTER_HOST=$(POD_IP) before POD_IP
    })).contains("Deployment voxmesh-dev/transcript-service: container transcript-service: env VOXMESH_CLUSTER_HOST"
        + " refers to $(POD_IP), which is not defined before it");
  }

  @Test
  @DisplayName("a grace period that does not cover the preStop pause and the drain")
  void gracePeriod() {
    assertThat(violationsAfter(docs -> podSpec(docs, "session-service").put("terminationGracePeriodSeconds", 15)))
        .containsExactly("Deployment voxmesh-dev/session-service: container session-service: "
            + "terminationGracePeriodSeconds 15 must exceed the preStop pause 5 s + VOXMESH_DRAIN_SECONDS 10 s");
  }

  @Test
  @DisplayName("probes at an undeclared port or at a path the service does not serve")
  void probes() {
    assertThat(violationsAfter(docs -> {
      put(at(container(docs, "session-service"), "readinessProbe", "httpGet"), "path", "/healthz");
      put(at(container(docs, "audio-ingest-service"), "livenessProbe", "httpGet"), "port", "opz");
      put(at(container(docs, "transcript-service"), "readinessProbe", "httpGet"), "path", "/healthz");
    })).containsExactlyInAnyOrder(
        "Deployment voxmesh-dev/session-service: container session-service: readinessProbe path /healthz is not a GET"
            + " route of session-service [/v1/realtime, /health/live, /health/ready]",
        "Deployment voxmesh-dev/audio-ingest-service: container audio-ingest-service: livenessProbe targets port"
            + " opz, which the container does not declare",
        "Deployment voxmesh-dev/transcript-service: container transcript-service: readinessProbe path /healthz is not a"
            + " GET route of the operations port [/metrics, /health/live, /health/ready]");
  }

  @Test
  @DisplayName("an HTTP probe on a service that has no HTTP endpoint")
  void httpProbeWithoutHttp() {
    assertThat(violationsAfter(docs -> {
      put(at(container(docs, "transcript-service"), "readinessProbe", "httpGet"), "port", "hazelcast");
    })).containsExactly("Deployment voxmesh-dev/transcript-service: container transcript-service: readinessProbe is"
        + " an HTTP probe, but module transcript-service serves no HTTP routes; use tcpSocket or the operations port"
        + " (VOXMESH_OPS_PORT)");
  }

  @Test
  @DisplayName("a pod the headless Hazelcast Service does not select (and so no budget covers)")
  void headlessServiceMissesPod() {
    List<String> v = violationsAfter(docs -> ((Map<?, ?>) at(find(docs, "Deployment", "webhook-service"),
        "spec", "template", "metadata", "labels")).remove("voxmesh/hazelcast-member"));
    assertThat(v).contains("Service voxmesh-dev/voxmesh-hazelcast: does not select the pods of Deployment"
        + " voxmesh-dev/webhook-service (selector {app.kubernetes.io/part-of=voxmesh, voxmesh/hazelcast-member=true},"
        + " pod labels {app.kubernetes.io/component=webhooks, app.kubernetes.io/instance=voxmesh-dev,"
        + " app.kubernetes.io/name=webhook-service, app.kubernetes.io/part-of=voxmesh})",
        "Deployment voxmesh-dev/webhook-service: no PodDisruptionBudget covers its pods");
  }

  @Test
  @DisplayName("a PodDisruptionBudget and an autoscaler that target nothing")
  void budgetAndAutoscalerTargets() {
    assertThat(violationsAfter(docs -> {
      put(at(find(docs, "PodDisruptionBudget", "voxmesh-hazelcast-members"), "spec", "selector", "matchLabels"),
          "app.kubernetes.io/part-of", "voxmash");
      put(at(find(docs, "HorizontalPodAutoscaler", "session-service"), "spec", "scaleTargetRef"), "name", "session");
    })).contains(
        "PodDisruptionBudget voxmesh-dev/voxmesh-hazelcast-members: selector {app.kubernetes.io/part-of=voxmash,"
            + " voxmesh/hazelcast-member=true} matches no Deployment's pods",
        "HorizontalPodAutoscaler voxmesh-dev/session-service: targets Deployment session, which is not in the manifests");
  }

  @Test
  @DisplayName("a fixed replica count on a Deployment the autoscaler owns")
  void replicasUnderAutoscaler() {
    assertThat(violationsAfter(docs -> put(at(find(docs, "Deployment", "session-service"), "spec"), "replicas", 2)))
        .containsExactly("Deployment voxmesh-dev/session-service: sets spec.replicas although HorizontalPodAutoscaler"
            + " voxmesh-dev/session-service scales it (every apply would reset the scale)");
  }

  @Test
  @DisplayName("a topic from Topics.java without a KafkaTopic, and a topic with more replicas than brokers")
  void topics() {
    assertThat(violationsAfter(docs -> {
      docs.remove(find(docs, "KafkaTopic", "voxmesh.webhooks.dlq.v1"));
      put(at(find(docs, "KafkaTopic", "voxmesh.session-events.v1"), "spec"), "replicas", 3);
    })).containsExactlyInAnyOrder(
        "KafkaTopic voxmesh.webhooks.dlq.v1: topic voxmesh.webhooks.dlq.v1 (Topics.java) has no KafkaTopic resource",
        "KafkaTopic voxmesh-dev/voxmesh.session-events.v1: replicas 3 exceed the 1 broker(s) of voxmesh-kafka");
  }

  @Test
  @DisplayName("more PocketSphinx decoders than the transcript-service memory limit holds")
  void decodersOutgrowMemory() {
    assertThat(violationsAfter(docs -> env(docs, "transcript-service").stream()
        .filter(e -> e.get("name").equals("VOXMESH_ASR_MAX_DECODERS")).forEach(e -> e.put("value", "16"))))
        .containsExactly("Deployment voxmesh-dev/transcript-service: container transcript-service: memory limit 1536Mi"
            + " is below -Xmx256m + 256Mi non-heap + 16 PocketSphinx decoders x 100Mi = 2112Mi");
  }

  @Test
  @DisplayName("a Secret that is neither rendered nor a documented prerequisite, and a wrong Kafka bootstrap")
  void secretAndBootstrap() {
    assertThat(violationsAfter(docs -> {
      env(docs, "session-service").stream().filter(e -> e.get("name").equals("VOXMESH_API_KEYS"))
          .forEach(e -> put(at(e, "valueFrom", "secretKeyRef"), "name", "voxmesh-api-key"));
      put(at(find(docs, "ConfigMap", at(container(docs, "session-service"), "envFrom", 0, "configMapRef", "name")),
          "data"), "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
    })).contains("Deployment voxmesh-dev/session-service: container session-service: env VOXMESH_API_KEYS: Secret"
            + " voxmesh-api-key key api-keys is neither in the manifests nor a documented prerequisite",
        "Deployment voxmesh-dev/transcript-service: container transcript-service: KAFKA_BOOTSTRAP_SERVERS entry"
            + " kafka:9092 is not <kafka>-kafka-bootstrap:<listener port> of a Kafka in namespace voxmesh-dev");
  }

  @SuppressWarnings("unchecked")
  static Object put(Object map, String key, Object value) {
    return ((Map<String, Object>) map).put(key, value);
  }
}
