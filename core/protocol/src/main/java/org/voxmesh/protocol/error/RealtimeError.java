package org.voxmesh.protocol.error;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code error} object of the Realtime API (REALTIME_PROTOCOL.md §8.1, §9.11). All five keys are always
 * serialised, {@code null} included: clients read {@code error.event_id} to release their locks.
 *
 * @param type    {@code invalid_request_error} (client mistakes) or {@code server_error}
 * @param code    machine-readable code, see {@link ErrorCodes}; may be null
 * @param message human-readable message
 * @param param   dotted path of the offending parameter (e.g. {@code session.audio.input.foo}); may be null
 * @param eventId the client's {@code event_id} of the event that caused the error; may be null
 */
@JsonPropertyOrder({"type", "code", "message", "param", "event_id"})
public record RealtimeError(String type, String code, String message, String param, String eventId) {

  public RealtimeError {
    requireNonNull(type, "type");
    requireNonNull(message, "message");
  }

  /** An {@code invalid_request_error} without event id. */
  public static RealtimeError invalidRequest(String code, String message, String param) {
    return new RealtimeError(ErrorCodes.INVALID_REQUEST_ERROR, code, message, param, null);
  }

  /** A {@code server_error} without code, param or event id. */
  public static RealtimeError serverError(String message) {
    return new RealtimeError(ErrorCodes.SERVER_ERROR, null, message, null, null);
  }

  /** This error, echoing the client's {@code event_id} (null leaves it unset). */
  public RealtimeError withEventId(String clientEventId) {
    return new RealtimeError(type, code, message, param, clientEventId);
  }
}
