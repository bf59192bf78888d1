package org.voxmesh.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voxmesh.deploy.kustomize.Kustomize;

/**
 * Renders a kustomization, parses it into typed models and applies every project rule. Each rule family lives in
 * its own class: {@link NamingRules}, {@link WorkloadRules}, {@link LifecycleRules}, {@link ClusterRules},
 * {@link KafkaRules}; parse-level problems (type errors, unknown fields, Strimzi v1 fields) come from
 * {@link Manifests}.
 */
public final class DeployValidator {

  private DeployValidator() {}

  /** The typed objects of a render and everything wrong with them. */
  public record Report(List<HasMetadata> objects, List<Violation> violations) {

    /** All violations, one per line, for assertion messages. */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      violations.forEach(v -> sb.append("\n  ").append(v));
      return sb.toString();
    }
  }

  public static Report validate(Path kustomization, ProjectFacts facts) {
    return validate(Kustomize.render(kustomization), facts);
  }

  public static Report validate(List<Map<String, Object>> rendered, ProjectFacts facts) {
    Manifests.Parsed parsed = Manifests.parse(rendered);
    List<Violation> violations = new ArrayList<>(parsed.violations());
    Cluster cluster = new Cluster(parsed.objects());
    NamingRules.check(cluster, violations);
    WorkloadRules.check(cluster, facts, violations);
    ClusterRules.check(cluster, facts, violations);
    KafkaRules.check(cluster, facts, violations);
    return new Report(parsed.objects(), List.copyOf(violations));
  }
}
