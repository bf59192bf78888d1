package org.voxmesh.protocol.error;

/**
 * Error types and codes used on the wire (REALTIME_PROTOCOL.md §9.11). Codes marked "ours" are not observed
 * from OpenAI; they are this server's choice for a case OpenAI documents no code for.
 */
public final class ErrorCodes {

  // error.type
  public static final String INVALID_REQUEST_ERROR = "invalid_request_error";
  public static final String SERVER_ERROR = "server_error";
  /** error.type of {@code conversation.item.input_audio_transcription.failed}. */
  public static final String TRANSCRIPTION_ERROR = "transcription_error";

  // parsing and validation
  /**
   * Ours: the frame is not one JSON object (malformed JSON, empty frame, a non-object value, trailing data,
   * a duplicate key, an over-long token). param is null, except for a duplicate key, where it is the path of
   * the object holding the duplicate followed by the key.
   */
  public static final String INVALID_JSON = "invalid_json";
  public static final String INVALID_VALUE = "invalid_value";
  public static final String INVALID_TYPE = "invalid_type";
  public static final String UNKNOWN_PARAMETER = "unknown_parameter";
  public static final String MISSING_REQUIRED_PARAMETER = "missing_required_parameter";
  public static final String INVALID_PARAMETER = "invalid_parameter";
  public static final String INTEGER_BELOW_MIN_VALUE = "integer_below_min_value";
  public static final String INTEGER_ABOVE_MAX_VALUE = "integer_above_max_value";
  public static final String DECIMAL_BELOW_MIN_VALUE = "decimal_below_min_value";
  public static final String DECIMAL_ABOVE_MAX_VALUE = "decimal_above_max_value";
  public static final String STRING_ABOVE_MAX_LENGTH = "string_above_max_length";
  public static final String ARRAY_BELOW_MIN_LENGTH = "array_below_min_length";
  public static final String ARRAY_ABOVE_MAX_LENGTH = "array_above_max_length";
  public static final String OBJECT_ABOVE_MAX_PROPERTIES = "object_above_max_properties";
  public static final String CANNOT_UPDATE_VOICE = "cannot_update_voice";

  // session semantics (used by the session service)
  public static final String CONVERSATION_ALREADY_HAS_ACTIVE_RESPONSE = "conversation_already_has_active_response";
  public static final String RESPONSE_CANCEL_NOT_ACTIVE = "response_cancel_not_active";
  public static final String INPUT_AUDIO_BUFFER_COMMIT_EMPTY = "input_audio_buffer_commit_empty";
  public static final String SESSION_EXPIRED = "session_expired";
  public static final String BETA_API_SHAPE_DISABLED = "beta_api_shape_disabled";
  public static final String INVALID_MODEL = "invalid_model";
  public static final String MISSING_MODEL = "missing_model";

  private ErrorCodes() {}
}
