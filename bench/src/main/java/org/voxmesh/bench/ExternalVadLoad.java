package org.voxmesh.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.voxmesh.bench.Clips.Clip;
import org.voxmesh.bench.Turns.Turn;
import org.voxmesh.testkit.corpus.Corpus;

/**
 * The capacity ramp's turn-detection step ({@code Bench}'s "vad" step: same {@link LoadSession}s, same
 * looping corpus {@link Program}s, same lag definition) against a platform running elsewhere: sessions go
 * round-robin to the given session-service ports. Used by the mesh benchmark to load separate processes.
 */
public final class ExternalVadLoad implements AutoCloseable {

  /** What one step measured. Lag = speech_stopped lag (ms); a turn never stopped counts as infinite. */
  public record Step(int sessions, int connected, int turns, int missedTurns, Stats lag, Stats sendLateness,
      int errors, List<String> errorSamples) {
    public boolean pass(double lagBoundMs) {
      return lag.count() > 0 && lag.p99() <= lagBoundMs && errors == 0;
    }
  }

  static final int SILENCE_MS = 500;
  static final int GAP_MS = 1000;

  private final String apiKey;
  private final List<Clip> clips;
  private final Vertx vertx = Vertx.vertx(new VertxOptions());
  private final WebSocketClient client;
  private final List<Context> loops = new ArrayList<>();

  public ExternalVadLoad(String apiKey) throws Exception {
    this.apiKey = apiKey;
    this.clips = Clips.load(Corpus.load());
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000));
    for (int i = 0; i < VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE; i++) {
      Context[] holder = new Context[1];
      Bench.await(vertx.deployVerticle(new VerticleBase() {
        @Override
        public Future<?> start() {
          holder[0] = context;
          return Future.succeededFuture();
        }
      }));
      loops.add(holder[0]);
    }
  }

  /**
   * {@code n} sessions, each streaming {@code seconds} of looping corpus audio in real time (started over 3 s);
   * {@code window} runs once when every session streams and once before the first one ends (CPU snapshots).
   */
  public Step step(List<Integer> ports, int n, int stepIndex, int seconds, Runnable window) throws Exception {
    String update = Bench.update(false, SILENCE_MS);
    List<LoadSession> all = new ArrayList<>();
    List<Future<Void>> opened = new ArrayList<>();
    Semaphore handshakes = new Semaphore(32);
    for (int i = 0; i < n; i++) {
      Program program = Program.looping(clips, i * 13 + stepIndex * 7, seconds * 1000, 200, GAP_MS, 1500);
      LoadSession s = new LoadSession(i, program, vertx, loops.get(i % loops.size()), client,
          ports.get(i % ports.size()), Bench.URI, apiKey, update);
      handshakes.acquire();
      opened.add(s.open().onComplete(ar -> handshakes.release()));
      all.add(s);
    }
    List<LoadSession> live = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try {
        Bench.await(opened.get(i));
        live.add(all.get(i));
      } catch (Exception e) {
        errors.add("session " + i + ": " + e.getMessage());
        all.get(i).close();
      }
    }
    int staggerMs = 3000;
    long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    List<Future<Void>> streamed = new ArrayList<>();
    int shortest = Integer.MAX_VALUE;
    for (int i = 0; i < live.size(); i++) {
      streamed.add(live.get(i).stream(base + TimeUnit.MILLISECONDS.toNanos((long) staggerMs * i / live.size())));
      shortest = Math.min(shortest, live.get(i).program.durationMs());
    }
    sleepUntil(base + TimeUnit.MILLISECONDS.toNanos(staggerMs));
    window.run();
    sleepUntil(base + TimeUnit.MILLISECONDS.toNanos(Math.max(staggerMs + 2000, shortest)));
    window.run();
    for (Future<Void> f : streamed) {
      Bench.await(f);
    }
    Thread.sleep(1000);
    List<Future<Void>> closed = new ArrayList<>();
    live.forEach(s -> closed.add(s.close()));
    for (Future<Void> f : closed) {
      Bench.await(f);
    }
    Thread.sleep(500); // let the platform tear the sessions down before the next step

    Turns.Result result = Turns.analyse(live, SILENCE_MS, List.of());
    Samples lag = new Samples();
    Samples late = new Samples();
    int missed = 0;
    for (Turn t : result.turns) {
      if (t.stops.isEmpty()) {
        missed++;
        lag.add(Double.POSITIVE_INFINITY);
      } else {
        lag.add(t.stoppedLagMs());
      }
    }
    int errorCount = errors.size();
    for (LoadSession s : live) {
      late.addAll(s.sendLateness);
      errorCount += s.errors.size() + (s.unsent() > 0 ? 1 : 0);
      errors.addAll(s.errors);
    }
    return new Step(n, live.size(), result.turns.size(), missed, lag.stats(), late.stats(), errorCount,
        List.copyOf(errors.subList(0, Math.min(5, errors.size()))));
  }

  @Override
  public void close() throws Exception {
    Bench.await(vertx.close());
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
