package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.Validated;
import org.voxmesh.protocol.session.WireEnums.IncludeOption;

/**
 * GA transcription session, {@code type: "transcription"} (REALTIME_PROTOCOL.md §5.2): {@code audio.input} and
 * {@code include} only; no model, instructions, output or tools.
 */
@JsonPropertyOrder({"object", "id", "expires_at", "audio", "include"})
@JsonIgnoreProperties(value = "object", allowGetters = true)
public record TranscriptionSessionConfig(String id, Long expiresAt, TranscriptionSessionAudio audio,
                                         List<IncludeOption> include) implements SessionConfig, Validated {

  public static final String OBJECT = "realtime.transcription_session";

  public TranscriptionSessionConfig {
    audio = audio == null ? new TranscriptionSessionAudio(null) : audio;
    include = Checks.copy(include);
  }

  @Override
  public void validate() {
    Checks.elements(include, "include", "a string");
  }

  /**
   * The config a new transcription session starts with: PCM 24 kHz, server VAD with defaults, transcription with
   * {@link InputAudioTranscription#DEFAULT_MODEL}, no noise reduction, no include.
   */
  public static TranscriptionSessionConfig initial(String id, long expiresAt) {
    AudioInput input = AudioInput.defaults().withTranscription(InputAudioTranscription.of(null));
    return new TranscriptionSessionConfig(id, expiresAt, new TranscriptionSessionAudio(input), null);
  }

  @JsonProperty("object")
  public String object() { return OBJECT; }

  @Override
  public String sessionType() { return TRANSCRIPTION; }

  @Override
  public AudioInput audioInput() { return audio.input(); }

  @Override
  public TranscriptionSessionConfig withAudioInput(AudioInput input) {
    return new TranscriptionSessionConfig(id, expiresAt, new TranscriptionSessionAudio(input), include);
  }
}
