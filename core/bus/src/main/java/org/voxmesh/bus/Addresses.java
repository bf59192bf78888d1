package org.voxmesh.bus;

import org.voxmesh.bus.message.AudioStreamReply;
import org.voxmesh.bus.message.AudioStreamRequest;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;
import org.voxmesh.bus.message.TranscriptionReply;
import org.voxmesh.bus.message.TranscriptionRequest;

/** Every event-bus address Voxmesh uses. Per-session addresses are built here, never inline. */
public final class Addresses {

  /** Any audio-ingest instance answers; the reply names the owning instance's session address. */
  public static final Endpoint<IngestRequest, IngestReply> INGEST_OPEN =
      Endpoint.of("voxmesh.ingest.open", IngestRequest.class, IngestReply.class);

  /** Any transcript instance answers; the reply names the owning instance's session address. */
  public static final Endpoint<TranscriptionRequest, TranscriptionReply> TRANSCRIPTION_OPEN =
      Endpoint.of("voxmesh.transcription.open", TranscriptionRequest.class, TranscriptionReply.class);

  /** Where one session's audio and controls go, on the ingest instance that owns it. */
  public static Endpoint<IngestRequest, IngestReply> ingestSession(String instanceId, String sessionId) {
    return Endpoint.of("voxmesh.ingest." + instanceId + "." + sessionId, IngestRequest.class, IngestReply.class);
  }

  /** Where one session's turns go, on the transcript instance that serves it. */
  public static Endpoint<TranscriptionRequest, TranscriptionReply> transcriptionSession(String instanceId, String sessionId) {
    return Endpoint.of("voxmesh.transcription." + instanceId + "." + sessionId,
        TranscriptionRequest.class, TranscriptionReply.class);
  }

  /**
   * Any audio-gateway instance answers an {@link AudioStreamRequest.Start}; the reply names the owning
   * instance's stream address ({@link #audioStream}), where the stream's chunks and end go.
   */
  public static final Endpoint<AudioStreamRequest, AudioStreamReply> AUDIO_STREAMS =
      Endpoint.of("voxmesh.audio.streams", AudioStreamRequest.class, AudioStreamReply.class);

  /** Where one stream's chunks and end go, on the gateway instance that owns it. */
  public static Endpoint<AudioStreamRequest, AudioStreamReply> audioStream(String instanceId, String streamId) {
    return Endpoint.of("voxmesh.audio.streams." + instanceId + "." + streamId,
        AudioStreamRequest.class, AudioStreamReply.class);
  }

  /** A session's inbox: VAD and transcript events for it (one-way sends). */
  public static String sessionInbox(String sessionId) {
    return "voxmesh.session." + sessionId + ".inbox";
  }

  private Addresses() {}
}
