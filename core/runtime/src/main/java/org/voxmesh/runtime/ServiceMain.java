package org.voxmesh.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.runtime.config.Settings;

/**
 * The shared shape of every service's {@code main}: load settings, start the node (clustered when
 * configured), deploy, and exit non-zero with a clear message if any step fails.
 */
public final class ServiceMain {

  private static final Logger log = LoggerFactory.getLogger(ServiceMain.class);

  private ServiceMain() {}

  /** What a service does on SIGTERM before its Vert.x closes (e.g. drain its sessions). */
  public interface Drain {
    Future<Void> drain();
  }

  /** Runs a service until the JVM is stopped; {@code deploy} returns when the service is ready. */
  public static void run(String name, BiFunction<Vertx, Settings, Future<?>> deploy) {
    run(name, (vertx, settings, drains) -> deploy.apply(vertx, settings));
  }

  /** Deploys with a place to register drains, which run on SIGTERM before the node stops. */
  public interface DrainingDeploy {
    Future<?> deploy(Vertx vertx, Settings settings, java.util.List<Drain> drains);
  }

  public static void run(String name, DrainingDeploy deploy) {
    java.util.List<Drain> drains = new java.util.concurrent.CopyOnWriteArrayList<>();
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
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
      deploy.deploy(vertx, settings, drains).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      log.info("{} ready", name);
    } catch (Settings.ConfigException e) {
      System.err.println(name + ": " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      log.error("{} failed to start", name, e);
      System.exit(1);
    }
  }
}
