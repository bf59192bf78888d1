package org.voxmesh.session;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.voxmesh.runtime.ops.Meters;
import org.voxmesh.runtime.ops.Telemetry;
import org.voxmesh.session.lifecycle.SessionEventPublisher;
import org.voxmesh.session.lifecycle.SessionEventsConfig;
import org.voxmesh.session.lifecycle.SessionLifecycle;
import org.voxmesh.runtime.tls.DevCertificates;
import org.voxmesh.session.http.ApiKeys;
import org.voxmesh.session.http.ClientSecretStore;
import org.voxmesh.session.http.ClientSecretsHandler;
import org.voxmesh.session.http.RestErrors;
import org.voxmesh.session.ws.RealtimeEndpoint;
import io.vertx.core.WorkerExecutor;
import org.voxmesh.session.conversation.Engines;
import org.voxmesh.speech.responder.Responder;
import org.voxmesh.speech.tts.SpeechSynthesizer;

/**
 * The public edge: the Realtime WebSocket ({@code GET /v1/realtime}), ephemeral keys
 * ({@code POST /v1/realtime/client_secrets}) and health, on plain HTTP and on TLS (the official
 * Node SDK only connects over {@code wss://}).
 */
public final class SessionServerVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(SessionServerVerticle.class);
  /** Frames up to the 15 MiB append limit in base64 plus JSON framing; larger ones close the socket (1009). */
  static final int MAX_FRAME_BYTES = 24 * 1024 * 1024;

  private final SessionServiceConfig config;
  private final Responder responder;
  private final SpeechSynthesizer synthesizer;
  private WorkerExecutor engineWorkers;
  private HttpServer httpServer;
  private HttpServer httpsServer;
  private DevCertificates.Files devCertificates;
  private RealtimeEndpoint realtime;
  private final SessionEventsConfig sessionEvents;
  private final String instanceId = "session-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  private SessionEventPublisher publisher;

  /**
   * @param responder writes the assistant's replies in conversation sessions (null: transcription only)
   * @param synthesizer speaks them (null: replies carry their transcript but no audio)
   */
  public SessionServerVerticle(SessionServiceConfig config, Responder responder, SpeechSynthesizer synthesizer) {
    this(config, responder, synthesizer, null);
  }

  /** @param sessionEvents where session lifecycle records go (null or disabled: nowhere) */
  public SessionServerVerticle(SessionServiceConfig config, Responder responder, SpeechSynthesizer synthesizer,
      SessionEventsConfig sessionEvents) {
    this.sessionEvents = sessionEvents;
    this.config = config;
    this.responder = responder;
    this.synthesizer = synthesizer;
  }

  @Override
  public Future<?> start() {
    MeterRegistry registry = Telemetry.registry(vertx);
    Future<SessionEventPublisher> events = sessionEvents != null && sessionEvents.enabled()
        ? SessionEventPublisher.start(vertx, sessionEvents, registry)
        : Future.succeededFuture();
    return events.compose(publisher -> {
      this.publisher = publisher;
      if (publisher == null) {
        log.info("session lifecycle events are off (no kafka.bootstrap.servers, or session.events.topic=none)");
      }
      return listen(new SessionLifecycle(instanceId, publisher, registry), registry);
    });
  }

  @Override
  public Future<?> stop() {
    return publisher == null ? Future.succeededFuture() : publisher.close(5_000);
  }

  /** This instance's name in lifecycle records and logs. */
  public String instanceId() {
    return instanceId;
  }

  private Future<?> listen(SessionLifecycle lifecycle, MeterRegistry registry) {
    ApiKeys apiKeys = new ApiKeys(config.apiKeys());
    ClientSecretStore secrets = new ClientSecretStore(vertx);
    Engines engines = null;
    if (responder != null) {
      engineWorkers = vertx.createSharedWorkerExecutor("voxmesh-respond", config.engineThreads());
      engines = new Engines(responder, synthesizer, engineWorkers, config.transcriptWaitMs(),
          Meters.latency(registry, "voxmesh.tts.first.audio", "Time from asking the speech engine for a sentence to its first audio"));
    }
    realtime = new RealtimeEndpoint(vertx, config, apiKeys, secrets, engines, lifecycle);
    Router router = Router.router(vertx);
    router.get("/v1/realtime").handler(realtime::handle);
    router.post("/v1/realtime/client_secrets")
        .handler(BodyHandler.create().setBodyLimit(1024 * 1024))
        .handler(new ClientSecretsHandler(config, apiKeys, secrets)::handle);
    router.get("/health/live").handler(ctx -> ctx.response().end("{\"status\":\"UP\"}"));
    router.get("/health/ready").handler(this::ready);
    router.route().last().handler(ctx -> RestErrors.send(ctx.response(), 404, "invalid_request_error", "not_found",
        "No route for " + ctx.request().method() + " " + ctx.request().path(), null));

    List<Future<HttpServer>> listening = new ArrayList<>();
    if (config.httpPort() >= 0) {
      listening.add(listen(router, baseOptions().setPort(config.httpPort())).onSuccess(s -> httpServer = s));
    }
    if (config.httpsPort() >= 0) {
      // Generating the development certificate is file and crypto work: keep it off the event loop.
      listening.add(vertx.executeBlocking(this::keyCert)
          .compose(keyCert -> listen(router, baseOptions().setPort(config.httpsPort()).setSsl(true).setKeyCertOptions(keyCert)))
          .onSuccess(s -> httpsServer = s));
    }
    return Future.all(listening).onSuccess(v -> log.info("session service listening on {} (instance {})",
        describeListeners(), instanceId));
  }

  private void ready(RoutingContext ctx) {
    boolean up = realtime.accepting();
    ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
        .end("{\"status\":\"" + (up ? "UP" : "DRAINING") + "\",\"sessions\":" + realtime.activeSessions() + "}");
  }

  /**
   * Shutdown, gently: readiness turns 503 and new sessions are refused at once; running sessions may
   * finish until the drain deadline, then the rest are closed with 1001 ("going away"), which the
   * official clients treat as a reason to reconnect. Completes once their ingest pipelines were
   * released, so the caller may then leave the cluster.
   */
  public Future<Void> drain() {
    io.vertx.core.Promise<Void> drained = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      realtime.stopAccepting();
      log.info("draining: {} sessions, deadline {} s", realtime.activeSessions(), config.drainDeadline().toSeconds());
      long deadline = System.nanoTime() + config.drainDeadline().toNanos();
      vertx.setPeriodic(0, 200, id -> {
        if (realtime.activeSessions() == 0 || System.nanoTime() >= deadline) {
          vertx.cancelTimer(id);
          realtime.closeAll("The server is shutting down; reconnect to continue.").onComplete(ar -> drained.tryComplete());
        }
      });
    });
    return drained.future();
  }

  private HttpServerOptions baseOptions() {
    return new HttpServerOptions()
        .setHost(config.host())
        .setMaxWebSocketFrameSize(MAX_FRAME_BYTES)
        .setMaxWebSocketMessageSize(MAX_FRAME_BYTES)
        // No WebSocket compression: Netty inflates a compressed message completely, on the event loop and
        // without a bound, before the message-size limit applies; a ~200 KB deflated frame of 200 MiB
        // pinned an event loop for over 30 s (every session on it stalled). Clients simply negotiate none.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        // Browsers offer "realtime" plus a key-bearing token; we select "realtime" and never echo the key.
        .setWebSocketSubProtocols(List.of("realtime"));
  }

  private PemKeyCertOptions keyCert() {
    Path cert = config.tlsCert();
    Path key = config.tlsKey();
    if (cert == null) {
      devCertificates = DevCertificates.ensure(config.devTlsDir());
      cert = devCertificates.serverCert();
      key = devCertificates.serverKey();
    }
    return new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString());
  }

  private Future<HttpServer> listen(Router router, HttpServerOptions options) {
    return vertx.createHttpServer(options).requestHandler(router).listen();
  }

  /** The development CA clients must trust, or null when configured PEM files are used. */
  public Path devCaFile() {
    return devCertificates == null ? null : devCertificates.ca();
  }

  /** The bound HTTP port, or -1 when plain HTTP is off. */
  public int httpPort() {
    return httpServer == null ? -1 : httpServer.actualPort();
  }

  /** The bound HTTPS port, or -1 when TLS is off. */
  public int httpsPort() {
    return httpsServer == null ? -1 : httpsServer.actualPort();
  }

  private String describeListeners() {
    return "http=" + httpPort() + " https=" + httpsPort();
  }
}
