package org.voxmesh.app;

import org.voxmesh.runtime.ServiceMain;
import org.voxmesh.runtime.config.Settings;

/** {@code ./voxmesh run}: the whole platform in one JVM, with a banner that says how to connect. */
public final class VoxmeshApp {

  private VoxmeshApp() {}

  public static void main(String[] args) {
    ServiceMain.nameProcess("voxmesh");
    Platform platform;
    try {
      platform = Platform.start(Settings.load());
    } catch (Settings.ConfigException e) {
      System.err.println("voxmesh: " + e.getMessage());
      System.exit(2);
      return;
    } catch (Exception e) {
      System.err.println("voxmesh: failed to start: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "voxmesh-shutdown"));
    System.out.println(banner(platform));
  }

  static String banner(Platform p) {
    StringBuilder b = new StringBuilder("\nVoxmesh is running (all services in one JVM).\n");
    if (p.httpsPort() > 0) {
      b.append("  Realtime API (TLS):  wss://localhost:").append(p.httpsPort()).append("/v1/realtime   REST: https://localhost:")
          .append(p.httpsPort()).append("/v1\n");
    }
    if (p.httpPort() > 0) {
      b.append("  Realtime API:        ws://localhost:").append(p.httpPort()).append("/v1/realtime   REST: http://localhost:")
          .append(p.httpPort()).append("/v1\n");
    }
    if (p.devCaFile() != null) {
      b.append("  Development CA:      ").append(p.devCaFile())
          .append("   (Node: NODE_EXTRA_CA_CERTS=").append(p.devCaFile()).append(")\n");
    }
    if (p.generatedApiKey()) {
      b.append("  API key (generated, shown once; set VOXMESH_API_KEYS to choose your own): ")
          .append(p.apiKeys().get(0)).append('\n');
    } else {
      b.append("  API keys:            from VOXMESH_API_KEYS\n");
    }
    b.append("  Transcripts:         Kafka ").append(p.kafkaBootstrapServers()).append(", topic voxmesh.transcripts.v1\n");
    b.append("  Operations:          http://localhost:").append(p.opsPort()).append("/metrics   /health/live   /health/ready\n");
    b.append("  Engines:             Silero VAD v5, PocketSphinx en-US (embedded)\n");
    return b.toString();
  }
}
