package org.voxmesh.testkit.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags of {@code agents-session.mjs} (a RealtimeAgent with one tool in a RealtimeSession of
 * {@code @openai/agents-realtime} over WebSocket). Run it with
 * {@code NodeScripts.locate().invocation(AgentsArgs.SCRIPT)}; scenarios: connect, text, audio, tool,
 * interrupt, barge-in (see the script's {@code --help}).
 */
public final class AgentsArgs {

  /** The script's file name in {@code testkit/node}. */
  public static final String SCRIPT = "agents-session.mjs";

  private final List<String> args = new ArrayList<>();

  private AgentsArgs() {}

  public static AgentsArgs create(String baseUrl, String apiKey, String scenario) {
    AgentsArgs a = new AgentsArgs();
    a.add("--base-url", baseUrl);
    if (apiKey != null) {
      a.add("--api-key", apiKey);
    }
    return a.add("--scenario", scenario);
  }

  private AgentsArgs add(String flag, Object value) {
    args.add(flag);
    args.add(String.valueOf(value));
    return this;
  }

  public AgentsArgs model(String model) {
    return add("--model", model);
  }

  /** Raw PCM16 24 kHz audio for the audio and barge-in scenarios. */
  public AgentsArgs audio(Path file) {
    return add("--audio", file.toAbsolutePath());
  }

  public AgentsArgs message(String text) {
    return add("--message", text);
  }

  public AgentsArgs longMessage(String text) {
    return add("--long-message", text);
  }

  public AgentsArgs leadMs(int ms) {
    return add("--lead-ms", ms);
  }

  public AgentsArgs gapMs(int ms) {
    return add("--gap-ms", ms);
  }

  public AgentsArgs silenceMs(int ms) {
    return add("--silence-ms", ms);
  }

  public AgentsArgs interruptAfter(int audioChunks) {
    return add("--interrupt-after", audioChunks);
  }

  public AgentsArgs outputModality(String modality) {
    return add("--output-modality", modality);
  }

  public AgentsArgs voice(String voice) {
    return add("--voice", voice);
  }

  /** Send the SDK's default session config (semantic_vad, gpt-4o-mini-transcribe) instead of server_vad. */
  public AgentsArgs sdkDefaults() {
    args.add("--sdk-defaults");
    return this;
  }

  public AgentsArgs lingerMs(int ms) {
    return add("--linger-ms", ms);
  }

  public List<String> toArgs() {
    return List.copyOf(args);
  }

  @Override
  public String toString() {
    return String.join(" ", args);
  }
}
