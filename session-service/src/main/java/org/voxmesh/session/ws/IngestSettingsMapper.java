package org.voxmesh.session.ws;

import org.voxmesh.audio.AudioFormat;
import org.voxmesh.bus.message.IngestRequest.IngestSettings;
import org.voxmesh.bus.message.IngestRequest.TranscriptionSettings;
import org.voxmesh.bus.message.IngestRequest.TurnSettings;
import org.voxmesh.protocol.session.AudioFormatSpec;
import org.voxmesh.protocol.session.AudioInput;
import org.voxmesh.protocol.session.InputAudioTranscription;
import org.voxmesh.protocol.session.RealtimeSessionConfig;
import org.voxmesh.protocol.session.SessionConfig;
import org.voxmesh.protocol.session.TurnDetection;

/** Turns the protocol's {@code audio.input} settings into the ingest pipeline's contract. */
final class IngestSettingsMapper {

  private IngestSettingsMapper() {}

  static IngestSettings of(SessionConfig config) {
    AudioInput in = config.audioInput();
    TranscriptionSettings transcription = transcription(in.transcription());
    if (transcription == null && config instanceof RealtimeSessionConfig) {
      // Conversations always transcribe: the responder reads the user's words as text. The client
      // only sees transcription events when it asked for them.
      transcription = new TranscriptionSettings(null, null, null);
    }
    return new IngestSettings(format(in.format()), turn(in.turnDetection()), transcription);
  }

  static AudioFormat format(AudioFormatSpec spec) {
    return AudioFormats.of(spec);
  }

  private static TurnSettings turn(TurnDetection detection) {
    if (detection instanceof TurnDetection.ServerVad vad) {
      return new TurnSettings(vad.threshold(), vad.prefixPaddingMs(), vad.silenceDurationMs(), vad.idleTimeoutMs());
    } else if (detection instanceof TurnDetection.SemanticVad semantic) {
      // No semantic end-of-turn model runs here: semantic_vad is served by Silero VAD with a silence
      // window that follows the eagerness (how long OpenAI waits at most, scaled down).
      int silenceMs = switch (semantic.eagerness()) {
        case HIGH -> 300;
        case LOW -> 1200;
        case MEDIUM, AUTO -> 600;
      };
      return new TurnSettings(TurnDetection.ServerVad.DEFAULT_THRESHOLD, TurnDetection.ServerVad.DEFAULT_PREFIX_PADDING_MS,
          silenceMs, null);
    }
    return null;
  }

  private static TranscriptionSettings transcription(InputAudioTranscription t) {
    if (t == null) {
      return null;
    }
    String language = t.language() == null || t.language().isBlank() ? null : t.language();
    String prompt = t.prompt() == null || t.prompt().isBlank() ? null : t.prompt();
    return new TranscriptionSettings(t.model(), language, prompt);
  }
}
