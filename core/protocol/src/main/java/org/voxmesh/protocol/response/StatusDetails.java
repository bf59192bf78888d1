package org.voxmesh.protocol.response;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import org.voxmesh.protocol.error.WireEnum;

/**
 * {@code status_details} of a finished response (REALTIME_PROTOCOL.md §10): {@code type} = the final status,
 * {@code reason} for cancelled ({@code turn_detected}/{@code client_cancelled}) and incomplete
 * ({@code max_output_tokens}/{@code content_filter}) responses, {@code error} for failed ones. Unset keys are
 * omitted. A completed response has {@code status_details: null} (no object at all).
 */
@JsonPropertyOrder({"type", "reason", "error"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusDetails(ResponseStatus type, Reason reason, Error error) {

  public StatusDetails {
    requireNonNull(type, "type");
  }

  /** {@code {"type":"cancelled","reason":...}}. */
  public static StatusDetails cancelled(Reason reason) {
    return new StatusDetails(ResponseStatus.CANCELLED, reason, null);
  }

  /** {@code {"type":"incomplete","reason":...}}. */
  public static StatusDetails incomplete(Reason reason) {
    return new StatusDetails(ResponseStatus.INCOMPLETE, reason, null);
  }

  /** {@code {"type":"failed","error":{...}}}. */
  public static StatusDetails failed(Error error) {
    return new StatusDetails(ResponseStatus.FAILED, null, error);
  }

  /** Why a response was cancelled or is incomplete. */
  public enum Reason implements WireEnum {
    TURN_DETECTED("turn_detected"), CLIENT_CANCELLED("client_cancelled"), MAX_OUTPUT_TOKENS("max_output_tokens"),
    CONTENT_FILTER("content_filter");

    private final String wire;

    Reason(String wire) { this.wire = wire; }

    @JsonValue
    @Override
    public String wire() { return wire; }
  }

  /** {@code status_details.error}: {@code type} and {@code code}; {@code message} omitted when null. */
  @JsonPropertyOrder({"type", "code", "message"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Error(String type, String code, String message) {
    public Error {
      requireNonNull(type, "type");
    }

    public static Error of(String type, String code) {
      return new Error(type, code, null);
    }
  }
}
