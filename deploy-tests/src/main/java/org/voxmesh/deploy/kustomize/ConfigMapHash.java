package org.voxmesh.deploy.kustomize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name suffix kustomize gives a generated ConfigMap: sha256 over Go's {@code json.Marshal} of
 * {@code {"data":…,"kind":"ConfigMap","name":""}}, first 10 hex digits with 0,1,3,a,e swapped for g,h,k,m,t.
 *
 * <p>The name is empty on purpose: kustomize v5 looks the name up with the path {@code "metadata/name"} as a single
 * field, finds nothing and hashes "" (checked against {@code kubectl kustomize}, Kustomize v5.5.0: {@code X=1} gives
 * {@code 4f64tg9ch6}). Go's encoder sorts keys and escapes {@code < > &} (and U+2028/U+2029); so does this one.
 */
public final class ConfigMapHash {

  private ConfigMapHash() {}

  public static String suffix(Map<String, String> data) {
    StringBuilder json = new StringBuilder("{\"data\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      goString(json, e.getKey());
      json.append(':');
      goString(json, e.getValue());
    }
    json.append("},\"kind\":\"ConfigMap\",\"name\":\"\"}");
    return encode(sha256Hex(json.toString()));
  }

  static String encode(String hex) {
    char[] out = hex.substring(0, 10).toCharArray();
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (out[i]) {
        case '0' -> 'g';
        case '1' -> 'h';
        case '3' -> 'k';
        case 'a' -> 'm';
        case 'e' -> 't';
        default -> out[i];
      };
    }
    return new String(out);
  }

  /** A JSON string the way Go's encoding/json writes it (HTML-safe). Go sorts keys by bytes; these are ASCII. */
  static void goString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
