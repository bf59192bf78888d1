package org.voxmesh.bus.kafka;

import java.util.List;

/**
 * Kafka topic names. The {@code .vN} suffix is the major version of the record schema: a change that would
 * break an existing consumer gets a new topic, never a new shape on an old one (docs/kafka-transcripts.md).
 */
public final class Topics {

  /** Final transcripts, one {@link TranscriptRecord} per completed transcription; key = session id. */
  public static final String TRANSCRIPTS = "voxmesh.transcripts.v1";
  /** Session lifecycle and usage events; key = session id. */
  public static final String SESSION_EVENTS = "voxmesh.session-events.v1";
  /**
   * Audio from internal producers, transcribed by the audio gateway; key = stream id, value = raw audio,
   * headers {@code format}, {@code sequence}, optional {@code end} (docs/internal-audio.md).
   */
  public static final String AUDIO_IN = "voxmesh.audio-in.v1";
  /** Webhook deliveries that exhausted their retries. */
  public static final String WEBHOOKS_DLQ = "voxmesh.webhooks.dlq.v1";

  public static final List<String> ALL = List.of(TRANSCRIPTS, SESSION_EVENTS, WEBHOOKS_DLQ, AUDIO_IN);

  private Topics() {}
}
