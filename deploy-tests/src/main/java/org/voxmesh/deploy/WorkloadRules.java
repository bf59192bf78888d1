package org.voxmesh.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for each Deployment and its containers: selector vs pod labels, resources, image, environment, volumes, JVM
 * memory sizing and the security context; probes and shutdown are in {@link LifecycleRules}.
 */
final class WorkloadRules {

  static final BigDecimal MI = BigDecimal.valueOf(1024L * 1024);
  /** JVM memory outside the heap (metaspace, threads, Netty direct buffers): measured RSS 220–245 MB at -Xmx256m. */
  static final BigDecimal JVM_NON_HEAP = MI.multiply(BigDecimal.valueOf(256));
  /** Native memory of one PocketSphinx decoder (en-us model), measured ~100 MB. */
  static final BigDecimal POCKETSPHINX_DECODER = MI.multiply(BigDecimal.valueOf(100));
  private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");

  private WorkloadRules() {}

  static void check(Cluster cluster, ProjectFacts facts, List<Violation> out) {
    for (Deployment d : cluster.deployments) {
      String id = Manifests.id(d);
      Consumer<String> report = m -> out.add(new Violation(id, m));
      selector(d, report);
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      if (pod == null || pod.getContainers() == null || pod.getContainers().isEmpty()) {
        report.accept("has no containers");
        continue;
      }
      if (pod.getInitContainers() != null && !pod.getInitContainers().isEmpty()) {
        report.accept("init containers are not covered by these rules; extend WorkloadRules first");
      }
      boolean podNonRoot = pod.getSecurityContext() != null && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
      for (Container c : pod.getContainers()) {
        Consumer<String> r = m -> report.accept("container " + c.getName() + ": " + m);
        ContainerEnv env = ContainerEnv.of(cluster, facts, d, c);
        env.problems.forEach(r);
        resources(c, r);
        image(c, r);
        LifecycleRules.probes(c, env, facts, r);
        LifecycleRules.shutdown(pod, c, env, r);
        volumes(cluster, facts, d, pod, c, env, r);
        memory(c, env, facts, r);
        boolean nonRoot = podNonRoot || c.getSecurityContext() != null
            && Boolean.TRUE.equals(c.getSecurityContext().getRunAsNonRoot());
        if (!nonRoot) {
          r.accept("must run as non-root (runAsNonRoot: true)");
        }
        if (c.getSecurityContext() == null || !Boolean.FALSE.equals(c.getSecurityContext().getAllowPrivilegeEscalation())) {
          r.accept("must set allowPrivilegeEscalation: false");
        }
      }
    }
  }

  private static void selector(Deployment d, Consumer<String> report) {
    var selector = d.getSpec().getSelector();
    if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
      report.accept("spec.selector.matchLabels is empty");
      return;
    }
    if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
      report.accept("spec.selector uses matchExpressions; this project selects with matchLabels only");
    }
    Map<String, String> labels = Cluster.podLabels(d);
    selector.getMatchLabels().forEach((k, v) -> {
      if (!Objects.equals(labels.get(k), v)) {
        report.accept("selector does not match the pod template: selector has " + k + "=" + v + ", pod labels have "
            + (labels.containsKey(k) ? k + "=" + labels.get(k) : "no " + k));
      }
    });
  }

  private static void resources(Container c, Consumer<String> r) {
    var res = c.getResources();
    Map<String, Quantity> requests = res == null || res.getRequests() == null ? Map.of() : res.getRequests();
    Map<String, Quantity> limits = res == null || res.getLimits() == null ? Map.of() : res.getLimits();
    for (Map.Entry<String, Quantity> q : concat(requests, limits)) {
      try {
        bytes(q.getValue());
      } catch (RuntimeException e) {
        r.accept("resources: " + q.getKey() + " '" + q.getValue() + "' is not a valid quantity");
        return;
      }
    }
    if (!limits.containsKey("memory")) {
      r.accept("has no memory limit (resources.limits.memory)");
    }
    for (String resource : List.of("cpu", "memory")) {
      if (!requests.containsKey(resource)) {
        r.accept("has no " + resource + " request (resources.requests." + resource + ")");
      }
    }
    if (requests.containsKey("memory") && limits.containsKey("memory")
        && bytes(requests.get("memory")).compareTo(bytes(limits.get("memory"))) > 0) {
      r.accept("memory request " + requests.get("memory") + " exceeds its limit " + limits.get("memory"));
    }
  }

  private static List<Map.Entry<String, Quantity>> concat(Map<String, Quantity> a, Map<String, Quantity> b) {
    List<Map.Entry<String, Quantity>> all = new java.util.ArrayList<>(a.entrySet());
    all.addAll(b.entrySet());
    return all;
  }

  private static void image(Container c, Consumer<String> r) {
    String image = c.getImage();
    if (image == null || image.isBlank()) {
      r.accept("has no image");
      return;
    }
    int slash = image.lastIndexOf('/');
    boolean digest = image.contains("@");
    int colon = image.lastIndexOf(':');
    if (!digest && (colon < slash || colon < 0)) {
      r.accept("image " + image + " has no tag");
    } else if (!digest && image.endsWith(":latest")) {
      r.accept("image " + image + " uses the tag latest");
    }
  }

  private static void volumes(Cluster cluster, ProjectFacts facts, Deployment d, PodSpec pod, Container c,
      ContainerEnv env, Consumer<String> r) {
    Map<String, Volume> volumes = new HashMap<>();
    for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
      volumes.put(v.getName(), v);
      if (v.getSecret() != null && !Boolean.TRUE.equals(v.getSecret().getOptional())
          && cluster.secretKeys(d, v.getSecret().getSecretName(), facts) == null) {
        r.accept("volume " + v.getName() + ": Secret " + v.getSecret().getSecretName()
            + " is neither in the manifests nor a documented prerequisite");
      }
      if (v.getConfigMap() != null && !Boolean.TRUE.equals(v.getConfigMap().getOptional())
          && cluster.configMap(d, v.getConfigMap().getName()).isEmpty()) {
        r.accept("volume " + v.getName() + ": ConfigMap " + v.getConfigMap().getName() + " is not in the manifests");
      }
    }
    List<VolumeMount> mounts = c.getVolumeMounts() == null ? List.of() : c.getVolumeMounts();
    for (VolumeMount m : mounts) {
      if (!volumes.containsKey(m.getName())) {
        r.accept("mounts volume " + m.getName() + ", which the pod does not declare");
      }
    }
    boolean readOnlyRoot = c.getSecurityContext() != null
        && Boolean.TRUE.equals(c.getSecurityContext().getReadOnlyRootFilesystem());
    if (readOnlyRoot) {
      if (!mounted(mounts, "/tmp")) {
        r.accept("has a read-only root filesystem but no volume at /tmp (JNA and ONNX Runtime unpack native"
            + " libraries there)");
      }
      String dataDir = env.get("VOXMESH_DATA_DIR");
      if (dataDir != null && facts.moduleReads(c.getName(), "data.dir") && !mounted(mounts, dataDir)) {
        r.accept("has a read-only root filesystem but no volume at VOXMESH_DATA_DIR " + dataDir);
      }
    }
  }

  private static boolean mounted(List<VolumeMount> mounts, String path) {
    return mounts.stream().anyMatch(m -> !Boolean.TRUE.equals(m.getReadOnly())
        && (path.equals(m.getMountPath()) || path.startsWith(m.getMountPath().endsWith("/")
        ? m.getMountPath() : m.getMountPath() + "/")));
  }

  /** -Xmx + JVM non-heap (+ 100 MiB per PocketSphinx decoder where the module runs them) must fit the limit. */
  private static void memory(Container c, ContainerEnv env, ProjectFacts facts, Consumer<String> r) {
    String options = env.get("JAVA_TOOL_OPTIONS");
    Matcher m = options == null ? null : XMX.matcher(options);
    if (m == null || !m.find()) {
      r.accept("JAVA_TOOL_OPTIONS sets no -Xmx (the default heap follows the node, not the container limit)");
      return;
    }
    Quantity limit = c.getResources() == null || c.getResources().getLimits() == null ? null
        : c.getResources().getLimits().get("memory");
    if (limit == null) {
      return;
    }
    BigDecimal heap = BigDecimal.valueOf(Long.parseLong(m.group(1))).multiply(switch (m.group(2).toLowerCase()) {
      case "k" -> BigDecimal.valueOf(1024);
      case "m" -> MI;
      case "g" -> MI.multiply(BigDecimal.valueOf(1024));
      default -> BigDecimal.ONE;
    });
    BigDecimal needed = heap.add(JVM_NON_HEAP);
    String why = "-Xmx" + m.group(1) + m.group(2) + " + " + mib(JVM_NON_HEAP) + " non-heap";
    if (facts.moduleReads(c.getName(), "asr.max.decoders")
        && "pocketsphinx".equals(Objects.requireNonNullElse(env.get("VOXMESH_ASR_ENGINE"), "pocketsphinx"))) {
      String decoders = Objects.requireNonNullElse(env.get("VOXMESH_ASR_MAX_DECODERS"), "8");
      if (!decoders.matches("\\d+")) {
        r.accept("VOXMESH_ASR_MAX_DECODERS '" + decoders + "' is not a number");
        return;
      }
      needed = needed.add(POCKETSPHINX_DECODER.multiply(new BigDecimal(decoders)));
      why += " + " + decoders + " PocketSphinx decoders x 100Mi";
    }
    BigDecimal limitBytes;
    try {
      limitBytes = bytes(limit);
    } catch (RuntimeException e) {
      return; // reported by resources()
    }
    if (limitBytes.compareTo(needed) < 0) {
      r.accept("memory limit " + limit + " is below " + why + " = " + mib(needed));
    }
  }

  static ContainerPort port(Container c, IntOrString ref) {
    if (ref == null || c.getPorts() == null) {
      return null;
    }
    for (ContainerPort p : c.getPorts()) {
      if (ref.getStrVal() != null ? ref.getStrVal().equals(p.getName())
          : ref.getIntVal() != null && ref.getIntVal().equals(p.getContainerPort())) {
        return p;
      }
    }
    return null;
  }

  static String show(IntOrString ref) {
    return ref == null ? "(none)" : ref.getStrVal() != null ? ref.getStrVal() : String.valueOf(ref.getIntVal());
  }

  static BigDecimal bytes(Quantity q) {
    return Quantity.getAmountInBytes(q);
  }

  private static String mib(BigDecimal bytes) {
    return bytes.divide(MI, 0, java.math.RoundingMode.UP) + "Mi";
  }
}
