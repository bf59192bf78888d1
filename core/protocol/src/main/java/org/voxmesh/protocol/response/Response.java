package org.voxmesh.protocol.response;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxmesh.protocol.client.ResponseCreateParams;
import org.voxmesh.protocol.item.Item;
import org.voxmesh.protocol.session.AudioFormatSpec;
import org.voxmesh.protocol.session.MaxOutputTokens;
import org.voxmesh.protocol.session.RealtimeSessionConfig;
import org.voxmesh.protocol.session.Voice;
import org.voxmesh.protocol.session.WireEnums.OutputModality;

/**
 * The GA {@code realtime.response} object of {@code response.created} / {@code response.done}
 * (REALTIME_PROTOCOL.md §8.5, §10). Every key is written: {@code status_details}, {@code conversation_id}
 * ({@code null} for out-of-band responses), {@code usage} ({@code null} until {@code response.done}) and
 * {@code metadata} as {@code null} when unset. Output items never carry audio bytes (they are stripped here).
 *
 * <p>Lifecycle: {@link #inProgress} for {@code response.created}, then one of {@link #completed},
 * {@link #cancelled}, {@link #incomplete}, {@link #failed} for {@code response.done}.
 */
@JsonPropertyOrder({"object", "id", "status", "status_details", "output", "conversation_id", "output_modalities",
    "max_output_tokens", "audio", "usage", "metadata"})
@JsonIgnoreProperties(value = "object", allowGetters = true)
public record Response(
    String id,
    ResponseStatus status,
    StatusDetails statusDetails,
    List<Item> output,
    String conversationId,
    List<OutputModality> outputModalities,
    MaxOutputTokens maxOutputTokens,
    ResponseAudio audio,
    Usage usage,
    Map<String, String> metadata) {

  public static final String OBJECT = "realtime.response";

  public Response {
    requireNonNull(id, "id");
    status = status == null ? ResponseStatus.IN_PROGRESS : status;
    output = output == null ? List.of() : output.stream().map(Item::withoutAudio).toList();
    outputModalities = outputModalities == null ? List.of(OutputModality.AUDIO) : List.copyOf(outputModalities);
    maxOutputTokens = maxOutputTokens == null ? MaxOutputTokens.INF : maxOutputTokens;
    audio = audio == null ? new ResponseAudio(null) : audio;
    metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A new in-progress response ({@code output: []}, {@code usage: null}, no status details). */
  public static Response inProgress(String id, String conversationId, List<OutputModality> outputModalities,
                                    MaxOutputTokens maxOutputTokens, ResponseAudio audio,
                                    Map<String, String> metadata) {
    return new Response(id, ResponseStatus.IN_PROGRESS, null, List.of(), conversationId, outputModalities,
        maxOutputTokens, audio, null, metadata);
  }

  /**
   * The in-progress response for a {@code response.create} (or a VAD turn, {@code params} null) on a
   * conversation session: the overrides of {@code params} over the session's output modalities, max output
   * tokens, output format and voice; {@code conversation_id} is null for {@code conversation:"none"}.
   */
  public static Response inProgress(String id, String conversationId, RealtimeSessionConfig session,
                                    ResponseCreateParams params) {
    requireNonNull(session, "session");
    List<OutputModality> modalities = session.outputModalities();
    MaxOutputTokens maxTokens = session.maxOutputTokens();
    AudioFormatSpec format = session.audio().output().format();
    Voice voice = session.audio().output().voice();
    Map<String, String> metadata = null;
    boolean outOfBand = false;
    if (params != null) {
      modalities = params.outputModalities() != null ? params.outputModalities() : modalities;
      maxTokens = params.maxOutputTokens() != null ? params.maxOutputTokens() : maxTokens;
      if (params.audio() != null && params.audio().output() != null) {
        format = params.audio().output().format() != null ? params.audio().output().format() : format;
        voice = params.audio().output().voice() != null ? params.audio().output().voice() : voice;
      }
      metadata = params.metadata();
      outOfBand = params.outOfBand();
    }
    return inProgress(id, outOfBand ? null : conversationId, modalities, maxTokens, ResponseAudio.of(format, voice),
        metadata);
  }

  @JsonProperty("object")
  public String object() { return OBJECT; }

  /** This response finished with {@code status} (details may be null for {@code completed}). */
  public Response finish(ResponseStatus finalStatus, StatusDetails details, List<Item> finalOutput,
                         Usage finalUsage) {
    requireNonNull(finalStatus, "finalStatus");
    return new Response(id, finalStatus, details, finalOutput, conversationId, outputModalities, maxOutputTokens,
        audio, finalUsage, metadata);
  }

  /** {@code status: "completed"}, {@code status_details: null}. */
  public Response completed(List<Item> finalOutput, Usage finalUsage) {
    return finish(ResponseStatus.COMPLETED, null, finalOutput, finalUsage);
  }

  /** {@code status: "cancelled"} with reason {@code turn_detected} or {@code client_cancelled}. */
  public Response cancelled(StatusDetails.Reason reason, List<Item> finalOutput, Usage finalUsage) {
    return finish(ResponseStatus.CANCELLED, StatusDetails.cancelled(reason), finalOutput, finalUsage);
  }

  /** {@code status: "incomplete"} with reason {@code max_output_tokens} or {@code content_filter}. */
  public Response incomplete(StatusDetails.Reason reason, List<Item> finalOutput, Usage finalUsage) {
    return finish(ResponseStatus.INCOMPLETE, StatusDetails.incomplete(reason), finalOutput, finalUsage);
  }

  /** {@code status: "failed"} with {@code status_details.error}. */
  public Response failed(StatusDetails.Error error, List<Item> finalOutput, Usage finalUsage) {
    return finish(ResponseStatus.FAILED, StatusDetails.failed(error), finalOutput, finalUsage);
  }

  /** True when the response writes to no conversation ({@code conversation:"none"}). */
  public boolean outOfBand() { return conversationId == null; }
}
