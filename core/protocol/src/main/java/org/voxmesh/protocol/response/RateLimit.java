package org.voxmesh.protocol.response;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import org.voxmesh.protocol.error.WireEnum;

/** One entry of {@code rate_limits.updated.rate_limits}: {@code {name, limit, remaining, reset_seconds}}. */
@JsonPropertyOrder({"name", "limit", "remaining", "reset_seconds"})
public record RateLimit(Name name, long limit, long remaining, double resetSeconds) {

  public RateLimit {
    requireNonNull(name, "name");
  }

  public static RateLimit tokens(long limit, long remaining, double resetSeconds) {
    return new RateLimit(Name.TOKENS, limit, remaining, resetSeconds);
  }

  public static RateLimit requests(long limit, long remaining, double resetSeconds) {
    return new RateLimit(Name.REQUESTS, limit, remaining, resetSeconds);
  }

  /** {@code requests} or {@code tokens}. */
  public enum Name implements WireEnum {
    REQUESTS("requests"), TOKENS("tokens");

    private final String wire;

    Name(String wire) { this.wire = wire; }

    @JsonValue
    @Override
    public String wire() { return wire; }
  }
}
