package org.voxmesh.protocol.item;

import com.fasterxml.jackson.annotation.JsonValue;
import org.voxmesh.protocol.error.WireEnum;

/** {@code status} of a conversation item. */
public enum ItemStatus implements WireEnum {
  IN_PROGRESS("in_progress"), COMPLETED("completed"), INCOMPLETE("incomplete");

  private final String wire;

  ItemStatus(String wire) { this.wire = wire; }

  @JsonValue
  @Override
  public String wire() { return wire; }
}
