package org.voxmesh.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules across objects: the Hazelcast headless Service and the cluster settings of every service pod, Services
 * selecting pods that declare their target ports, disruption budgets and the autoscaler pointing at real Deployments.
 */
final class ClusterRules {

  static final String DNS_KEY = "VOXMESH_CLUSTER_KUBERNETES_SERVICE_DNS";

  private ClusterRules() {}

  static void check(Cluster cluster, ProjectFacts facts, List<Violation> out) {
    hazelcast(cluster, facts, out);
    services(cluster, out);
    budgets(cluster, out);
    autoscalers(cluster, out);
  }

  /** Every service pod joins one Hazelcast cluster through a headless Service that selects it. */
  private static void hazelcast(Cluster cluster, ProjectFacts facts, List<Violation> out) {
    Set<String> clusterNames = new TreeSet<>();
    for (Deployment d : cluster.deployments) {
      String id = Manifests.id(d);
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        String who = "container " + c.getName() + ": ";
        ContainerEnv env = ContainerEnv.of(cluster, facts, d, c);
        String dns = env.get(DNS_KEY);
        if (dns == null) {
          out.add(new Violation(id, who + DNS_KEY + " is not set: the pod cannot find the Hazelcast cluster"));
          continue;
        }
        clusterNames.add(String.valueOf(env.get("VOXMESH_CLUSTER_NAME")));
        if (!ContainerEnv.POD_IP.equals(env.get("VOXMESH_CLUSTER_HOST"))) {
          out.add(new Violation(id, who + "VOXMESH_CLUSTER_HOST must be the pod IP (fieldRef status.podIP), is "
              + env.get("VOXMESH_CLUSTER_HOST")));
        }
        String portValue = env.values.getOrDefault("VOXMESH_CLUSTER_PORT", "5701");
        String busPort = env.get("VOXMESH_CLUSTER_BUS_PORT");
        if (!portValue.matches("\\d{1,5}") || busPort != null && !busPort.matches("\\d{1,5}")) {
          out.add(new Violation(id, who + "VOXMESH_CLUSTER_PORT / VOXMESH_CLUSTER_BUS_PORT must be port numbers"));
          continue;
        }
        int port = Integer.parseInt(portValue);
        if (WorkloadRules.port(c, new IntOrString(port)) == null) {
          out.add(new Violation(id, who + "declares no containerPort " + port + " (VOXMESH_CLUSTER_PORT)"));
        }
        if (busPort != null && !busPort.equals("0")
            && WorkloadRules.port(c, new IntOrString(Integer.parseInt(busPort))) == null) {
          out.add(new Violation(id, who + "declares no containerPort " + busPort + " (VOXMESH_CLUSTER_BUS_PORT)"));
        }
        String[] parts = dns.split("\\.");
        String namespace = Cluster.namespace(d).isEmpty() ? "default" : Cluster.namespace(d);
        if (parts.length < 4 || !parts[1].equals(namespace) || !parts[2].equals("svc")) {
          out.add(new Violation(id, who + DNS_KEY + " '" + dns + "' is not <service>." + namespace + ".svc.<domain>"));
          continue;
        }
        Service headless = cluster.services.stream()
            .filter(s -> Cluster.sameNamespace(s, d) && s.getMetadata().getName().equals(parts[0]))
            .findFirst().orElse(null);
        if (headless == null) {
          out.add(new Violation(id, who + DNS_KEY + " names Service " + parts[0] + ", which is not in the manifests"));
          continue;
        }
        String sid = Manifests.id(headless);
        if (!"None".equals(headless.getSpec().getClusterIP())) {
          out.add(new Violation(sid, "must be headless (clusterIP: None): Hazelcast resolves it to pod addresses"));
        }
        if (!Boolean.TRUE.equals(headless.getSpec().getPublishNotReadyAddresses())) {
          out.add(new Violation(sid, "must set publishNotReadyAddresses: true (members meet before they are Ready)"));
        }
        if (!Cluster.selects(headless.getSpec().getSelector(), Cluster.podLabels(d))) {
          out.add(new Violation(sid, "does not select the pods of " + id + " (selector "
              + new java.util.TreeMap<>(headless.getSpec().getSelector()) + ", pod labels "
              + new java.util.TreeMap<>(Cluster.podLabels(d)) + ")"));
        }
        boolean servesPort = headless.getSpec().getPorts() != null && headless.getSpec().getPorts().stream()
            .anyMatch(sp -> sp.getPort() == port && WorkloadRules.port(c, targetPort(sp)) != null
                && WorkloadRules.port(c, targetPort(sp)).getContainerPort() == port);
        if (!servesPort) {
          out.add(new Violation(sid, "has no port " + port + " targeting the Hazelcast port of " + id));
        }
      }
    }
    if (clusterNames.size() > 1) {
      out.add(new Violation("Deployments", "services would form separate Hazelcast clusters: VOXMESH_CLUSTER_NAME "
          + clusterNames));
    }
  }

  private static void services(Cluster cluster, List<Violation> out) {
    for (Service s : cluster.services) {
      Map<String, String> selector = s.getSpec().getSelector();
      if (selector == null || selector.isEmpty()) {
        continue; // a Service without selector is managed by hand; none here
      }
      List<Deployment> selected = cluster.deployments.stream()
          .filter(d -> Cluster.sameNamespace(d, s) && Cluster.selects(selector, Cluster.podLabels(d))).toList();
      if (selected.isEmpty()) {
        out.add(new Violation(Manifests.id(s), "selector " + selector + " matches no Deployment's pods"));
      }
      for (Deployment d : selected) {
        for (ServicePort sp : s.getSpec().getPorts() == null ? List.<ServicePort>of() : s.getSpec().getPorts()) {
          boolean declared = d.getSpec().getTemplate().getSpec().getContainers().stream()
              .anyMatch(c -> WorkloadRules.port(c, targetPort(sp)) != null);
          if (!declared) {
            out.add(new Violation(Manifests.id(s), "port " + sp.getName() + " targets "
                + WorkloadRules.show(targetPort(sp)) + ", which the pods of " + Manifests.id(d) + " do not declare"));
          }
        }
      }
    }
  }

  private static IntOrString targetPort(ServicePort sp) {
    return sp.getTargetPort() != null ? sp.getTargetPort() : new IntOrString(sp.getPort());
  }

  /** Each budget covers some Deployment; no pod sits under two budgets (eviction would fail); every pod is covered. */
  private static void budgets(Cluster cluster, List<Violation> out) {
    for (PodDisruptionBudget b : cluster.budgets) {
      String id = Manifests.id(b);
      if (b.getSpec().getSelector() == null || b.getSpec().getSelector().getMatchExpressions() != null
          && !b.getSpec().getSelector().getMatchExpressions().isEmpty()) {
        out.add(new Violation(id, "needs a matchLabels selector"));
        continue;
      }
      if ((b.getSpec().getMaxUnavailable() == null) == (b.getSpec().getMinAvailable() == null)) {
        out.add(new Violation(id, "needs exactly one of maxUnavailable and minAvailable"));
      }
      boolean any = cluster.deployments.stream()
          .anyMatch(d -> Cluster.sameNamespace(d, b) && Cluster.selects(b.getSpec().getSelector(), Cluster.podLabels(d)));
      if (!any) {
        out.add(new Violation(id, "selector " + b.getSpec().getSelector().getMatchLabels() + " matches no Deployment's pods"));
      }
    }
    if (cluster.budgets.isEmpty()) {
      return;
    }
    for (Deployment d : cluster.deployments) {
      List<String> covering = cluster.budgets.stream()
          .filter(b -> Cluster.sameNamespace(d, b) && Cluster.selects(b.getSpec().getSelector(), Cluster.podLabels(d)))
          .map(b -> b.getMetadata().getName()).toList();
      if (covering.isEmpty()) {
        out.add(new Violation(Manifests.id(d), "no PodDisruptionBudget covers its pods"));
      } else if (covering.size() > 1) {
        out.add(new Violation(Manifests.id(d), "its pods are covered by " + covering.size()
            + " PodDisruptionBudgets " + covering + "; the eviction API refuses such pods"));
      }
    }
  }

  private static void autoscalers(Cluster cluster, List<Violation> out) {
    for (HorizontalPodAutoscaler h : cluster.autoscalers) {
      String id = Manifests.id(h);
      var spec = h.getSpec();
      var ref = spec.getScaleTargetRef();
      if (ref == null || !"Deployment".equals(ref.getKind()) || !"apps/v1".equals(ref.getApiVersion())) {
        out.add(new Violation(id, "must target an apps/v1 Deployment"));
        continue;
      }
      Deployment target = cluster.deployment(h, ref.getName()).orElse(null);
      if (target == null) {
        out.add(new Violation(id, "targets Deployment " + ref.getName() + ", which is not in the manifests"));
        continue;
      }
      int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
      if (min < 1 || spec.getMaxReplicas() == null || spec.getMaxReplicas() < min) {
        out.add(new Violation(id, "needs 1 <= minReplicas (" + min + ") <= maxReplicas (" + spec.getMaxReplicas() + ")"));
      }
      if (target.getSpec().getReplicas() != null) {
        out.add(new Violation(Manifests.id(target), "sets spec.replicas although " + id
            + " scales it (every apply would reset the scale)"));
      }
      for (MetricSpec m : spec.getMetrics() == null ? List.<MetricSpec>of() : spec.getMetrics()) {
        if (m.getResource() == null) {
          continue;
        }
        String resource = m.getResource().getName();
        for (Container c : target.getSpec().getTemplate().getSpec().getContainers()) {
          var requests = c.getResources() == null ? null : c.getResources().getRequests();
          if (requests == null || !requests.containsKey(resource)) {
            out.add(new Violation(id, "scales on " + resource + " but container " + c.getName() + " of "
                + ref.getName() + " requests no " + resource));
          }
        }
      }
    }
  }
}
