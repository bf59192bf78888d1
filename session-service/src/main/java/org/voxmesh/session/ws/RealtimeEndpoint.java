package org.voxmesh.session.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.session.lifecycle.SessionLifecycle;
import org.voxmesh.protocol.error.ErrorCodes;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.json.Dialect;
import org.voxmesh.protocol.session.RealtimeSessionConfig;
import org.voxmesh.protocol.session.SessionConfig;
import org.voxmesh.protocol.session.SessionUpdateResult;
import org.voxmesh.protocol.session.SessionUpdates;
import org.voxmesh.protocol.session.TranscriptionSessionConfig;
import org.voxmesh.session.SessionServiceConfig;
import org.voxmesh.session.conversation.Engines;
import org.voxmesh.session.http.ApiKeys;
import org.voxmesh.session.http.ClientSecretStore;
import org.voxmesh.session.http.Credentials;
import org.voxmesh.session.http.RestErrors;

/**
 * {@code GET /v1/realtime}: checks the query and the key before upgrading (a refused client gets an
 * HTTP status and the REST error body, never a half-open socket), then hands the socket to a
 * {@link RealtimeConnection}.
 */
public final class RealtimeEndpoint {

  private static final Logger log = LoggerFactory.getLogger(RealtimeEndpoint.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Vertx vertx;
  private final SessionServiceConfig config;
  private final ApiKeys apiKeys;
  private final ClientSecretStore secrets;
  private final Engines engines;
  private final SessionLifecycle lifecycle;
  private final Map<String, RealtimeConnection> connections = new HashMap<>();
  private boolean draining;

  public RealtimeEndpoint(Vertx vertx, SessionServiceConfig config, ApiKeys apiKeys, ClientSecretStore secrets,
      Engines engines, SessionLifecycle lifecycle) {
    this.vertx = vertx;
    this.lifecycle = lifecycle;
    this.config = config;
    this.apiKeys = apiKeys;
    this.secrets = secrets;
    this.engines = engines;
  }

  public int activeSessions() {
    return connections.size();
  }

  /** Refuses new sessions from now on (the service is shutting down). */
  public void stopAccepting() {
    draining = true;
  }

  public boolean accepting() {
    return !draining;
  }

  /**
   * Closes every session still open, with 1001 so clients reconnect (to another instance). Completes
   * once each session's ingest took its close (each request is bounded by the bus timeout), so a
   * process that shuts down next does not leave pipelines behind on other instances.
   */
  public Future<Void> closeAll(String reason) {
    return Future.join(new java.util.ArrayList<>(connections.values()).stream()
        .map(c -> c.close((short) 1001, reason)).toList()).mapEmpty();
  }

  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (draining) {
      RestErrors.send(ctx.response(), 503, "server_error", "server_draining",
          "This instance is shutting down and takes no new sessions; retry (another instance will answer).", null);
      return;
    }
    if (!request.canUpgradeToWebSocket()) {
      RestErrors.badRequest(ctx.response(), "invalid_request", "This endpoint takes a WebSocket upgrade.", null);
      return;
    }
    // Old clients (OpenAI-Beta: realtime=v1 or the beta subprotocol) get the beta shape throughout.
    Dialect dialect = Credentials.wantsBeta(request.headers()) ? Dialect.BETA : Dialect.GA;
    String model = request.getParam("model");
    String intent = request.getParam("intent");
    String callId = request.getParam("call_id");
    int targets = (model != null ? 1 : 0) + (intent != null ? 1 : 0) + (callId != null ? 1 : 0);
    if (targets != 1) {
      RestErrors.badRequest(ctx.response(), ErrorCodes.MISSING_MODEL,
          "Give exactly one of the query parameters 'model', 'intent=transcription' or 'call_id'.", null);
      return;
    }
    if (callId != null) {
      RestErrors.send(ctx.response(), 404, "invalid_request_error", "call_not_found",
          "No WebRTC or SIP call with id '" + callId + "' exists on this server.", "call_id");
      return;
    }
    if (intent != null && !intent.equals("transcription")) {
      RestErrors.badRequest(ctx.response(), ErrorCodes.INVALID_VALUE,
          "Invalid value: '" + intent + "'. Supported values are: 'transcription'.", "intent");
      return;
    }
    String key = Credentials.key(request.headers());
    authenticate(key).onComplete(ar -> {
      if (ar.failed()) {
        RestErrors.unauthorized(ctx.response(), ar.cause().getMessage());
        return;
      }
      long now = Instant.now().getEpochSecond();
      long expiresAt = now + config.maxSessionDuration().toSeconds();
      SessionConfig initial = intent != null
          ? TranscriptionSessionConfig.initial(Ids.sessionId(), expiresAt)
          : RealtimeSessionConfig.initial(Ids.sessionId(), engines != null ? engines.responder().name() : model,
              expiresAt, null);
      JsonNode bound = ar.result();
      if (bound != null) {
        SessionUpdateResult applied = SessionUpdates.apply(initial, ModelName.withoutRequested(bound, model));
        if (applied instanceof SessionUpdateResult.Rejected rejected) {
          RestErrors.badRequest(ctx.response(), rejected.error().code(),
              "The client secret's session does not fit this connection: " + rejected.error().message(),
              rejected.error().param());
          return;
        }
        initial = ((SessionUpdateResult.Applied) applied).config();
      }
      upgrade(request, initial, dialect);
    });
  }

  /** Succeeds with the session JSON bound to an ephemeral key (null for a standard key); fails with the reason. */
  private Future<JsonNode> authenticate(String key) {
    if (key == null) {
      return Future.failedFuture("You didn't provide an API key. Pass it in an 'Authorization: Bearer <key>' header, "
          + "or, from a browser, in the 'openai-insecure-api-key.<key>' WebSocket subprotocol.");
    }
    if (apiKeys.isValid(key)) {
      return Future.succeededFuture(null);
    }
    if (!key.startsWith("ek_")) {
      return Future.failedFuture("Incorrect API key provided.");
    }
    return secrets.get(key, Instant.now().getEpochSecond()).compose(secret -> {
      if (secret == null) {
        return Future.failedFuture("The ephemeral key is invalid or has expired. Mint a new one with POST /v1/realtime/client_secrets.");
      }
      try {
        return Future.succeededFuture(secret.sessionJson() == null ? null : MAPPER.readTree(secret.sessionJson()));
      } catch (Exception e) {
        return Future.failedFuture("The ephemeral key's stored session is unreadable.");
      }
    });
  }

  private void upgrade(HttpServerRequest request, SessionConfig initial, Dialect dialect) {
    String requestedModel = request.getParam("model");
    request.toWebSocket().onSuccess(socket -> {
      RealtimeConnection connection = new RealtimeConnection(vertx, socket, config, initial, engines, dialect, requestedModel,
          lifecycle, () -> connections.remove(initial.id()));
      connections.put(initial.id(), connection);
      connection.start();
    }).onFailure(err -> log.debug("WebSocket upgrade failed: {}", err.toString()));
  }
}
