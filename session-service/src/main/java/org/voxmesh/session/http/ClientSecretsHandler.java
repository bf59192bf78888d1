package org.voxmesh.session.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Iterator;
import org.voxmesh.protocol.error.ErrorCodes;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.json.Dialect;
import org.voxmesh.protocol.json.RealtimeJson;
import org.voxmesh.protocol.server.SessionCreated;
import org.voxmesh.protocol.session.RealtimeSessionConfig;
import org.voxmesh.protocol.session.SessionConfig;
import org.voxmesh.protocol.session.SessionUpdateResult;
import org.voxmesh.protocol.session.SessionUpdates;
import org.voxmesh.protocol.session.TranscriptionSessionConfig;
import org.voxmesh.session.SessionServiceConfig;

/**
 * {@code POST /v1/realtime/client_secrets}: a backend with a standard API key mints a short-lived
 * {@code ek_…} key for a browser. The session config in the request is validated now (same rules
 * as {@code session.update}) and becomes the defaults of every session the key starts.
 */
public final class ClientSecretsHandler {

  static final int MIN_SECONDS = 10;
  static final int MAX_SECONDS = 7200;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SessionServiceConfig config;
  private final ApiKeys apiKeys;
  private final ClientSecretStore secrets;

  public ClientSecretsHandler(SessionServiceConfig config, ApiKeys apiKeys, ClientSecretStore secrets) {
    this.config = config;
    this.apiKeys = apiKeys;
    this.secrets = secrets;
  }

  public void handle(RoutingContext ctx) {
    String key = Credentials.key(ctx.request().headers());
    if (key == null || !apiKeys.isValid(key)) {
      RestErrors.unauthorized(ctx.response(), key == null
          ? "You didn't provide an API key. Pass it in an 'Authorization: Bearer <key>' header."
          : "Incorrect API key provided. Client secrets are minted with a standard API key, not an ephemeral one.");
      return;
    }
    JsonNode body;
    try {
      String text = ctx.body().asString();
      body = text == null || text.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(text);
    } catch (Exception e) {
      RestErrors.badRequest(ctx.response(), ErrorCodes.INVALID_JSON, "The request body is not valid JSON.", null);
      return;
    }
    if (!(body instanceof ObjectNode request)) {
      RestErrors.badRequest(ctx.response(), ErrorCodes.INVALID_TYPE, "The request body must be a JSON object.", null);
      return;
    }
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("expires_after") && !name.equals("session")) {
        RestErrors.badRequest(ctx.response(), ErrorCodes.UNKNOWN_PARAMETER, "Unknown parameter: '" + name + "'.", name);
        return;
      }
    }
    Long seconds = expirySeconds(ctx, request.get("expires_after"));
    if (seconds == null) {
      return;
    }
    JsonNode sessionPatch = request.get("session");
    if (sessionPatch != null && !sessionPatch.isNull() && !sessionPatch.isObject()) {
      RestErrors.badRequest(ctx.response(), ErrorCodes.INVALID_TYPE, "Invalid type for 'session': expected an object.", "session");
      return;
    }
    long now = Instant.now().getEpochSecond();
    SessionConfig effective = RealtimeSessionConfig.initial(Ids.sessionId(), null, now + config.maxSessionDuration().toSeconds(), null);
    if (sessionPatch != null && sessionPatch.isObject()) {
      if (SessionConfig.TRANSCRIPTION.equals(sessionPatch.path("type").asText())) {
        effective = TranscriptionSessionConfig.initial(Ids.sessionId(), now + config.maxSessionDuration().toSeconds());
      }
      SessionUpdateResult result = SessionUpdates.apply(effective, sessionPatch);
      if (result instanceof SessionUpdateResult.Rejected rejected) {
        RestErrors.badRequest(ctx.response(), rejected.error().code(), rejected.error().message(), rejected.error().param());
        return;
      }
      effective = ((SessionUpdateResult.Applied) result).config();
    }
    String value = Ids.ephemeralKey();
    long expiresAt = now + seconds;
    String stored = sessionPatch == null || sessionPatch.isNull() ? null : sessionPatch.toString();
    JsonNode sessionJson = RealtimeJson.of(Dialect.GA).toTree(SessionCreated.of(effective)).get("session");
    ObjectNode response = MAPPER.createObjectNode();
    response.put("value", value);
    response.put("expires_at", expiresAt);
    response.set("session", sessionJson);
    secrets.put(value, new ClientSecretStore.Secret(stored, expiresAt), seconds * 1000)
        .onSuccess(v -> ctx.response().putHeader("Content-Type", "application/json").end(response.toString()))
        .onFailure(err -> RestErrors.send(ctx.response(), 500, "server_error", null,
            "The client secret could not be stored: " + err.getMessage(), null));
  }

  /** The requested lifetime, or null after answering 400. */
  private Long expirySeconds(RoutingContext ctx, JsonNode expiresAfter) {
    if (expiresAfter == null || expiresAfter.isNull()) {
      return config.defaultClientSecretTtl().toSeconds();
    }
    if (!expiresAfter.isObject()) {
      RestErrors.badRequest(ctx.response(), ErrorCodes.INVALID_TYPE, "Invalid type for 'expires_after': expected an object.", "expires_after");
      return null;
    }
    for (Iterator<String> names = expiresAfter.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("anchor") && !name.equals("seconds")) {
        RestErrors.badRequest(ctx.response(), ErrorCodes.UNKNOWN_PARAMETER,
            "Unknown parameter: 'expires_after." + name + "'.", "expires_after." + name);
        return null;
      }
    }
    JsonNode anchor = expiresAfter.get("anchor");
    if (anchor != null && !anchor.isNull() && !"created_at".equals(anchor.asText(null))) {
      RestErrors.badRequest(ctx.response(), ErrorCodes.INVALID_VALUE,
          "Invalid value: '" + anchor.asText() + "'. Supported values are: 'created_at'.", "expires_after.anchor");
      return null;
    }
    JsonNode seconds = expiresAfter.get("seconds");
    if (seconds == null || seconds.isNull()) {
      return config.defaultClientSecretTtl().toSeconds();
    }
    if (!seconds.isIntegralNumber()) {
      RestErrors.badRequest(ctx.response(), ErrorCodes.INVALID_TYPE,
          "Invalid type for 'expires_after.seconds': expected an integer.", "expires_after.seconds");
      return null;
    }
    long value = seconds.asLong();
    if (value < MIN_SECONDS) {
      RestErrors.badRequest(ctx.response(), ErrorCodes.INTEGER_BELOW_MIN_VALUE,
          "Invalid 'expires_after.seconds': integer below minimum value. Expected a value >= " + MIN_SECONDS
              + ", but got " + value + " instead.", "expires_after.seconds");
      return null;
    }
    if (value > MAX_SECONDS) {
      RestErrors.badRequest(ctx.response(), ErrorCodes.INTEGER_ABOVE_MAX_VALUE,
          "Invalid 'expires_after.seconds': integer above maximum value. Expected a value <= " + MAX_SECONDS
              + ", but got " + value + " instead.", "expires_after.seconds");
      return null;
    }
    return value;
  }
}
