package org.voxmesh.speech.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An engine enum whose constants settings name by a short id such as {@code openai-compatible},
 * kept apart from the constant's Java name so that configuration stays stable.
 */
public interface EngineChoice {

  /** The engine's name in settings. */
  String id();

  /**
   * The constant of {@code engines} whose id is {@code name}, ignoring case and surrounding blanks.
   *
   * @param kind the kind of engine, for the message, e.g. {@code speech recognizer}
   * @throws IllegalArgumentException naming the choices when none matches
   */
  static <E extends Enum<E> & EngineChoice> E parse(Class<E> engines, String name, String kind) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    E[] choices = engines.getEnumConstants();
    for (E e : choices) {
      if (e.id().equals(n)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown "
            + kind
            + " engine '"
            + name
            + "'; choose one of "
            + Arrays.stream(choices).map(EngineChoice::id).collect(Collectors.joining(", ")));
  }
}
