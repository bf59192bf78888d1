package org.voxmesh.protocol.session;

import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.Validated;
import org.voxmesh.protocol.session.WireEnums.NoiseReductionType;

/** {@code audio.input.noise_reduction}: {@code {"type":"near_field"|"far_field"}}; null in a config = off. */
public record NoiseReduction(NoiseReductionType type) implements Validated {
  @Override
  public void validate() {
    Checks.required(type, "type");
  }
}
