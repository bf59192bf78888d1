package org.voxmesh.protocol.server;

import java.util.List;

/** One entry of {@code logprobs} (when {@code include} asks for them): token, log probability, UTF-8 bytes. */
public record LogProb(String token, double logprob, List<Integer> bytes) {
  public LogProb {
    bytes = bytes == null ? List.of() : List.copyOf(bytes);
  }
}
