package org.voxmesh.runtime.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The operator's port of every process (setting {@code ops.port}): {@code GET /metrics} (Prometheus
 * text format), {@code GET /health/live} (200 while the process runs) and {@code GET /health/ready}
 * (200 when it should get traffic, 503 while starting or draining). Kept off the public port so
 * metrics never face clients.
 */
public final class OpsServer {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final Readiness readiness;

  private OpsServer(Vertx vertx, Readiness readiness) {
    this.vertx = vertx;
    this.registry = Telemetry.prometheus(vertx);
    this.readiness = readiness;
  }

  /** Listens on {@code host:port} (port 0: any free port); the server closes with its Vertx. */
  public static Future<HttpServer> start(Vertx vertx, String host, int port, Readiness readiness) {
    OpsServer ops = new OpsServer(vertx, readiness);
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(ops::handle)
        .listen();
  }

  private void handle(HttpServerRequest request) {
    if (request.method() != io.vertx.core.http.HttpMethod.GET) {
      request.response().setStatusCode(405).putHeader("allow", "GET").end();
      return;
    }
    switch (request.path()) {
      case "/metrics" -> metrics(request);
      case "/health/live" -> json(request, 200, "UP");
      case "/health/ready" -> json(request, readiness.ready() ? 200 : 503, readiness.state());
      default -> request.response().setStatusCode(404).end();
    }
  }

  private void metrics(HttpServerRequest request) {
    if (registry == null) {
      request.response().setStatusCode(404).end("metrics are off for this process\n");
      return;
    }
    // Formatting every series is CPU work: keep it off the event loop.
    vertx.executeBlocking(registry::scrape, false).onComplete(ar -> {
      if (ar.succeeded()) {
        request.response().putHeader("content-type", PROMETHEUS_TEXT).end(ar.result());
      } else {
        request.response().setStatusCode(500).end(ar.cause().toString());
      }
    });
  }

  private static void json(HttpServerRequest request, int status, String state) {
    request.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end("{\"status\":\"" + state + "\"}");
  }
}
