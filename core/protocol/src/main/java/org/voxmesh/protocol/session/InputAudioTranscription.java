package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.regex.Pattern;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.ProtocolErrors;
import org.voxmesh.protocol.error.Validated;
import org.voxmesh.protocol.session.WireEnums.TranscriptionDelay;

/**
 * {@code audio.input.transcription} (REALTIME_PROTOCOL.md §5.1); null in a config = input transcription off.
 * {@code model}, {@code language} and {@code prompt} are always serialised (null when unset); {@code languages},
 * {@code keywords} and {@code delay} only when set.
 */
@JsonPropertyOrder({"model", "language", "prompt", "languages", "keywords", "delay"})
public record InputAudioTranscription(
    String model,
    String language,
    String prompt,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> languages,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> keywords,
    @JsonInclude(JsonInclude.Include.NON_NULL) TranscriptionDelay delay) implements Validated {

  /** Models the GA API accepts (§5.1). */
  public static final List<String> MODELS = List.of("whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe",
      "gpt-4o-mini-transcribe-2025-12-15", "gpt-4o-transcribe-diarize", "gpt-transcribe", "gpt-live-transcribe",
      "gpt-realtime-whisper");

  /** The model used when a transcription object names none (agents-js's default). */
  public static final String DEFAULT_MODEL = "gpt-4o-mini-transcribe";

  /** ISO-639-1; the empty string (sent by beta-era clients) means "auto". */
  private static final Pattern LANGUAGE = Pattern.compile("|[a-z]{2}");

  public InputAudioTranscription {
    model = model == null ? DEFAULT_MODEL : model;
    languages = Checks.copy(languages);
    keywords = Checks.copy(keywords);
  }

  @Override
  public void validate() {
    Checks.oneOf(model, MODELS, "model");
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      throw ProtocolErrors.invalidValue("language", "Invalid language '" + language
          + "'. Language parameter must be specified in ISO-639-1 format.");
    }
    Checks.elements(languages, "languages", "a string");
    Checks.elements(keywords, "keywords", "a string");
  }

  /** Transcription with the given model and nothing else set. */
  public static InputAudioTranscription of(String model) {
    return new InputAudioTranscription(model, null, null, null, null, null);
  }
}
