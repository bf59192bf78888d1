package org.voxmesh.session.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The OpenAI REST error envelope: {@code {"error":{"message","type","param","code"}}}. */
public final class RestErrors {

  private RestErrors() {}

  public static void send(HttpServerResponse response, int status, String type, String code, String message, String param) {
    JsonObject error = new JsonObject()
        .put("message", message)
        .put("type", type)
        .put("param", param)
        .put("code", code);
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", error).encode());
  }

  public static void unauthorized(HttpServerResponse response, String message) {
    send(response, 401, "invalid_request_error", "invalid_api_key", message, null);
  }

  public static void badRequest(HttpServerResponse response, String code, String message, String param) {
    send(response, 400, "invalid_request_error", code, message, param);
  }
}
