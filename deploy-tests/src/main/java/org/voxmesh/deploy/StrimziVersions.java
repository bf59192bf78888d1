package org.voxmesh.deploy;

import java.util.List;

/** Strimzi API version ranges as written in its annotations: {@code v1}, {@code v1+}, {@code v1beta1-v1beta2}, {@code all}. */
final class StrimziVersions {

  private static final List<String> ORDER = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");

  private StrimziVersions() {}

  /** Whether {@code apiVersion} ({@code kafka.strimzi.io/v1}) lies in {@code range}. */
  static boolean contains(String range, String apiVersion) {
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    int v = ORDER.indexOf(version);
    String r = range.trim();
    if (r.equals("all")) {
      return true;
    }
    if (r.endsWith("+")) {
      return v >= ORDER.indexOf(r.substring(0, r.length() - 1));
    }
    int dash = r.indexOf('-');
    if (dash > 0) {
      return v >= ORDER.indexOf(r.substring(0, dash)) && v <= ORDER.indexOf(r.substring(dash + 1));
    }
    return r.equals(version);
  }
}
