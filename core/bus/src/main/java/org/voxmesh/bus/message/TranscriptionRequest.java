package org.voxmesh.bus.message;

import java.util.Objects;

/** What an ingest pipeline sends to the transcript service, per session, in stream order. */
public sealed interface TranscriptionRequest extends BusMessage {

  /** Asks any transcript instance to serve this session. Reply: {@link TranscriptionReply.Opened}. */
  record Open(String sessionId, String inboxAddress) implements TranscriptionRequest {
    public Open {
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(inboxAddress, "inboxAddress");
    }
  }

  /**
   * A turn begins. {@code sourceSampleRate} is the rate of the client's audio before resampling
   * (8000 for telephony), so engines can tell narrowband audio apart. Reply: {@link TranscriptionReply.Accepted}.
   */
  record TurnStart(String itemId, long audioStartMs, IngestRequest.TranscriptionSettings settings, int sourceSampleRate)
      implements TranscriptionRequest {}

  /** Turn audio: 16 kHz mono PCM16 little-endian. Reply: {@link TranscriptionReply.Accepted}. */
  record TurnAudio(String itemId, byte[] pcm16k) implements TranscriptionRequest {}

  /** The turn is committed; finish it and publish the transcript. Reply: {@link TranscriptionReply.Accepted}. */
  record TurnEnd(String itemId, String previousItemId, long audioStartMs, long audioEndMs) implements TranscriptionRequest {}

  /** The turn was cleared before commit; drop it. Reply: {@link TranscriptionReply.Accepted}. */
  record TurnAbort(String itemId) implements TranscriptionRequest {}

  /** The session ended. Reply: {@link TranscriptionReply.Accepted}. */
  record Close() implements TranscriptionRequest {}
}
