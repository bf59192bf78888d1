package org.voxmesh.testkit.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags of {@code realtime-conversation.mjs} (official {@code openai} SDK, conversation session,
 * scenario steps). Run it with {@code NodeScripts.locate().invocation(ConversationArgs.SCRIPT)}:
 *
 * <pre>{@code
 * NodeResult r = scripts.invocation(ConversationArgs.SCRIPT).ca(ca)
 *     .args(ConversationArgs.create(baseUrl, key).steps(steps, dir.resolve("steps.json")).toArgs())
 *     .timeout(Duration.ofSeconds(30)).run();
 * }</pre>
 */
public final class ConversationArgs {

  /** The script's file name in {@code testkit/node}. */
  public static final String SCRIPT = "realtime-conversation.mjs";

  private final List<String> args = new ArrayList<>();

  private ConversationArgs() {}

  /** {@code --base-url} (e.g. {@code https://127.0.0.1:8443/v1}) and {@code --api-key}. */
  public static ConversationArgs create(String baseUrl, String apiKey) {
    ConversationArgs a = new ConversationArgs();
    a.add("--base-url", baseUrl);
    if (apiKey != null) {
      a.add("--api-key", apiKey);
    }
    return a;
  }

  private ConversationArgs add(String flag, Object value) {
    args.add(flag);
    args.add(String.valueOf(value));
    return this;
  }

  /** {@code ?model=} (default gpt-realtime). */
  public ConversationArgs model(String model) {
    return add("--model", model);
  }

  /** {@code --steps @file} for a file written beforehand. */
  public ConversationArgs steps(Path file) {
    return add("--steps", "@" + file.toAbsolutePath());
  }

  /** Writes {@code steps} to {@code file} and passes it. */
  public ConversationArgs steps(ConversationSteps steps, Path file) {
    return steps(steps.writeTo(file));
  }

  public ConversationArgs lingerMs(int ms) {
    return add("--linger-ms", ms);
  }

  public ConversationArgs noWaitCreated() {
    args.add("--no-wait-created");
    return this;
  }

  public List<String> toArgs() {
    return List.copyOf(args);
  }

  @Override
  public String toString() {
    return String.join(" ", args);
  }
}
