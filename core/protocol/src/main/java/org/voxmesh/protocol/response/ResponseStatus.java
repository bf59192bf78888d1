package org.voxmesh.protocol.response;

import com.fasterxml.jackson.annotation.JsonValue;
import org.voxmesh.protocol.error.WireEnum;

/**
 * {@code status} of a {@code realtime.response} (REALTIME_PROTOCOL.md §10), also the {@code type} of its
 * {@code status_details}: {@code in_progress} in {@code response.created}, one of the final values in
 * {@code response.done}.
 */
public enum ResponseStatus implements WireEnum {
  IN_PROGRESS("in_progress"), COMPLETED("completed"), CANCELLED("cancelled"), FAILED("failed"),
  INCOMPLETE("incomplete");

  private final String wire;

  ResponseStatus(String wire) { this.wire = wire; }

  @JsonValue
  @Override
  public String wire() { return wire; }

  /** True for every status but {@code in_progress}. */
  public boolean isFinal() { return this != IN_PROGRESS; }
}
