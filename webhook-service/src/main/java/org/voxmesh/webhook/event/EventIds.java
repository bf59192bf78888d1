package org.voxmesh.webhook.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic identifiers, so a retry, a redelivery after a restart and a replay all carry the same ids and a
 * receiver can drop what it has seen:
 *
 * <ul>
 *   <li>event id {@code evt_} + 32 hex = the first 16 bytes of SHA-256 over (event type, session id, sequence);
 *   <li>{@code webhook-id} {@code wh_} + 32 hex = the same over (event id, endpoint id): one message id per
 *       event and endpoint, as Standard Webhooks wants.
 * </ul>
 *
 * The formats match OpenAI's ({@code evt_685343a1381c819085d44c354e1b330e}, {@code wh_685342e6…}).
 */
public final class EventIds {

  private EventIds() {}

  public static String eventId(String eventType, String sessionId, long sequence) {
    return "evt_" + hash128("event", eventType, sessionId, Long.toString(sequence));
  }

  public static String webhookId(String eventId, String endpointId) {
    return "wh_" + hash128("webhook", eventId, endpointId);
  }

  private static String hash128(String... parts) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (String part : parts) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0); // separator: ("ab","c") and ("a","bc") differ
    }
    byte[] digest = sha.digest();
    return HexFormat.of().formatHex(digest, 0, 16);
  }
}
