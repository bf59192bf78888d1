package org.voxmesh.bus.message;

import java.util.Objects;
import org.voxmesh.audio.AudioFormat;

/** What a session sends to the ingest service: opening, audio and control, in stream order. */
public sealed interface IngestRequest extends BusMessage {

  /** Asks any ingest instance to own this session's audio pipeline. Reply: {@link IngestReply.Opened}. */
  record Open(String sessionId, String inboxAddress, IngestSettings settings) implements IngestRequest {
    public Open {
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(inboxAddress, "inboxAddress");
      Objects.requireNonNull(settings, "settings");
    }
  }

  /** Audio in the session's input format. Reply: {@link IngestReply.ChunkAck}, the credit back. */
  record Audio(long seq, byte[] audio) implements IngestRequest {}

  /** New settings after a session.update; applies to audio sent after it. Reply: {@link IngestReply.Ack}. */
  record Configure(IngestSettings settings) implements IngestRequest {}

  /**
   * Ends the current turn now (manual input_audio_buffer.commit), naming the item it becomes unless
   * speech already has an item. Reply: {@link IngestReply.Committed}.
   */
  record Commit(String itemId) implements IngestRequest {}

  /**
   * Transcribes a whole utterance the client put in the conversation itself (an input_audio item),
   * in the session's input format, outside the live turn flow. Reply: {@link IngestReply.Ack}.
   */
  record TranscribeItem(String itemId, byte[] audio) implements IngestRequest {}

  /** Drops uncommitted audio and any turn in progress (input_audio_buffer.clear). Reply: {@link IngestReply.Ack}. */
  record Clear() implements IngestRequest {}

  /** The session ended; release everything. Reply: {@link IngestReply.Ack}. */
  record Close() implements IngestRequest {}

  /** How a session wants its audio handled. */
  record IngestSettings(AudioFormat inputFormat, TurnSettings turnDetection, TranscriptionSettings transcription) {
    public IngestSettings {
      Objects.requireNonNull(inputFormat, "inputFormat");
    }

    /** True when the server decides turns (server VAD); false for manual commits. */
    public boolean serverVad() {
      return turnDetection != null;
    }
  }

  /** Server VAD parameters as the client set them. */
  record TurnSettings(double threshold, int prefixPaddingMs, int silenceDurationMs, Integer idleTimeoutMs) {}

  /** Transcription requested by the client (model name, ISO-639-1 language, prompt); null fields mean defaults. */
  record TranscriptionSettings(String model, String language, String prompt) {}
}
