package org.voxmesh.speech.responder;

/**
 * An engine that writes the assistant's reply to a conversation: text, function calls, or both.
 * Thread-safe; hands out one {@link ResponseStream} per response. Implementations bound their own
 * capacity and refuse with {@link ResponderOverloadedException} instead of queueing without bound.
 *
 * <p>Implementations: {@link RuleResponder} (embedded, rule-based, not a language model) and {@link
 * org.voxmesh.speech.engine.chat.ChatCompletionsResponder} (any OpenAI-compatible Chat Completions
 * server). Build the configured one with {@link Responders#create}.
 */
public interface Responder extends AutoCloseable {

  /** Engine/model name reported to users, e.g. {@code voxmesh-embedded-responder}. */
  String name();

  /**
   * Starts a response. May block briefly (it does not wait for the engine's first output): call it
   * on a worker thread.
   *
   * @throws ResponderOverloadedException when the engine is at capacity
   * @throws IllegalStateException when the responder is closed
   */
  ResponseStream respond(ResponseRequest request);

  /** Refuses new responses; open streams may finish. Idempotent. */
  @Override
  void close();
}
