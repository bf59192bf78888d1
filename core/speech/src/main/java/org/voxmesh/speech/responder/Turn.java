package org.voxmesh.speech.responder;

import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the conversation a {@link Responder} answers, oldest first. The session service maps
 * each Realtime conversation item (or content part) onto one turn: a user message with an {@code
 * input_text} and an {@code input_image} part becomes a {@link UserText} followed by a {@link
 * UserImage}. Engines treat consecutive user turns as one user message, and an {@link
 * AssistantText} directly followed by {@link FunctionCall}s (or several function calls in a row) as
 * one assistant message.
 */
public sealed interface Turn {

  /** A user's typed text ({@code input_text}). */
  record UserText(String text) implements Turn {
    public UserText {
      text = text == null ? "" : text;
    }
  }

  /**
   * A user's spoken input ({@code input_audio}), known by its transcript; null or blank when it was
   * not transcribed (engines then treat it as inaudible).
   */
  record UserAudio(String transcript) implements Turn {}

  /**
   * An image the user sent ({@code input_image}).
   *
   * @param dataUrl a {@code data:image/png;base64,...} (or jpeg) URL; http(s) URLs pass through
   * @param mimeType e.g. {@code image/png}; when null it is read from the data URL
   * @param detail {@code auto}, {@code low} or {@code high}; null = engine default
   */
  record UserImage(String dataUrl, String mimeType, String detail) implements Turn {
    public UserImage {
      Objects.requireNonNull(dataUrl, "dataUrl");
      if (mimeType == null || mimeType.isBlank()) {
        mimeType = mimeOf(dataUrl);
      }
      if (detail != null) {
        detail = detail.strip().toLowerCase(Locale.ROOT);
        if (!(detail.equals("auto") || detail.equals("low") || detail.equals("high"))) {
          throw new IllegalArgumentException(
              "image detail must be auto, low or high, got " + detail);
        }
      }
    }

    public UserImage(String dataUrl, String mimeType) {
      this(dataUrl, mimeType, null);
    }

    /** Never prints the (possibly megabytes long) data. */
    @Override
    public String toString() {
      return "UserImage[mimeType="
          + mimeType
          + ", detail="
          + detail
          + ", "
          + dataUrl.length()
          + " chars]";
    }

    private static String mimeOf(String url) {
      if (url.startsWith("data:")) {
        int end = url.indexOf(';');
        int comma = url.indexOf(',');
        int stop = end < 0 ? comma : comma < 0 ? end : Math.min(end, comma);
        if (stop > 5) {
          return url.substring(5, stop);
        }
      }
      return null;
    }
  }

  /**
   * Text the assistant said earlier ({@code output_text}, or an {@code output_audio} transcript).
   */
  record AssistantText(String text) implements Turn {
    public AssistantText {
      text = text == null ? "" : text;
    }
  }

  /** A system message inside the conversation (not the session instructions). */
  record SystemText(String text) implements Turn {
    public SystemText {
      text = text == null ? "" : text;
    }
  }

  /**
   * A function call the assistant made ({@code function_call} item).
   *
   * @param arguments the arguments as a JSON string (may be partial if the call was cut off)
   */
  record FunctionCall(String callId, String name, String arguments) implements Turn {
    public FunctionCall {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(name, "name");
      arguments = arguments == null ? "" : arguments;
    }
  }

  /** What the client's tool answered ({@code function_call_output} item): free-form text. */
  record FunctionCallOutput(String callId, String output) implements Turn {
    public FunctionCallOutput {
      Objects.requireNonNull(callId, "callId");
      output = output == null ? "" : output;
    }
  }

  /** True for the turns that make up a user message (text, audio transcript, image). */
  default boolean fromUser() {
    return this instanceof UserText || this instanceof UserAudio || this instanceof UserImage;
  }
}
