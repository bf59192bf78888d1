package org.voxmesh.webhook.dispatch;

import java.util.ArrayDeque;
import org.voxmesh.webhook.delivery.Cancellation;

/**
 * The records of one assigned partition between poll and commit, in offset order, and the offset that may be
 * committed: one past the last record of the unbroken run of finished records at the head. A record that
 * finished early (another session's) waits behind an unfinished one; nothing past an unfinished record is
 * ever committed, so a restart redelivers it and everything after it.
 *
 * <p>Confined to the dispatcher's event loop. A partition taken away in a rebalance is {@link #revoke()}d: its
 * deliveries stop retrying and nothing more is committed for it.
 */
final class PartitionProgress {

  /** One tracked record. */
  static final class Slot {
    final long offset;
    boolean done;

    Slot(long offset) {
      this.offset = offset;
    }
  }

  private final ArrayDeque<Slot> slots = new ArrayDeque<>();
  private long committable = -1;
  private long committed = -1;
  private final Cancellation revocation = new Cancellation();

  /** Starts tracking a record; offsets must arrive in increasing order. */
  Slot track(long offset) {
    Slot last = slots.peekLast();
    if (last != null && offset <= last.offset) {
      throw new IllegalStateException("offset " + offset + " after " + last.offset + " (expected: increasing)");
    }
    Slot slot = new Slot(offset);
    slots.addLast(slot);
    return slot;
  }

  /** Marks a record finished (delivered, dead-lettered or skipped) and advances the committable offset. */
  void done(Slot slot) {
    slot.done = true;
    while (!slots.isEmpty() && slots.peekFirst().done) {
      committable = slots.pollFirst().offset + 1;
    }
  }

  /** The offset to commit next (the next record to read after a restart), or -1 if nothing finished yet. */
  long committable() {
    return committable;
  }

  /** True when there is something newer than the last successful commit. */
  boolean hasUncommitted() {
    return committable > committed;
  }

  void committed(long offset) {
    committed = Math.max(committed, offset);
  }

  long lastCommitted() {
    return committed;
  }

  int pending() {
    return slots.size();
  }

  void revoke() {
    revocation.cancel();
  }

  boolean revoked() {
    return revocation.isCancelled();
  }

  /** Cancelled when the partition is revoked: its deliveries stop, even in the middle of a backoff. */
  Cancellation revocation() {
    return revocation;
  }
}
