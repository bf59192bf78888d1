package org.voxmesh.speech.responder;

import org.voxmesh.speech.engine.chat.ChatCompletionsResponder;

/** Builds the {@link Responder} a service's settings ask for. */
public final class Responders {

  private Responders() {}

  /**
   * Creates the configured engine. Neither engine does I/O here.
   *
   * @throws IllegalStateException for {@code openai-compatible} when the {@code
   *     com.openai:openai-java} client is missing from the classpath (a module that declares it
   *     with {@code <scope>test</scope>} hides this module's compile dependency on it)
   */
  public static Responder create(ResponderSettings settings) {
    return switch (settings.engine()) {
      case EMBEDDED -> new RuleResponder(settings.embedded());
      case OPENAI_COMPATIBLE -> {
        try {
          yield new ChatCompletionsResponder(settings.chatCompletions());
        } catch (NoClassDefFoundError e) {
          throw new IllegalStateException(
              "the openai-compatible responder needs com.openai:openai-java on the runtime"
                  + " classpath, and it is missing: "
                  + e.getMessage(),
              e);
        }
      }
    };
  }
}
