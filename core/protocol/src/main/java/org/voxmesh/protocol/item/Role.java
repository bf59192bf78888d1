package org.voxmesh.protocol.item;

import com.fasterxml.jackson.annotation.JsonValue;
import org.voxmesh.protocol.error.WireEnum;

/** {@code role} of a message item. */
public enum Role implements WireEnum {
  SYSTEM("system"), USER("user"), ASSISTANT("assistant");

  private final String wire;

  Role(String wire) { this.wire = wire; }

  @JsonValue
  @Override
  public String wire() { return wire; }
}
