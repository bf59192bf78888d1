package org.voxmesh.protocol.server;

import java.util.List;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.response.RateLimit;

/** {@code rate_limits.updated}: a rate-limit snapshot, sent right after each {@code response.done}. */
public record RateLimitsUpdated(String eventId, List<RateLimit> rateLimits) implements ServerEvent {

  public RateLimitsUpdated {
    rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
  }

  public static RateLimitsUpdated of(List<RateLimit> rateLimits) {
    return new RateLimitsUpdated(Ids.eventId(), rateLimits);
  }

  public static RateLimitsUpdated of(RateLimit... rateLimits) {
    return new RateLimitsUpdated(Ids.eventId(), List.of(rateLimits));
  }
}
