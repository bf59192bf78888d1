package org.voxmesh.session.conversation;

import java.util.HashMap;
import java.util.Map;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.speech.responder.ResponderSettings;
import org.voxmesh.speech.tts.TtsSettings;

/**
 * Reads which responder and speech synthesizer conversations use from the service settings
 * ({@code VOXMESH_RESPONDER_*}, {@code VOXMESH_TTS_*}), failing startup with the key on a bad value.
 */
public final class EngineSettings {

  private EngineSettings() {}

  public static ResponderSettings responder(Settings s) {
    Map<String, String> m = new HashMap<>();
    m.put("engine", s.string("responder.engine", "embedded"));
    put(m, "embedded.word-delay-ms", s.stringOrNull("responder.embedded.word.delay.ms"));
    put(m, "openai.base-url", s.stringOrNull("responder.openai.base.url"));
    put(m, "openai.api-key", s.stringOrNull("responder.openai.api.key"));
    put(m, "openai.model", s.stringOrNull("responder.openai.model"));
    put(m, "openai.timeout-ms", s.stringOrNull("responder.openai.timeout.ms"));
    put(m, "openai.max-concurrent", s.stringOrNull("responder.openai.max.concurrent"));
    try {
      return ResponderSettings.fromMap(m);
    } catch (IllegalArgumentException e) {
      throw new Settings.ConfigException("invalid responder configuration (VOXMESH_RESPONDER_*): " + e.getMessage());
    }
  }

  public static TtsSettings synthesizer(Settings s) {
    Map<String, String> m = new HashMap<>();
    m.put("engine", s.string("tts.engine", "flite"));
    put(m, "flite.default-voice", s.stringOrNull("tts.flite.default.voice"));
    put(m, "flite.max-concurrent", s.stringOrNull("tts.max.concurrent"));
    put(m, "openai.base-url", s.stringOrNull("tts.openai.base.url"));
    put(m, "openai.api-key", s.stringOrNull("tts.openai.api.key"));
    put(m, "openai.model", s.stringOrNull("tts.openai.model"));
    put(m, "openai.timeout-ms", s.stringOrNull("tts.openai.timeout.ms"));
    put(m, "openai.max-concurrent", s.stringOrNull("tts.openai.max.concurrent"));
    try {
      return TtsSettings.fromMap(m);
    } catch (IllegalArgumentException e) {
      throw new Settings.ConfigException("invalid speech synthesis configuration (VOXMESH_TTS_*): " + e.getMessage());
    }
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
