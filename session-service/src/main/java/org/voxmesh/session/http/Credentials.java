package org.voxmesh.session.http;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a client's key travels: {@code Authorization: Bearer …} (servers, SDKs) or, for browsers
 * that cannot set headers, the {@code openai-insecure-api-key.…} WebSocket subprotocol.
 */
public final class Credentials {

  static final String KEY_PROTOCOL_PREFIX = "openai-insecure-api-key.";
  static final String BETA_PROTOCOL = "openai-beta.realtime-v1";

  private Credentials() {}

  /** The presented key, or null when none was presented. */
  public static String key(MultiMap headers) {
    String auth = headers.get("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = auth.substring(7).trim();
      return key.isEmpty() ? null : key;
    }
    for (String protocol : subprotocols(headers)) {
      if (protocol.startsWith(KEY_PROTOCOL_PREFIX) && protocol.length() > KEY_PROTOCOL_PREFIX.length()) {
        return protocol.substring(KEY_PROTOCOL_PREFIX.length());
      }
    }
    return null;
  }

  /** True when the client asked for the beta shape (header or subprotocol). */
  public static boolean wantsBeta(MultiMap headers) {
    String beta = headers.get("OpenAI-Beta");
    return (beta != null && beta.contains("realtime=v1")) || subprotocols(headers).contains(BETA_PROTOCOL);
  }

  static List<String> subprotocols(MultiMap headers) {
    List<String> out = new ArrayList<>();
    for (String header : headers.getAll("Sec-WebSocket-Protocol")) {
      for (String p : header.split(",")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
    }
    return out;
  }
}
