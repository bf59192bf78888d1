package org.voxmesh.session.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Ephemeral client secrets ({@code ek_…}) and the session configuration bound to each. Kept in the
 * Vert.x shared async map: local in one JVM, a Hazelcast map (visible to every session-service
 * instance) when clustered. Entries carry a TTL, so expired secrets also disappear from memory.
 */
public final class ClientSecretStore {

  static final String MAP = "voxmesh.client-secrets";

  private final Vertx vertx;

  public ClientSecretStore(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A stored secret: the session JSON it starts, and its expiry in Unix seconds. */
  public record Secret(String sessionJson, long expiresAt) {}

  public Future<Void> put(String value, Secret secret, long ttlMs) {
    JsonObject stored = new JsonObject().put("session", secret.sessionJson()).put("expires_at", secret.expiresAt());
    return map().compose(m -> m.put(value, stored.encode(), ttlMs));
  }

  /** The secret, or null when unknown or expired. */
  public Future<Secret> get(String value, long nowEpochSeconds) {
    return map().compose(m -> m.get(value)).map(json -> {
      if (json == null) {
        return null;
      }
      JsonObject stored = new JsonObject(json);
      long expiresAt = stored.getLong("expires_at");
      return expiresAt > nowEpochSeconds ? new Secret(stored.getString("session"), expiresAt) : null;
    });
  }

  private Future<AsyncMap<String, String>> map() {
    return vertx.sharedData().getAsyncMap(MAP);
  }
}
