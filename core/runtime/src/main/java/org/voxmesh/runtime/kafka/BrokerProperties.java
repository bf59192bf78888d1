package org.voxmesh.runtime.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code server.properties} of a single-node KRaft broker (combined broker + controller) on loopback. */
final class BrokerProperties {

  static final String HOST = "127.0.0.1";

  private BrokerProperties() {}

  static Map<String, String> build(int port, int controllerPort, Path logDir, Map<String, String> overrides) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    // A static quorum: format needs no --standalone and the voter set lives in this file.
    p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    // Bind loopback only, never the wildcard address.
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // One node: every internal topic has a single replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    // The default 50 offsets partitions make the first consumer-group join slow.
    p.put("offsets.topic.num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // The default 128 MB dedupe buffer is allocated on the heap at startup and does not fit in -Xmx128m.
    p.put("log.cleaner.dedupe.buffer.size", "8388608");
    p.put("num.partitions", "1");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.putAll(overrides);
    return p;
  }

  /** Properties-file text; values here never need escaping beyond backslashes (Windows paths). */
  static String render(Map<String, String> props) {
    StringBuilder sb = new StringBuilder("# Written by voxmesh KafkaBrokerProcess at every start; edits are overwritten.\n");
    props.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    return sb.toString();
  }
}
