package org.voxmesh.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.runtime.ops.OpsServer;
import org.voxmesh.runtime.ops.Readiness;

/**
 * The shared shape of every service's {@code main}: load settings, start the node (clustered when
 * configured), open the ops port ({@code /metrics}, {@code /health/*}), deploy, and exit non-zero with
 * a clear message if any step fails.
 */
public final class ServiceMain {

  private ServiceMain() {}

  /** Names the process in every log line; set before the first logger exists. */
  public static void nameProcess(String name) {
    if (System.getProperty("voxmesh.service") == null) {
      System.setProperty("voxmesh.service", name);
    }
  }

  /**
   * Starts the ops server on {@code ops.host}:{@code ops.port} (default {@code defaultPort}; 0 picks a
   * free port) and logs where it listens.
   */
  public static Future<Integer> startOps(Vertx vertx, Settings settings, int defaultPort, Readiness readiness) {
    String host = settings.string("ops.host", "0.0.0.0");
    int port = settings.integer("ops.port", defaultPort, 0, 65535);
    return OpsServer.start(vertx, host, port, readiness)
        .recover(err -> Future.failedFuture(new Settings.ConfigException("invalid configuration ops.port (VOXMESH_OPS_PORT): cannot listen on "
            + host + ":" + port + ": " + err.getMessage())))
        .map(server -> {
          LoggerFactory.getLogger(ServiceMain.class).info("ops listening on http={} (/metrics, /health/live, /health/ready)",
              server.actualPort());
          return server.actualPort();
        });
  }

  /** What a service does on SIGTERM before its Vert.x closes (e.g. drain its sessions). */
  public interface Drain {
    Future<Void> drain();
  }

  /** Runs a service until the JVM is stopped; {@code deploy} returns when the service is ready. */
  public static void run(String name, int defaultOpsPort, BiFunction<Vertx, Settings, Future<?>> deploy) {
    run(name, defaultOpsPort, (vertx, settings, hooks) -> deploy.apply(vertx, settings));
  }

  /** What a service may tell ServiceMain while it deploys. */
  public interface Hooks {
    /** Runs on SIGTERM, before the node stops (e.g. drain the sessions). */
    void onShutdown(Drain drain);

    /** /health/ready also waits for this (e.g. "my Kafka consumers poll"). */
    void readyWhen(java.util.function.BooleanSupplier check);
  }

  /** Deploys with {@link Hooks} for shutdown drains and readiness checks. */
  public interface HookedDeploy {
    Future<?> deploy(Vertx vertx, Settings settings, Hooks hooks);
  }

  public static void run(String name, int defaultOpsPort, HookedDeploy deploy) {
    nameProcess(name);
    Logger log = LoggerFactory.getLogger(ServiceMain.class);
    java.util.List<Drain> drains = new java.util.concurrent.CopyOnWriteArrayList<>();
    Readiness readiness = new Readiness();
    Settings settings;
    try {
      settings = Settings.load();
    } catch (Settings.ConfigException e) {
      System.err.println(name + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Vertx vertx = Node.start(settings).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      startOps(vertx, settings, defaultOpsPort, readiness).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        readiness.draining();
        try {
          Future.join(drains.stream().map(Drain::drain).toList())
              .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
          log.warn("{}: drain: {}", name, e.toString());
        }
        try {
          vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          log.warn("{}: shutdown: {}", name, e.toString());
        }
      }, name + "-shutdown"));
      Hooks hooks = new Hooks() {
        @Override
        public void onShutdown(Drain drain) {
          drains.add(drain);
        }

        @Override
        public void readyWhen(java.util.function.BooleanSupplier check) {
          readiness.addCheck(check);
        }
      };
      deploy.deploy(vertx, settings, hooks).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      readiness.started();
      log.info("{} ready", name);
    } catch (Settings.ConfigException e) {
      System.err.println(name + ": " + e.getMessage());
      System.exit(2);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Settings.ConfigException config) {
        System.err.println(name + ": " + config.getMessage());
        System.exit(2);
      }
      log.error("{} failed to start", name, e.getCause());
      System.exit(1);
    } catch (Exception e) {
      log.error("{} failed to start", name, e);
      System.exit(1);
    }
  }
}
