package org.voxmesh.speech.vad;

/** A loaded VAD model that hands out per-stream detectors. Thread-safe. */
public interface VadEngine extends AutoCloseable {

  /** Short engine name for logs and metrics, e.g. {@code silero-v5}. */
  String name();

  VoiceActivityDetector newDetector();

  @Override
  void close();
}
