package org.voxmesh.runtime;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import org.voxmesh.bus.BusRecordCodec;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.runtime.ops.Telemetry;

/**
 * Builds the {@link Vertx} a service runs on: standalone, or a member of the Hazelcast-clustered
 * event bus when {@code cluster.members} (VOXMESH_CLUSTER_MEMBERS) lists peers. Either way the bus
 * codec is installed, so the same verticles run in one JVM or across many.
 *
 * <p>On Kubernetes, {@code cluster.kubernetes.service.dns} (VOXMESH_CLUSTER_KUBERNETES_SERVICE_DNS) names a
 * headless Service instead: members are the addresses its DNS name resolves to (Hazelcast's Kubernetes
 * discovery in DNS-lookup mode, which needs no API access), and {@code cluster.host} is the pod IP.
 */
public final class Node {

  private Node() {}

  public static Future<Vertx> start(Settings settings) {
    List<String> members = settings.list("cluster.members");
    String serviceDns = settings.stringOrNull("cluster.kubernetes.service.dns");
    if (serviceDns != null && !members.isEmpty()) {
      throw new Settings.ConfigException("invalid configuration cluster.members (VOXMESH_CLUSTER_MEMBERS) and "
          + "cluster.kubernetes.service.dns (VOXMESH_CLUSTER_KUBERNETES_SERVICE_DNS): set one or the other");
    }
    if (members.isEmpty() && serviceDns == null && !settings.bool("cluster.enabled", false)) {
      Telemetry.Instrumented standalone = Telemetry.instrument(new VertxOptions());
      return Future.succeededFuture(withCodec(standalone.attach(standalone.builder().build())));
    }
    String host = settings.string("cluster.host", "127.0.0.1");
    Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setClusterName(settings.string("cluster.name", "voxmesh"));
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.socket.bind.any", "false"); // otherwise it binds *:5701
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    hazelcast.setProperty("hazelcast.wait.seconds.before.join", settings.string("cluster.join.wait.seconds", "1"));
    hazelcast.setProperty("hazelcast.tcp.join.port.try.count", "20"); // members given without a port
    hazelcast.setProperty("hazelcast.max.no.heartbeat.seconds", settings.string("cluster.heartbeat.timeout.seconds", "15"));
    NetworkConfig network = hazelcast.getNetworkConfig();
    int port = settings.integer("cluster.port", 5701, 1, 65535);
    network.setPort(port).setPortAutoIncrement(true).setPortCount(20);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (serviceDns != null) {
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", serviceDns)
          .setProperty("service-dns-timeout",
              Integer.toString(settings.integer("cluster.kubernetes.service.dns.timeout.seconds", 5, 1, 300)))
          .setProperty("service-port", Integer.toString(port));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty() ? List.of(host) : members);
    }
    VertxOptions options = new VertxOptions()
        .setEventBusOptions(new EventBusOptions().setHost(host).setPort(settings.integer("cluster.bus.port", 0, 0, 65535)));
    Telemetry.Instrumented clustered = Telemetry.instrument(options);
    return clustered.builder().withClusterManager(new HazelcastClusterManager(hazelcast))
        .buildClustered()
        .map(clustered::attach)
        .map(Node::withCodec);
  }

  private static Vertx withCodec(Vertx vertx) {
    BusRecordCodec.install(vertx.eventBus());
    return vertx;
  }
}
