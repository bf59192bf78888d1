package org.voxmesh.protocol.error;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * A protocol violation found while building a record (compact constructors, custom deserialisers). Jackson
 * wraps it and records the path of the object being built; {@link ProtocolErrors#fromJackson} joins that path
 * with {@link #field()} to produce the full {@code param}. Create these with the factories in
 * {@link ProtocolErrors}. Carries no stack trace: it is an expected outcome, not a bug.
 */
public final class ProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final String field;
  private final transient Function<String, String> messageForParam;

  ProtocolException(String code, String field, Function<String, String> messageForParam) {
    super(null, null, false, false);
    this.code = requireNonNull(code, "code");
    this.field = requireNonNull(field, "field");
    this.messageForParam = requireNonNull(messageForParam, "messageForParam");
  }

  /** The error code, e.g. {@code integer_below_min_value}. */
  public String code() { return code; }

  /** The offending field relative to the object being built ({@code ""} for the object itself). */
  public String field() { return field; }

  /** The wire message for the given full parameter path. */
  public String messageFor(String param) { return messageForParam.apply(param); }

  /** The error, with {@code param} = {@code prefix} joined with {@link #field()}. */
  public RealtimeError toError(String prefix, String clientEventId) {
    String param = ProtocolErrors.join(prefix, field);
    return new RealtimeError(ErrorCodes.INVALID_REQUEST_ERROR, code, messageFor(param),
        param.isEmpty() ? null : param, clientEventId);
  }

  @Override
  public String getMessage() {
    return code + ": " + messageFor(field);
  }
}
