package org.voxmesh.webhook;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.NewTopic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.voxmesh.runtime.ops.Telemetry;
import org.voxmesh.webhook.admin.AdminServerVerticle;
import org.voxmesh.webhook.dispatch.DispatchMetrics;
import org.voxmesh.webhook.dispatch.DispatchStats;
import org.voxmesh.webhook.dispatch.DispatchVerticle;
import org.voxmesh.runtime.kafka.TopicEnsurer;

/**
 * The running webhook service: the DLQ topic ensured, one {@link DispatchVerticle} per endpoint, and the admin
 * server. {@link #start} completes when every consumer is subscribed and the admin server listens.
 */
public final class WebhookService {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);
  static final long DLQ_RETENTION_MS = 30L * 24 * 3600 * 1000;

  private final Vertx vertx;
  private final WebhookConfig config;
  private final Map<String, DispatchStats> stats;
  private final List<String> dispatchers = new ArrayList<>();
  private AdminServerVerticle admin;
  private String adminDeployment;
  private volatile boolean stopping;

  private WebhookService(Vertx vertx, WebhookConfig config) {
    this.vertx = vertx;
    this.config = config;
    Map<String, DispatchStats> m = new LinkedHashMap<>();
    config.endpoints().forEach(e -> m.put(e.id(), new DispatchStats()));
    this.stats = Collections.unmodifiableMap(m);
    MeterRegistry registry = Telemetry.registry(vertx);
    stats.forEach((endpoint, s) -> DispatchMetrics.register(registry, endpoint, s));
  }

  public static Future<WebhookService> start(Vertx vertx, WebhookConfig config) {
    WebhookService service = new WebhookService(vertx, config);
    return service.deploy().map(service).recover(err -> service.stop().transform(ignored -> Future.failedFuture(err)));
  }

  private Future<Void> deploy() {
    if (config.endpoints().isEmpty()) {
      LOG.warn("no webhook endpoints configured ({} / {}): nothing will be delivered", WebhookConfig.ENDPOINTS,
          WebhookConfig.ENDPOINTS_FILE);
    }
    // Dead letters are kept 30 days, so they outlive the source topics' usual 7.
    NewTopic dlq = new NewTopic(config.dlqTopic(), config.dlqPartitions(), (short) config.dlqReplicationFactor())
        .setConfig(Map.of("retention.ms", Long.toString(DLQ_RETENTION_MS)));
    return TopicEnsurer.ensure(vertx, config.bootstrapServers(), dlq)
        .compose(v -> {
          List<Future<String>> deployed = new ArrayList<>();
          for (WebhookEndpoint endpoint : config.endpoints()) {
            deployed.add(vertx.deployVerticle(new DispatchVerticle(config, endpoint, stats.get(endpoint.id())),
                new DeploymentOptions()).onSuccess(dispatchers::add));
          }
          return Future.all(deployed);
        })
        .compose(v -> {
          if (config.adminPort() < 0) {
            return Future.succeededFuture();
          }
          admin = new AdminServerVerticle(config, stats, this::ready);
          return vertx.deployVerticle(admin).onSuccess(id -> adminDeployment = id);
        })
        .<Void>mapEmpty()
        .onSuccess(v -> LOG.info("webhook service: {} endpoint(s), dead letters to {}", config.endpoints().size(),
            config.dlqTopic()));
  }

  /** Ready when every endpoint's consumer has polled and the service is not stopping. */
  public boolean ready() {
    return !stopping && stats.values().stream().allMatch(DispatchStats::ready);
  }

  /** Counters per endpoint id. */
  public Map<String, DispatchStats> stats() {
    return stats;
  }

  /** The admin server's port, or -1 when it is off. */
  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  public WebhookConfig config() {
    return config;
  }

  /**
   * Stops the dispatchers (each lets in-flight deliveries finish for up to {@code shutdown.grace}, commits, and
   * leaves its group), then the admin server. Readiness turns 503 first.
   */
  public Future<Void> stop() {
    stopping = true;
    List<Future<Void>> undeployed = new ArrayList<>();
    dispatchers.forEach(id -> undeployed.add(vertx.undeploy(id)));
    dispatchers.clear();
    return Future.join(undeployed)
        .transform(ignored -> adminDeployment == null ? Future.<Void>succeededFuture() : vertx.undeploy(adminDeployment))
        .transform(ignored -> Future.succeededFuture());
  }
}
