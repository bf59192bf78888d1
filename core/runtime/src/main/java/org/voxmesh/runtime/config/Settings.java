package org.voxmesh.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Layered configuration: built-in defaults &lt; a properties file ({@code VOXMESH_CONFIG}) &lt;
 * environment variables ({@code VOXMESH_HTTP_PORT} for key {@code http.port}) &lt; system properties
 * ({@code -Dvoxmesh.http.port}). Services turn it into their own typed record once, at startup;
 * a bad value fails startup with a message naming the key.
 */
public final class Settings {

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Reads the file named by VOXMESH_CONFIG (if any), the environment and system properties. */
  public static Settings load() {
    return load(System.getenv(), System.getProperties());
  }

  static Settings load(Map<String, String> env, Properties sysprops) {
    Map<String, String> merged = new HashMap<>();
    String file = sysprops.getProperty("voxmesh.config", env.get("VOXMESH_CONFIG"));
    if (file != null && !file.isBlank()) {
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(Path.of(file))) {
        props.load(in);
      } catch (IOException e) {
        throw new ConfigException("VOXMESH_CONFIG: cannot read '" + file + "': " + e.getMessage());
      }
      props.forEach((k, v) -> merged.put(k.toString(), v.toString().trim()));
    }
    env.forEach((k, v) -> {
      if (k.startsWith("VOXMESH_") && !k.equals("VOXMESH_CONFIG")) {
        merged.put(k.substring("VOXMESH_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
      }
    });
    sysprops.forEach((k, v) -> {
      String key = k.toString();
      if (key.startsWith("voxmesh.") && !key.equals("voxmesh.config") && !key.equals("voxmesh.home")) {
        merged.put(key.substring("voxmesh.".length()), v.toString());
      }
    });
    // The few standard names operators already know.
    if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
      merged.putIfAbsent("kafka.bootstrap.servers", env.get("KAFKA_BOOTSTRAP_SERVERS"));
    }
    return new Settings(merged);
  }

  /** Settings from an explicit map (tests, embedded use). Keys as in the properties file. */
  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  /** A copy with {@code overrides} on top. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(overrides);
    return new Settings(merged);
  }

  public String string(String key, String defaultValue) {
    String v = values.get(key);
    return v == null || v.isBlank() ? defaultValue : v.trim();
  }

  public String stringOrNull(String key) {
    return string(key, null);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    String v = string(key, null);
    if (v == null) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw invalid(key, v, "an integer in [" + min + ", " + max + "]");
    }
    if (parsed < min || parsed > max) {
      throw invalid(key, v, "an integer in [" + min + ", " + max + "]");
    }
    return parsed;
  }

  public boolean bool(String key, boolean defaultValue) {
    String v = string(key, null);
    if (v == null) {
      return defaultValue;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw invalid(key, v, "true or false");
    };
  }

  public Duration seconds(String key, Duration defaultValue, long minSeconds, long maxSeconds) {
    int s = integer(key, (int) defaultValue.toSeconds(), (int) minSeconds, (int) maxSeconds);
    return Duration.ofSeconds(s);
  }

  /** A comma-separated list; empty when unset. */
  public List<String> list(String key) {
    String v = string(key, null);
    List<String> out = new ArrayList<>();
    if (v != null) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  private static ConfigException invalid(String key, String value, String expected) {
    String env = "VOXMESH_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    return new ConfigException(
        "invalid configuration " + key + " (" + env + "): '" + value + "' (expected: " + expected + ")");
  }

  /** Startup configuration error; the message names the key and the expectation. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }
}
