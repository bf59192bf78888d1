package org.voxmesh.protocol.session;

import org.voxmesh.protocol.session.WireEnums.ReasoningEffort;

/** {@code reasoning}: {@code {"effort":...}} (reasoning models only); a missing effort is {@code low}. */
public record Reasoning(ReasoningEffort effort) {
  public Reasoning {
    effort = effort == null ? ReasoningEffort.LOW : effort;
  }
}
