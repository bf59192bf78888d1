package org.voxmesh.session.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** The standard (long-lived) API keys from configuration. Compared in constant time. */
public final class ApiKeys {

  private final List<byte[]> keys;

  public ApiKeys(List<String> keys) {
    this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
  }

  public boolean isValid(String candidate) {
    if (candidate == null) {
      return false;
    }
    byte[] c = candidate.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] key : keys) {
      match |= MessageDigest.isEqual(key, c);
    }
    return match;
  }
}
