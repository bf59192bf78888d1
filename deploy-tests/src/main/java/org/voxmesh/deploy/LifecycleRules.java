package org.voxmesh.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** A container's probes (handlers, ports, HTTP paths the module serves) and its drain contract. */
final class LifecycleRules {

  private LifecycleRules() {}

  static void probes(Container c, ContainerEnv env, ProjectFacts facts, Consumer<String> r) {
    Map<String, Probe> probes = new java.util.LinkedHashMap<>();
    probes.put("startupProbe", c.getStartupProbe());
    probes.put("livenessProbe", c.getLivenessProbe());
    probes.put("readinessProbe", c.getReadinessProbe());
    Set<String> paths = facts.httpGetPaths(c.getName());
    String httpPort = env.get("VOXMESH_HTTP_PORT");
    if (httpPort != null && !httpPort.matches("\\d{1,5}")) {
      r.accept("VOXMESH_HTTP_PORT '" + httpPort + "' is not a port number");
      httpPort = null;
    }
    if (httpPort != null && WorkloadRules.port(c, new IntOrString(Integer.parseInt(httpPort))) == null) {
      r.accept("VOXMESH_HTTP_PORT " + httpPort + " is not a declared containerPort");
    }
    String listenPort = httpPort;
    String configuredOps = env.get("VOXMESH_OPS_PORT");
    if (configuredOps != null && !configuredOps.matches("\\d{1,5}")) {
      r.accept("VOXMESH_OPS_PORT '" + configuredOps + "' is not a port number");
      configuredOps = null;
    }
    String opsPort = configuredOps;
    Integer opsPortNumber = opsPort == null ? null : Integer.valueOf(opsPort);
    probes.forEach((kind, p) -> {
      if (p == null) {
        r.accept("has no " + kind);
        return;
      }
      int handlers = (p.getHttpGet() != null ? 1 : 0) + (p.getTcpSocket() != null ? 1 : 0)
          + (p.getGrpc() != null ? 1 : 0) + (p.getExec() != null ? 1 : 0);
      if (handlers != 1) {
        r.accept(kind + " must have exactly one handler, has " + handlers);
      }
      if (p.getHttpGet() != null) {
        ContainerPort target = WorkloadRules.port(c, p.getHttpGet().getPort());
        boolean onOpsPort = target != null && opsPortNumber != null && opsPortNumber.equals(target.getContainerPort());
        if (target == null) {
          r.accept(kind + " targets port " + WorkloadRules.show(p.getHttpGet().getPort()) + ", which the container does not declare");
        } else if (!onOpsPort && listenPort != null && target.getContainerPort() != Integer.parseInt(listenPort)) {
          r.accept(kind + " targets port " + target.getContainerPort() + ", but the service listens on VOXMESH_HTTP_PORT "
              + listenPort + (opsPort == null ? "" : " and the operations port VOXMESH_OPS_PORT " + opsPort));
        }
        // Which routes answer depends on the port: nothing more to say about an undeclared one.
        Set<String> served = target == null ? null : onOpsPort ? facts.opsPaths() : paths;
        String path = p.getHttpGet().getPath();
        if (served != null && served.isEmpty()) {
          r.accept(kind + " is an HTTP probe, but module " + c.getName() + " serves no HTTP routes; use tcpSocket"
              + " or the operations port (VOXMESH_OPS_PORT)");
        } else if (served != null && !served.contains(path)) {
          r.accept(kind + " path " + path + " is not a GET route of " + (onOpsPort ? "the operations port " : c.getName() + " ")
              + served);
        }
      }
      if (p.getTcpSocket() != null && WorkloadRules.port(c, p.getTcpSocket().getPort()) == null) {
        r.accept(kind + " targets port " + WorkloadRules.show(p.getTcpSocket().getPort()) + ", which the container does not declare");
      }
      if (p.getGrpc() != null && WorkloadRules.port(c, new IntOrString(p.getGrpc().getPort())) == null) {
        r.accept(kind + " targets port " + p.getGrpc().getPort() + ", which the container does not declare");
      }
    });
  }

  /** The drain contract: terminationGracePeriodSeconds > preStop pause + VOXMESH_DRAIN_SECONDS. */
  static void shutdown(PodSpec pod, Container c, ContainerEnv env, Consumer<String> r) {
    var preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
    if (preStop == null) {
      r.accept("has no preStop hook (it must pause so endpoints are removed before SIGTERM starts the drain)");
    }
    long pause = 0;
    if (preStop != null && preStop.getSleep() != null && preStop.getSleep().getSeconds() != null) {
      pause = preStop.getSleep().getSeconds();
    } else if (preStop != null && preStop.getExec() != null && preStop.getExec().getCommand() != null) {
      List<String> cmd = preStop.getExec().getCommand();
      if (cmd.size() == 2 && cmd.get(0).matches("(/usr)?(/bin/)?sleep") && cmd.get(1).matches("\\d+")) {
        pause = Long.parseLong(cmd.get(1));
      }
    }
    String drain = env.get("VOXMESH_DRAIN_SECONDS");
    if (drain == null) {
      r.accept("VOXMESH_DRAIN_SECONDS is not set");
      return;
    }
    if (!drain.matches("\\d+")) {
      r.accept("VOXMESH_DRAIN_SECONDS '" + drain + "' is not a whole number of seconds");
      return;
    }
    long grace = pod.getTerminationGracePeriodSeconds() == null ? 30 : pod.getTerminationGracePeriodSeconds();
    if (grace <= pause + Long.parseLong(drain)) {
      r.accept("terminationGracePeriodSeconds " + grace + " must exceed the preStop pause " + pause
          + " s + VOXMESH_DRAIN_SECONDS " + drain + " s");
    }
  }
}
