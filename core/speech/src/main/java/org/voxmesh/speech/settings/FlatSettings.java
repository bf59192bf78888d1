package org.voxmesh.speech.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An engine's flat string settings ({@code openai.timeout-ms=30000}, ...), read with messages that
 * name the key. Unknown keys are refused up front so that a typo fails startup instead of being
 * silently ignored. In the typed readers a missing or blank value means the default.
 */
public final class FlatSettings {

  private final Map<String, String> values;

  /**
   * @param owner what the settings configure, for messages, e.g. {@code speech recognizer}
   * @param values the settings; copied
   * @param known every key the owner reads
   * @throws IllegalArgumentException on a key not in {@code known}, listing the known ones
   */
  public FlatSettings(String owner, Map<String, String> values, Set<String> known) {
    this.values = new HashMap<>(values);
    for (String key : this.values.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown " + owner + " setting '" + key + "'; known: " + new TreeSet<>(known));
      }
    }
  }

  /** The value as given, or null when the key is absent. */
  public String string(String key) {
    return values.get(key);
  }

  /** The value as given (even blank), or {@code dflt} when the key is absent. */
  public String string(String key, String dflt) {
    return values.getOrDefault(key, dflt);
  }

  /**
   * The value as given.
   *
   * @throws IllegalArgumentException with {@code messageIfMissing} when it is missing or blank
   */
  public String required(String key, String messageIfMissing) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(messageIfMissing);
    }
    return v;
  }

  public int integer(String key, int dflt) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
    }
  }

  /** Accepts {@code true/yes/1} and {@code false/no/0}, in any case. */
  public boolean bool(String key, boolean dflt) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    };
  }

  public Path path(String key, Path dflt) {
    String v = values.get(key);
    return v == null || v.isBlank() ? dflt : Path.of(v.strip());
  }

  /** A whole number of milliseconds, for keys named {@code *-ms}. */
  public Duration millis(String key, Duration dflt) {
    return Duration.ofMillis(integer(key, (int) dflt.toMillis()));
  }

  /** A whole number of seconds, for keys named {@code *-seconds}. */
  public Duration seconds(String key, Duration dflt) {
    return Duration.ofSeconds(integer(key, (int) dflt.toSeconds()));
  }
}
