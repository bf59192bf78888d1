package org.voxmesh.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The API server's syntax checks that typed parsing does not do: object names, label keys and values, port names. */
final class NamingRules {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN = Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  private NamingRules() {}

  static void check(Cluster cluster, List<Violation> out) {
    for (HasMetadata o : cluster.all) {
      String id = Manifests.id(o);
      String name = o.getMetadata().getName();
      boolean ok = o instanceof Service ? name.length() <= 63 && DNS_1035.matcher(name).matches()
          : name.length() <= 253 && SUBDOMAIN.matcher(name).matches();
      if (!ok) {
        out.add(new Violation(id, "metadata.name '" + name + "' is not a valid " + (o instanceof Service
            ? "DNS-1035 label" : "DNS-1123 subdomain")));
      }
      String ns = o.getMetadata().getNamespace();
      if (ns != null && !(ns.length() <= 63 && DNS_LABEL.matcher(ns).matches())) {
        out.add(new Violation(id, "namespace '" + ns + "' is not a valid DNS-1123 label"));
      }
      labels(id, "metadata.labels", o.getMetadata().getLabels(), out);
    }
    for (Deployment d : cluster.deployments) {
      String id = Manifests.id(d);
      labels(id, "pod labels", Cluster.podLabels(d), out);
      if (d.getSpec().getSelector() != null) {
        labels(id, "selector", d.getSpec().getSelector().getMatchLabels(), out);
      }
      Set<String> names = new HashSet<>();
      Set<Integer> numbers = new HashSet<>();
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        if (c.getName() == null || c.getName().length() > 63 || !DNS_LABEL.matcher(c.getName()).matches()) {
          out.add(new Violation(id, "container name '" + c.getName() + "' is not a valid DNS-1123 label"));
        }
        for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
          if (p.getName() != null) {
            portName(id, p.getName(), out);
            if (!names.add(p.getName())) {
              out.add(new Violation(id, "port name " + p.getName() + " is declared twice in the pod"));
            }
          }
          if (p.getContainerPort() == null || p.getContainerPort() < 1 || p.getContainerPort() > 65535) {
            out.add(new Violation(id, "containerPort " + p.getContainerPort() + " is out of range"));
          } else if (!numbers.add(p.getContainerPort())) {
            out.add(new Violation(id, "containerPort " + p.getContainerPort() + " is declared twice in the pod"));
          }
        }
      }
    }
    for (Service s : cluster.services) {
      labels(Manifests.id(s), "selector", s.getSpec().getSelector(), out);
      for (ServicePort p : s.getSpec().getPorts() == null ? List.<ServicePort>of() : s.getSpec().getPorts()) {
        if (p.getName() != null) {
          portName(Manifests.id(s), p.getName(), out);
        }
      }
    }
  }

  private static void portName(String id, String name, List<Violation> out) {
    if (name.length() > 15 || !PORT_NAME.matcher(name).matches() || name.contains("--") || !name.matches(".*[a-z].*")) {
      out.add(new Violation(id, "port name '" + name + "' is not an IANA service name (<= 15 of a-z0-9-, one letter)"));
    }
  }

  private static void labels(String id, String where, Map<String, String> labels, List<Violation> out) {
    if (labels == null) {
      return;
    }
    labels.forEach((key, value) -> {
      int slash = key.indexOf('/');
      String prefix = slash < 0 ? null : key.substring(0, slash);
      String name = slash < 0 ? key : key.substring(slash + 1);
      boolean keyOk = name.length() <= 63 && LABEL_NAME.matcher(name).matches()
          && (prefix == null || prefix.length() <= 253 && SUBDOMAIN.matcher(prefix).matches());
      if (!keyOk) {
        out.add(new Violation(id, where + ": '" + key + "' is not a valid label key"));
      }
      if (value == null || value.length() > 63 || !value.isEmpty() && !LABEL_NAME.matcher(value).matches()) {
        out.add(new Violation(id, where + ": value '" + value + "' of " + key + " is not a valid label value"));
      }
    });
  }
}
