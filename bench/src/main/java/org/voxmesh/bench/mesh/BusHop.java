package org.voxmesh.bench.mesh;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.voxmesh.audio.AudioFormat;
import org.voxmesh.bench.Stats;
import org.voxmesh.bus.Endpoint;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;

/**
 * N audio streams, each sending a 960-byte {@code IngestRequest.Audio} (20 ms of PCM16 at 24 kHz) every
 * 20 ms as a request to its own per-session address on a {@link HopResponder}, and timing each round
 * trip (send → {@code ChunkAck}) with System.nanoTime in this JVM. Streams are phase-shifted evenly over
 * the 20 ms period, like independent microphones. Every chunk is sent on time whether or not earlier
 * ones were answered (no credit window), so a slow hop shows up as latency, not as a lower rate.
 */
final class BusHop {

  static final long CHUNK_NANOS = 20_000_000L;
  static final int CHUNK_BYTES = 960;
  private static final byte[] PCM = new byte[CHUNK_BYTES];

  static {
    new Random(7).nextBytes(PCM); // incompressible, like speech
  }

  /** One measured load level. */
  record Level(int streams, Stats rtt, long sent, long errors, double seconds) {}

  private final Vertx vertx;
  private final List<Context> loops = new ArrayList<>();

  /** Streams run on {@code loopCount} event-loop contexts of {@code vertx} (sessions spread like the edge's). */
  BusHop(Vertx vertx, int loopCount) throws Exception {
    this.vertx = vertx;
    for (int i = 0; i < loopCount; i++) {
      Context[] holder = new Context[1];
      await(vertx.deployVerticle(new VerticleBase() {
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
   * Opens {@code n} sessions, streams for {@code warmupMs + measureMs}, and returns the round trips of the
   * chunks sent inside the measured window; {@code onMeasure} runs at the window's start and end (CPU snapshots).
   */
  Level run(int n, long warmupMs, long measureMs, Runnable onMeasure) throws Exception {
    List<Stream> streams = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      IngestReply.Opened opened = (IngestReply.Opened) await(HopResponder.OPEN.request(vertx, new IngestRequest.Open(
          "sess_hop" + i, "bench.hop.inbox." + i, new IngestRequest.IngestSettings(AudioFormat.PCM16_24K, null, null)),
          10_000));
      streams.add(new Stream(loops.get(i % loops.size()),
          Endpoint.of(opened.address(), IngestRequest.class, IngestReply.class)));
    }
    long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    long from = base + TimeUnit.MILLISECONDS.toNanos(warmupMs);
    long to = from + TimeUnit.MILLISECONDS.toNanos(measureMs);
    List<Future<Void>> done = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      done.add(streams.get(i).start(base + CHUNK_NANOS * i / n, from, to));
    }
    sleepUntil(from);
    onMeasure.run();
    sleepUntil(to);
    onMeasure.run();
    for (Future<Void> f : done) {
      await(f);
    }
    int total = 0;
    long sent = 0;
    long errors = 0;
    for (Stream s : streams) {
      total += s.count;
      sent += s.measuredSent;
      errors += s.errors;
    }
    double[] all = new double[total];
    int k = 0;
    for (Stream s : streams) {
      System.arraycopy(s.rtt, 0, all, k, s.count);
      k += s.count;
    }
    for (Stream s : streams) {
      await(s.endpoint.request(vertx, new IngestRequest.Close(), 10_000));
    }
    return new Level(n, Stats.of(all, total), sent, errors, measureMs / 1000.0);
  }

  /** One session's stream; all of its state lives on one event-loop context. */
  private final class Stream {
    final Context context;
    final Endpoint<IngestRequest, IngestReply> endpoint;
    final Promise<Void> finished = Promise.promise();
    double[] rtt = new double[1024];
    int count;
    long measuredSent;
    long errors;
    long seq;
    long due;
    long measureFrom;
    long end;
    int outstanding;

    Stream(Context context, Endpoint<IngestRequest, IngestReply> endpoint) {
      this.context = context;
      this.endpoint = endpoint;
    }

    Future<Void> start(long firstDue, long from, long to) {
      context.runOnContext(v -> {
        due = firstDue;
        measureFrom = from;
        end = to;
        tick();
      });
      return finished.future();
    }

    private void tick() {
      long now = System.nanoTime();
      while (due <= now && due < end) {
        send(now);
        due += CHUNK_NANOS;
      }
      if (due < end) {
        vertx.setTimer(Math.max(1, (due - now + 999_999) / 1_000_000), id -> tick());
      } else if (outstanding == 0) {
        finished.tryComplete();
      }
    }

    private void send(long sentAt) {
      boolean measured = sentAt >= measureFrom && sentAt < end;
      if (measured) {
        measuredSent++;
      }
      outstanding++;
      // a fresh array per chunk, as the edge decodes each append into a new one
      endpoint.request(vertx, new IngestRequest.Audio(seq++, PCM.clone()), 5_000).onComplete(ar -> {
        double ms = (System.nanoTime() - sentAt) / 1e6;
        outstanding--;
        if (ar.failed()) {
          errors++;
        } else if (measured) {
          if (count == rtt.length) {
            rtt = Arrays.copyOf(rtt, count * 2);
          }
          rtt[count++] = ms;
        }
        if (due >= end && outstanding == 0) {
          finished.tryComplete();
        }
      });
    }
  }

  static Map<String, Object> toMap(Level l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("streams", l.streams());
    m.put("chunks_per_second", Math.round(l.sent() / l.seconds()));
    m.put("errors", l.errors());
    m.put("round_trip", MeshReport.stats(l.rtt()));
    return m;
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
  }

  static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
