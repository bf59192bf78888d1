package org.voxmesh.protocol.id;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifier formats of the Realtime API (REALTIME_PROTOCOL.md §11.1).
 *
 * <p>{@code event_}, {@code sess_}, {@code item_}, {@code resp_} and {@code conv_} ids carry 21 base62
 * characters: 7 characters of the current epoch millisecond (so ids sort by creation time and events of
 * one response share a prefix) followed by 14 random characters. They are not secrets and use
 * {@link ThreadLocalRandom}. The ephemeral client secret ({@code ek_} + 32 hex) uses {@link SecureRandom}.
 * All methods are thread-safe.
 */
public final class Ids {

  /** Base62 in ASCII order, so that lexical order of ids equals numeric order of their time prefix. */
  static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  static final int SUFFIX_LENGTH = 21;
  private static final int TIME_CHARS = 7;               // 62^7 ms ≈ 111 years from 1970
  private static final SecureRandom SECURE = new SecureRandom();

  private Ids() {}

  /** {@code event_} + 21 base62, for server events. */
  public static String eventId() { return timeOrdered("event_"); }

  /** {@code sess_} + 21 base62. */
  public static String sessionId() { return timeOrdered("sess_"); }

  /** {@code item_} + 21 base62, for server-created conversation items. */
  public static String itemId() { return timeOrdered("item_"); }

  /** {@code resp_} + 21 base62. */
  public static String responseId() { return timeOrdered("resp_"); }

  /** {@code conv_} + 21 base62. */
  public static String conversationId() { return timeOrdered("conv_"); }

  /** {@code call_} + 16 alphanumerics, for function calls. */
  public static String callId() {
    StringBuilder sb = new StringBuilder(5 + 16).append("call_");
    appendRandomBase62(sb, 16);
    return sb.toString();
  }

  /** {@code ek_} + 32 lowercase hex from a {@link SecureRandom}: an ephemeral client secret. */
  public static String ephemeralKey() {
    byte[] bytes = new byte[16];
    SECURE.nextBytes(bytes);
    StringBuilder sb = new StringBuilder(3 + 32).append("ek_");
    for (byte b : bytes) {
      sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
    return sb.toString();
  }

  static String timeOrdered(String prefix) {
    return timeOrdered(prefix, System.currentTimeMillis());
  }

  static String timeOrdered(String prefix, long epochMillis) {
    char[] out = new char[prefix.length() + SUFFIX_LENGTH];
    prefix.getChars(0, prefix.length(), out, 0);
    long t = epochMillis;
    for (int i = prefix.length() + TIME_CHARS - 1; i >= prefix.length(); i--) {
      out[i] = BASE62[(int) Math.floorMod(t, 62L)];
      t = Math.floorDiv(t, 62L);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = prefix.length() + TIME_CHARS; i < out.length; i++) {
      out[i] = BASE62[random.nextInt(62)];
    }
    return new String(out);
  }

  private static void appendRandomBase62(StringBuilder sb, int count) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < count; i++) {
      sb.append(BASE62[random.nextInt(62)]);
    }
  }
}
