package org.voxmesh.transcript;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.speech.asr.RecognizerSettings;

/**
 * Settings of the transcript service.
 *
 * @param asrThreads worker threads running the ASR engine (one utterance per thread at a time)
 * @param defaultModel model name reported when the session asked for none
 * @param recognizer which engine transcribes, with its own settings
 * @param engineModelFixed true when the operator named the engine's model: sessions' requested model
 *     names are then recorded but not passed to the engine
 * @param turnIdleTimeout an open turn that hears nothing from its ingest this long is aborted (the
 *     ingest died mid-turn): its decoder goes back to the pool and the session is told it failed
 * @param sessionIdleTimeout a session with no open turn and no request this long is closed here
 */
public record TranscriptConfig(int asrThreads, String defaultModel, RecognizerSettings recognizer,
    boolean engineModelFixed, Duration turnIdleTimeout, Duration sessionIdleTimeout) {

  public static TranscriptConfig from(Settings s) {
    int decoders = s.integer("asr.max.decoders", 8, 1, 256);
    Map<String, String> engine = new HashMap<>();
    engine.put("engine", s.string("asr.engine", "pocketsphinx"));
    engine.put("pocketsphinx.max-decoders", Integer.toString(decoders));
    put(engine, "pocketsphinx.model-dir", s.stringOrNull("asr.pocketsphinx.model.dir"));
    put(engine, "openai.base-url", s.stringOrNull("asr.openai.base.url"));
    put(engine, "openai.api-key", s.stringOrNull("asr.openai.api.key"));
    put(engine, "openai.model", s.stringOrNull("asr.openai.model"));
    put(engine, "openai.timeout-ms", s.stringOrNull("asr.openai.timeout.ms"));
    put(engine, "openai.max-concurrent", s.stringOrNull("asr.openai.max.concurrent"));
    RecognizerSettings recognizer;
    try {
      recognizer = RecognizerSettings.fromMap(engine);
    } catch (IllegalArgumentException e) {
      throw new Settings.ConfigException("invalid ASR configuration (VOXMESH_ASR_*): " + e.getMessage());
    }
    return new TranscriptConfig(
        s.integer("asr.threads", decoders, 1, 256),
        s.string("asr.default.model", "gpt-4o-transcribe"),
        recognizer,
        s.stringOrNull("asr.openai.model") != null,
        Duration.ofMillis(s.integer("transcript.turn.idle.timeout.ms", 10_000, 100, 3_600_000)),
        Duration.ofMillis(s.integer("transcript.session.idle.timeout.ms", 300_000, 100, 86_400_000)));
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
