package org.voxmesh.bench.mesh;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxmesh.runtime.Node;
import org.voxmesh.runtime.config.Settings;

/**
 * This benchmark JVM as a member of a Voxmesh cluster, built by the real {@link Node} from
 * {@code cluster.*} settings, plus the settings that make a child JVM join the same cluster. It records
 * when each member joined (Hazelcast membership events, System.nanoTime).
 */
final class ClusterMember implements AutoCloseable {

  final String clusterName;
  final int port;
  final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final List<Long> joins = Collections.synchronizedList(new ArrayList<>());

  private ClusterMember(String clusterName, int port, Vertx vertx, HazelcastInstance hazelcast) {
    this.clusterName = clusterName;
    this.port = port;
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        joins.add(System.nanoTime());
      }

      @Override
      public void memberRemoved(MembershipEvent e) {}
    });
  }

  static ClusterMember start(String clusterName) throws Exception {
    int port = freePort();
    Vertx vertx = BusHop.await(Node.start(Settings.of(Map.of(
        "cluster.members", "127.0.0.1:" + port,
        "cluster.port", Integer.toString(port),
        "cluster.name", clusterName))));
    HazelcastInstance hz = Hazelcast.getAllHazelcastInstances().stream()
        .filter(h -> h.getConfig().getClusterName().equals(clusterName)).findFirst().orElseThrow();
    return new ClusterMember(clusterName, port, vertx, hz);
  }

  /** Settings for a child JVM that joins this cluster on {@code childPort} (TCP-IP join, as VOXMESH_CLUSTER_MEMBERS). */
  Map<String, String> childSettings(int childPort) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("cluster.members", "127.0.0.1:" + port + ",127.0.0.1:" + childPort);
    s.put("cluster.port", Integer.toString(childPort));
    s.put("cluster.name", clusterName);
    return s;
  }

  int members() {
    return hazelcast.getCluster().getMembers().size();
  }

  /** Join times (System.nanoTime) of members seen since {@code sinceNanos}, in order. */
  List<Long> joinsSince(long sinceNanos) {
    synchronized (joins) {
      return joins.stream().filter(t -> t >= sinceNanos).sorted().toList();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    BusHop.await(vertx.close());
  }
}
