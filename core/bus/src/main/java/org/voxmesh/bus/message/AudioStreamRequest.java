package org.voxmesh.bus.message;

import java.util.Objects;
import org.voxmesh.audio.AudioFormat;

/**
 * What an internal service sends to the audio gateway to transcribe a stream without a WebSocket
 * ({@code docs/internal-audio.md}). {@link Start} goes to {@code voxmesh.audio.streams} (any gateway
 * instance); the reply names the owning instance's per-stream address, where {@link Chunk} and
 * {@link End} go, in order.
 */
public sealed interface AudioStreamRequest extends BusMessage {

  /** The stream this request belongs to. */
  String streamId();

  /**
   * Opens a transcription session for the stream. Reply: {@link AudioStreamReply.Started}.
   *
   * @param streamId the caller's name for the stream: 1-128 of {@code [A-Za-z0-9_.:-]}
   * @param format the format of every chunk
   * @param turnDetection server VAD settings, or null for the gateway's defaults (turns are always detected)
   * @param transcription transcription settings, or null for the gateway's defaults
   * @param eventsAddress where the session's {@link SessionInput} events are sent (one-way), or null for none
   */
  record Start(String streamId, AudioFormat format, IngestRequest.TurnSettings turnDetection,
      IngestRequest.TranscriptionSettings transcription, String eventsAddress) implements AudioStreamRequest {
    public Start {
      Objects.requireNonNull(streamId, "streamId");
      Objects.requireNonNull(format, "format");
    }
  }

  /**
   * Audio in the stream's format. {@code seq} increases per stream; a chunk whose seq is not above the
   * last one taken is dropped as a duplicate. Reply: {@link AudioStreamReply.ChunkTaken}, only once
   * the pipeline took the audio (the credit back).
   */
  record Chunk(String streamId, long seq, byte[] audio) implements AudioStreamRequest {
    public Chunk {
      Objects.requireNonNull(streamId, "streamId");
      Objects.requireNonNull(audio, "audio");
    }
  }

  /**
   * No more audio: a turn in progress is committed, then the session closes. Reply:
   * {@link AudioStreamReply.Ended} once every turn was handed to the transcriber.
   */
  record End(String streamId) implements AudioStreamRequest {
    public End {
      Objects.requireNonNull(streamId, "streamId");
    }
  }
}
