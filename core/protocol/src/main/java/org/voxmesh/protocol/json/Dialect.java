package org.voxmesh.protocol.json;

/**
 * The protocol shape of a connection (REALTIME_PROTOCOL.md §1): fixed per connection, chosen from the
 * {@code OpenAI-Beta: realtime=v1} header or the {@code openai-beta.realtime-v1} sub-protocol.
 */
public enum Dialect {
  /** The GA shape (default). */
  GA,
  /** The beta shape: the same GA records, converted at the wire edge by {@link BetaAdapter}. */
  BETA
}
