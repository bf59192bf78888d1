package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.voxmesh.protocol.session.WireEnums.IncludeOption;

/**
 * The effective GA session configuration, exactly as emitted in {@code session.created} / {@code session.updated}
 * (every key present, null where unset). {@link SessionUpdates#apply} computes the next one from a
 * {@code session.update}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RealtimeSessionConfig.class, name = SessionConfig.REALTIME),
    @JsonSubTypes.Type(value = TranscriptionSessionConfig.class, name = SessionConfig.TRANSCRIPTION)})
public sealed interface SessionConfig permits RealtimeSessionConfig, TranscriptionSessionConfig {

  String REALTIME = "realtime";
  String TRANSCRIPTION = "transcription";

  /** {@code sess_...}; null only in request-side configs. */
  String id();

  /** Unix seconds; null only in request-side configs. */
  Long expiresAt();

  /** The wire {@code type}: {@code realtime} or {@code transcription}. */
  @JsonIgnore
  String sessionType();

  /** {@code audio.input}, common to both session types. */
  @JsonIgnore
  AudioInput audioInput();

  List<IncludeOption> include();

  /** This config with a different {@code audio.input} (e.g. after the server resolved defaults). */
  SessionConfig withAudioInput(AudioInput input);
}
