package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.Validated;
import org.voxmesh.protocol.error.WireEnum;

/**
 * {@code audio.input.turn_detection} (REALTIME_PROTOCOL.md §5.1); {@code null} in a config means VAD is off.
 * Missing fields take the documented defaults.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TurnDetection.ServerVad.class, name = "server_vad"),
    @JsonSubTypes.Type(value = TurnDetection.SemanticVad.class, name = "semantic_vad")})
public sealed interface TurnDetection {

  /** Whether VAD commits should create a response automatically. */
  boolean createsResponse();

  /** Whether a new speech start cancels the current default-conversation response. */
  boolean interruptsResponse();

  /**
   * Energy/model VAD: {@code threshold} 0..1 (default 0.5), {@code prefix_padding_ms} (300),
   * {@code silence_duration_ms} (200, what GA servers report), {@code idle_timeout_ms} null or 5000..30000,
   * {@code create_response} and {@code interrupt_response} (true).
   */
  @JsonPropertyOrder({"threshold", "prefix_padding_ms", "silence_duration_ms", "idle_timeout_ms",
      "create_response", "interrupt_response"})
  record ServerVad(Double threshold, Integer prefixPaddingMs, Integer silenceDurationMs,
                   @JsonInclude(JsonInclude.Include.ALWAYS) Integer idleTimeoutMs,
                   Boolean createResponse, Boolean interruptResponse) implements TurnDetection, Validated {

    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final int DEFAULT_PREFIX_PADDING_MS = 300;
    public static final int DEFAULT_SILENCE_DURATION_MS = 200;
    public static final int MIN_IDLE_TIMEOUT_MS = 5_000;
    public static final int MAX_IDLE_TIMEOUT_MS = 30_000;

    public ServerVad {
      threshold = threshold == null ? DEFAULT_THRESHOLD : threshold;
      prefixPaddingMs = prefixPaddingMs == null ? DEFAULT_PREFIX_PADDING_MS : prefixPaddingMs;
      silenceDurationMs = silenceDurationMs == null ? DEFAULT_SILENCE_DURATION_MS : silenceDurationMs;
      createResponse = createResponse == null ? Boolean.TRUE : createResponse;
      interruptResponse = interruptResponse == null ? Boolean.TRUE : interruptResponse;
    }

    @Override
    public void validate() {
      Checks.range(threshold, 0.0, 1.0, "threshold");
      Checks.min(prefixPaddingMs, 0, "prefix_padding_ms");
      Checks.min(silenceDurationMs, 0, "silence_duration_ms");
      Checks.range(idleTimeoutMs, MIN_IDLE_TIMEOUT_MS, MAX_IDLE_TIMEOUT_MS, "idle_timeout_ms");
    }

    /** server_vad with every default (0.5 / 300 / 200, no idle timeout, create and interrupt). */
    public static ServerVad defaults() {
      return new ServerVad(null, null, null, null, null, null);
    }

    @Override public boolean createsResponse() { return createResponse; }

    @Override public boolean interruptsResponse() { return interruptResponse; }
  }

  /**
   * Semantic VAD: {@code eagerness} low|medium|high|auto (default auto), {@code create_response},
   * {@code interrupt_response} (true). {@code model_version} (sent by agents-js) is kept and echoed when set.
   */
  @JsonPropertyOrder({"eagerness", "create_response", "interrupt_response", "model_version"})
  record SemanticVad(Eagerness eagerness, Boolean createResponse, Boolean interruptResponse,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String modelVersion) implements TurnDetection {
    public SemanticVad {
      eagerness = eagerness == null ? Eagerness.AUTO : eagerness;
      createResponse = createResponse == null ? Boolean.TRUE : createResponse;
      interruptResponse = interruptResponse == null ? Boolean.TRUE : interruptResponse;
    }

    public static SemanticVad defaults() {
      return new SemanticVad(null, null, null, null);
    }

    @Override public boolean createsResponse() { return createResponse; }

    @Override public boolean interruptsResponse() { return interruptResponse; }
  }

  /** semantic_vad eagerness; {@code auto} behaves as {@code medium}. */
  enum Eagerness implements WireEnum {
    LOW("low"), MEDIUM("medium"), HIGH("high"), AUTO("auto");

    private final String wire;

    Eagerness(String wire) { this.wire = wire; }

    @JsonValue
    @Override
    public String wire() { return wire; }
  }

}
