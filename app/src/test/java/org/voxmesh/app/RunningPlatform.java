package org.voxmesh.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.testkit.node.NodeScripts;
import org.voxmesh.testkit.node.RealtimeFlowArgs;

/**
 * The whole platform, started once per test JVM on free ports against the shared embedded broker,
 * exactly as {@code ./voxmesh run} starts it. Tests talk to it only over its real sockets.
 */
public final class RunningPlatform {

  public static final String API_KEY = "sk-test-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

  private static Platform platform;
  private static Path dataDir;

  private RunningPlatform() {}

  /** The shared platform (started on first use, stopped when the JVM exits). */
  public static synchronized Platform get() {
    if (platform == null) {
      platform = start(Map.of());
      Platform p = platform;
      Runtime.getRuntime().addShutdownHook(new Thread(p::close, "platform-stop"));
    }
    return platform;
  }

  /** A separate platform with extra settings (the caller closes it). */
  public static Platform start(Map<String, String> overrides) {
    try {
      if (dataDir == null) {
        dataDir = Files.createTempDirectory("voxmesh-test-");
      }
      Map<String, String> settings = new HashMap<>(Map.of(
          "http.host", "127.0.0.1",
          "http.port", "0",
          "ops.port", "0",
          "https.port", "0",
          "api.keys", API_KEY,
          "data.dir", dataDir.toString(),
          "drain.seconds", "2",
          "kafka.bootstrap.servers", EmbeddedKafka.bootstrapServers()));
      settings.putAll(overrides);
      return Platform.start(Settings.of(settings));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the platform did not start: " + e, e);
    }
  }

  public static String baseUrl(Platform p) {
    return "https://127.0.0.1:" + p.httpsPort() + "/v1";
  }

  public static String baseUrl() {
    return baseUrl(get());
  }

  /** A transcription flow against the shared platform with the test key. */
  public static RealtimeFlowArgs flow() {
    return RealtimeFlowArgs.create(baseUrl(), API_KEY);
  }

  public static NodeScripts node() {
    NodeScripts scripts = NodeScripts.locate();
    scripts.requireInstalled();
    return scripts;
  }

  public static Path ca() {
    return get().devCaFile();
  }
}
