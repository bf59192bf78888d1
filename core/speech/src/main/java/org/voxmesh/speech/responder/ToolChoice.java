package org.voxmesh.speech.responder;

import java.util.Objects;

/**
 * Whether and which tool the assistant must call (Realtime {@code tool_choice}).
 *
 * @param mode {@link Mode#AUTO} (the engine decides), {@link Mode#NONE} (never call), {@link
 *     Mode#REQUIRED} (call some tool) or {@link Mode#FUNCTION} (call {@code functionName})
 * @param functionName the function to call when {@code mode} is {@link Mode#FUNCTION}, else null
 */
public record ToolChoice(Mode mode, String functionName) {

  public enum Mode {
    AUTO,
    NONE,
    REQUIRED,
    FUNCTION
  }

  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  public ToolChoice {
    Objects.requireNonNull(mode, "mode");
    if (mode == Mode.FUNCTION) {
      if (functionName == null || functionName.isBlank()) {
        throw new IllegalArgumentException("tool choice FUNCTION needs a function name");
      }
    } else if (functionName != null) {
      throw new IllegalArgumentException("only tool choice FUNCTION names a function");
    }
  }

  /** {@code {"type":"function","name":name}}. */
  public static ToolChoice function(String name) {
    return new ToolChoice(Mode.FUNCTION, name);
  }
}
