package org.voxmesh.ingest;

import org.voxmesh.runtime.config.Settings;

/**
 * Settings of the audio-ingest service.
 *
 * @param vadThreads worker threads running VAD for all sessions of this instance
 * @param maxSessions sessions this instance accepts before refusing new ones as overloaded
 * @param transcriberTimeoutMs how long to wait for the transcript service to take a request
 */
public record IngestConfig(int vadThreads, int maxSessions, long transcriberTimeoutMs) {

  public static IngestConfig from(Settings s) {
    return new IngestConfig(
        s.integer("ingest.vad.threads", Math.max(2, Runtime.getRuntime().availableProcessors()), 1, 256),
        s.integer("ingest.max.sessions", 1000, 1, 100_000),
        s.integer("ingest.transcriber.timeout.ms", 10_000, 100, 600_000));
  }
}
