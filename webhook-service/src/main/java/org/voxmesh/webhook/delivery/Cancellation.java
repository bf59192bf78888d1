package org.voxmesh.webhook.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A stop signal for work in progress (deliveries of a revoked partition, a replay when the service stops). Waiting
 * retries register a hook, so they end at once instead of when their backoff timer fires. Confined to one event
 * loop.
 */
public final class Cancellation {

  private final Set<Runnable> hooks = new LinkedHashSet<>();
  private boolean cancelled;

  public boolean isCancelled() {
    return cancelled;
  }

  /** Runs {@code hook} on {@link #cancel()} (at once if already cancelled); the result deregisters it. */
  public Runnable onCancel(Runnable hook) {
    if (cancelled) {
      hook.run();
      return () -> { };
    }
    hooks.add(hook);
    return () -> hooks.remove(hook);
  }

  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    List<Runnable> run = new ArrayList<>(hooks);
    hooks.clear();
    run.forEach(Runnable::run);
  }
}
