package org.voxmesh.runtime.kafka;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a broker for cluster metadata with one raw Kafka protocol request (Metadata v4, no topics), so that
 * this module needs no kafka-clients jar.
 *
 * <p>A KRaft broker opens its client listener only at the end of startup and lists itself in metadata only
 * once it is unfenced, so "answers with at least one broker" means producers and admin clients can use it.
 * Metadata v4 is the oldest version Kafka 4.x still serves (KIP-896) and is understood by 3.x brokers too.
 */
final class KafkaMetadataProbe {

  private static final short METADATA_API_KEY = 3;
  private static final short METADATA_VERSION = 4;
  private static final int MAX_RESPONSE_BYTES = 1 << 20;

  /** What the probe saw: the number of live brokers and the cluster id. */
  record Answer(int brokers, String clusterId) {}

  private KafkaMetadataProbe() {}

  /** The broker's answer, or empty if it does not accept connections or answer (yet). */
  static Optional<Answer> ask(String host, int port, Duration timeout) {
    int millis = (int) Math.max(1, timeout.toMillis());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      int correlationId = 1;
      byte[] request = metadataRequest(correlationId);
      out.writeInt(request.length);
      out.write(request);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int size = in.readInt();
      if (size < 4 || size > MAX_RESPONSE_BYTES) {
        return Optional.empty();
      }
      byte[] body = new byte[size];
      in.readFully(body);
      return parse(body, correlationId);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Request header v1 (api key, version, correlation id, client id), then Metadata v4: no topics, no auto-create. */
  private static byte[] metadataRequest(int correlationId) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeShort(METADATA_API_KEY);
    out.writeShort(METADATA_VERSION);
    out.writeInt(correlationId);
    writeString(out, "voxmesh-readiness-probe");
    out.writeInt(0); // topics: an empty array asks for no topic (null would ask for all of them)
    out.writeByte(0); // allow_auto_topic_creation = false
    return bytes.toByteArray();
  }

  /** Response header v0 (correlation id), then throttle time, brokers[node, host, port, rack], cluster id. */
  private static Optional<Answer> parse(byte[] body, int correlationId) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
    if (in.readInt() != correlationId) {
      return Optional.empty();
    }
    in.readInt(); // throttle_time_ms
    int brokers = in.readInt();
    for (int i = 0; i < brokers; i++) {
      in.readInt(); // node_id
      readString(in); // host
      in.readInt(); // port
      readString(in); // rack, nullable
    }
    String clusterId = readString(in);
    return Optional.of(new Answer(brokers, clusterId));
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeShort(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    short len = in.readShort();
    if (len < 0) {
      return null;
    }
    byte[] b = new byte[len];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
