package org.voxmesh.webhook.admin;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.webhook.WebhookConfig;
import org.voxmesh.webhook.WebhookEndpoint;
import org.voxmesh.webhook.delivery.Cancellation;
import org.voxmesh.webhook.delivery.WebhookDeliverer;
import org.voxmesh.webhook.dispatch.DispatchStats;

/**
 * The webhook service's small admin HTTP server:
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process runs;
 *   <li>{@code GET /health/ready}: 200 once every endpoint's consumer polls, 503 before and while stopping;
 *   <li>{@code POST /v1/webhooks/replay}: redeliver dead letters or a time range (see {@link ReplayRequest});
 *   <li>{@code GET /v1/webhooks/endpoints}, {@code GET /v1/webhooks/stats}: configuration (no secrets) and counters.
 * </ul>
 * The {@code /v1/webhooks/*} routes need {@code Authorization: Bearer <webhook.admin.token>} when a token is set.
 * Errors use the OpenAI REST error body.
 */
public final class AdminServerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AdminServerVerticle.class);

  private final WebhookConfig config;
  private final Map<String, DispatchStats> stats;
  private final BooleanSupplier ready;
  private HttpServer server;
  private HttpClient http;
  private WorkerExecutor readers;
  private ReplayService replays;
  private final Cancellation replaysCancelled = new Cancellation();
  private volatile boolean closing;

  public AdminServerVerticle(WebhookConfig config, Map<String, DispatchStats> stats, BooleanSupplier ready) {
    this.config = config;
    this.stats = stats;
    this.ready = ready;
  }

  @Override
  public Future<?> start() {
    http = WebhookDeliverer.createClient(vertx, config.retry(), config.maxConcurrency());
    readers = vertx.createSharedWorkerExecutor("webhook-replay", 1);
    replays = new ReplayService(config, readers,
        new WebhookDeliverer(vertx, http, config.retry(), config.maxConcurrency()), replaysCancelled);
    Router router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::readiness);
    router.route("/v1/webhooks/*").handler(this::authorize);
    router.get("/v1/webhooks/endpoints").handler(this::endpoints);
    router.get("/v1/webhooks/stats").handler(this::statistics);
    router.post("/v1/webhooks/replay").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(this::replay);
    router.route().last().handler(ctx -> error(ctx, 404, "not_found",
        "No route for " + ctx.request().method() + " " + ctx.request().path(), null));
    return vertx.createHttpServer(new HttpServerOptions().setHost(config.adminHost()).setPort(config.adminPort()))
        .requestHandler(router)
        .listen()
        .onSuccess(s -> {
          server = s;
          LOG.info("webhook admin server on {}:{}", config.adminHost(), s.actualPort());
        });
  }

  @Override
  public Future<?> stop() {
    closing = true;
    replaysCancelled.cancel();
    Future<?> s = server == null ? Future.succeededFuture() : server.close();
    return s.transform(ignored -> http.close()).transform(ignored -> readers.close());
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  private void readiness(RoutingContext ctx) {
    boolean ok = !closing && ready.getAsBoolean();
    JsonObject endpoints = new JsonObject();
    stats.forEach((id, s) -> endpoints.put(id, s.ready() ? "UP" : "DOWN"));
    json(ctx, ok ? 200 : 503, new JsonObject().put("status", ok ? "UP" : "DOWN").put("endpoints", endpoints));
  }

  private void authorize(RoutingContext ctx) {
    String token = config.adminToken();
    if (token == null) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("authorization");
    byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
      error(ctx, 401, "invalid_api_key", "Missing or wrong bearer token for the webhook admin API.", null);
      return;
    }
    ctx.next();
  }

  private void endpoints(RoutingContext ctx) {
    JsonArray data = new JsonArray();
    for (WebhookEndpoint e : config.endpoints()) {
      data.add(new JsonObject()
          .put("id", e.id())
          .put("url", e.url().toString())
          .put("event_types", new JsonArray(e.eventTypes().patterns()))
          .put("secrets", e.secrets().size())
          .put("consumer_group", config.groupId(e)));
    }
    json(ctx, 200, new JsonObject().put("object", "list").put("data", data));
  }

  private void statistics(RoutingContext ctx) {
    JsonObject data = new JsonObject();
    stats.forEach((id, s) -> data.put(id, s.toJson()));
    json(ctx, 200, new JsonObject().put("object", "webhook.stats").put("endpoints", data));
  }

  private void replay(RoutingContext ctx) {
    ReplayRequest request;
    try {
      JsonObject body = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
      request = ReplayRequest.parse(body, config.replayMaxRecords());
    } catch (IllegalArgumentException | io.vertx.core.json.DecodeException | ClassCastException e) {
      error(ctx, 400, "invalid_value", e.getMessage(), param(e.getMessage()));
      return;
    }
    LOG.info("replay requested: {}", request);
    replays.replay(request).onComplete(ar -> {
      if (ar.succeeded()) {
        JsonObject report = ar.result();
        LOG.info("replay done: matched {}, delivered {}, failed {}", report.getInteger("matched"),
            report.getInteger("delivered"), report.getInteger("failed"));
        json(ctx, 200, report);
      } else if (ar.cause() instanceof IllegalArgumentException e) {
        error(ctx, 400, "invalid_value", e.getMessage(), param(e.getMessage()));
      } else {
        LOG.warn("replay failed: {}", ar.cause().toString());
        error(ctx, 503, "replay_failed", "Replay failed: " + ar.cause().getMessage(), null);
      }
    });
  }

  private static String param(String message) {
    if (message == null) {
      return null;
    }
    int colon = message.indexOf(':');
    return colon > 0 && message.substring(0, colon).matches("[a-z_]+") ? message.substring(0, colon) : null;
  }

  private static void error(RoutingContext ctx, int status, String code, String message, String param) {
    JsonObject error = new JsonObject()
        .put("message", message)
        .put("type", status >= 500 ? "server_error" : "invalid_request_error")
        .put("param", param)
        .put("code", code);
    json(ctx, status, new JsonObject().put("error", error));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
