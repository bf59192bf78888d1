package org.voxmesh.transcript;

import org.voxmesh.runtime.config.Settings;

/**
 * Settings of the transcript service.
 *
 * @param asrThreads worker threads running the ASR engine (one utterance per thread at a time)
 * @param defaultModel model name reported when the session asked for none
 */
public record TranscriptConfig(int asrThreads, String defaultModel) {

  public static TranscriptConfig from(Settings s) {
    return new TranscriptConfig(
        s.integer("asr.threads", 8, 1, 256),
        s.string("asr.default.model", "gpt-4o-transcribe"));
  }
}
