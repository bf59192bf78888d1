package org.voxmesh.transcript.publish;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.transcript.TranscriptSink;
import org.voxmesh.transcript.publish.TranscriptOutbox.Entry;
import org.voxmesh.transcript.publish.TranscriptOutbox.Resolution;

/**
 * The transcript sink the services use: every transcript is first appended to a local durable outbox
 * ({@link TranscriptOutbox}) and then sent to Kafka through {@link KafkaTranscriptSink}; Kafka's
 * acknowledgement takes it out of the outbox again. While the broker is unreachable the outbox simply grows,
 * and it is replayed, in order, once the broker answers again - also after a restart of the process.
 *
 * <h2>What a caller gets</h2>
 * {@link #publish} completes once the transcript is in the outbox (forced to disk first with
 * {@link OutboxSettings.Fsync#ALWAYS}), typically within a few milliseconds and never waiting for Kafka, so a
 * session is never held up by a broker outage. It fails only when the transcript could not be stored: the
 * outbox is full ({@link TranscriptOutboxFullException}), the disk failed, or the sink is closed.
 *
 * <h2>Order</h2>
 * At most one transcript per session is with the producer at any time; the next one of that session is sent
 * only after the broker acknowledged the previous one. A transcript the producer gave up on stays at the head
 * of its session's queue and is sent again before anything later of that session. So each session's
 * transcripts reach the topic in publish order, across outages and restarts. Sessions are independent.
 *
 * <h2>Duplicates</h2>
 * An acknowledged transcript is marked resolved in the outbox and never sent again. A transcript whose
 * outcome is unknown - the producer's delivery timeout ran out (it may have been written just before the
 * broker went away), or the process stopped between the broker's acknowledgement and the marker - is a
 * <em>suspect</em>: before suspects are sent again, {@link OutboxReadBack} reads the topic back from the
 * suspects' timestamps and takes the ones already there out of the outbox. What remains is documented in
 * {@code docs/kafka-transcripts.md}: consumers still dedupe by {@code (session_id, sequence)}.
 *
 * <h2>Kafka down</h2>
 * The producer's own retries (idempotent, up to its delivery timeout) cover short outages without any
 * duplicate. When it gives up on a transcript, the sink stops sending, keeps appending, and asks the broker
 * every {@link OutboxSettings#probeInterval()} (one metadata request, never a busy loop) whether it is back;
 * then it checks suspects and resumes every session in outbox order. The sink also starts without a
 * reachable broker: the outbox takes transcripts from the first moment.
 *
 * <h2>Threads</h2>
 * One dedicated thread owns the outbox and all state (file I/O never runs on an event loop); a second one
 * runs the blocking Kafka admin and consumer calls. Publish futures complete on the caller's context.
 */
public final class DurableTranscriptSink implements TranscriptSink {

  private static final Logger LOG = LoggerFactory.getLogger(DurableTranscriptSink.class);
  private static final long SUMMARY_EVERY_MS = 30_000;
  private static final long FULL_LOG_EVERY_MS = 10_000;
  private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FIRST_ATTEMPT_WAIT = Duration.ofSeconds(30);
  private static final long MAX_CONNECT_BACKOFF_MS = 30_000;
  private static final int MAX_FAILED_CHECKS = 3;

  /** Where the sink stands with Kafka. */
  public enum State { CONNECTING, UP, DOWN, CHECKING, CLOSED }

  /** A snapshot of the sink's counters, for logs, health checks and tests. */
  public record Stats(
      State state,
      long outboxTranscripts,
      long outboxBytes,
      long outboxMaxBytes,
      int outboxSegments,
      long published,
      long delivered,
      long foundInKafka,
      long rejectedFull,
      long dropped,
      int inFlight,
      Instant kafkaUnreachableSince) {}

  private record Request(TranscriptRecord record, Promise<Void> promise, Context context) {}

  /** The not yet resolved transcripts of one session, oldest first. */
  private static final class SessionQueue {
    final String key;
    final ArrayDeque<Entry> entries = new ArrayDeque<>();
    boolean inFlight;
    boolean waitingForCapacity;
    /** Where this session's last transcript known to be in Kafka is (-1: not known). */
    int lastPartition = -1;
    long lastOffset = -1;

    SessionQueue(String key) {
      this.key = key;
    }
  }

  private final Vertx vertx;
  private final KafkaSinkSettings kafkaSettings;
  private final OutboxSettings settings;
  private final ScheduledExecutorService io;
  private final ExecutorService kafkaIo;
  private final ConcurrentLinkedQueue<Request> incoming = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean closeRequested = new AtomicBoolean();
  private final Promise<Void> closed = Promise.promise();
  private final Promise<Void> firstAttempt = Promise.promise();
  private final int maxInFlight;

  // Counters, readable from any thread.
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong foundInKafka = new AtomicLong();
  private final AtomicLong rejectedFull = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile State state = State.CONNECTING;
  private volatile long downSinceMs;
  private volatile int inFlightCount;

  // Owned by the io thread.
  private volatile TranscriptOutbox outbox;
  private final Map<String, SessionQueue> sessions = new HashMap<>();
  private final ArrayDeque<SessionQueue> waitingForCapacity = new ArrayDeque<>();
  private KafkaTranscriptSink kafka;
  private boolean recreateProducer;
  private ScheduledFuture<?> probeTimer;
  private long connectBackoffMs;
  private long lastSummaryMs;
  private Throwable lastError;
  private int failedChecks;
  private long fullSinceMs;
  private long fullRejectedInEpisode;
  private long lastFullLogMs;
  private boolean closing;
  private long replayStartedMs;
  private long deliveredAtReplayStart;

  // Owned by the kafkaIo thread.
  private Admin admin;

  private DurableTranscriptSink(Vertx vertx, KafkaSinkSettings kafkaSettings, OutboxSettings settings) {
    this.vertx = vertx;
    this.kafkaSettings = kafkaSettings;
    this.settings = settings;
    this.maxInFlight = kafkaSettings.maxPending();
    ScheduledThreadPoolExecutor ioPool = new ScheduledThreadPoolExecutor(1, daemon("voxmesh-transcript-outbox"));
    ioPool.setRemoveOnCancelPolicy(true);
    this.io = ioPool;
    this.kafkaIo = Executors.newSingleThreadExecutor(daemon("voxmesh-transcript-outbox-kafka"));
  }

  /**
   * Opens the outbox (transcripts left by an earlier run are queued for Kafka first) and makes a first attempt
   * to reach Kafka, creating the topic if needed. Succeeds once the outbox is open and that attempt is over,
   * even if Kafka is unreachable: transcripts are then kept until it answers. Fails if the outbox folder
   * cannot be used.
   */
  public static Future<DurableTranscriptSink> start(Vertx vertx, KafkaSinkSettings kafka, OutboxSettings outbox) {
    DurableTranscriptSink sink = new DurableTranscriptSink(vertx, kafka, outbox);
    Context context = vertx.getOrCreateContext();
    Promise<DurableTranscriptSink> started = Promise.promise();
    sink.io.execute(() -> {
      try {
        sink.open();
      } catch (Exception e) {
        sink.io.shutdownNow();
        sink.kafkaIo.shutdownNow();
        context.runOnContext(v -> started.fail(e));
        return;
      }
      sink.io.schedule(() -> sink.firstAttempt.tryComplete(), FIRST_ATTEMPT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      sink.firstAttempt.future().onComplete(ar -> context.runOnContext(v -> started.complete(sink)));
    });
    return started.future();
  }

  /**
   * Stores the transcript in the outbox and queues it for Kafka. Completes once it is stored (see the class
   * comment), without waiting for Kafka.
   */
  @Override
  public Future<Void> publish(TranscriptRecord record) {
    if (closeRequested.get()) {
      return Future.failedFuture(new IllegalStateException("the transcript sink is closed"));
    }
    Promise<Void> promise = Promise.promise();
    incoming.add(new Request(record, promise, vertx.getOrCreateContext()));
    if (drainScheduled.compareAndSet(false, true)) {
      try {
        io.execute(this::drain);
      } catch (RejectedExecutionException e) {
        failIncoming(new IllegalStateException("the transcript sink is closed"));
      }
    }
    return promise.future();
  }

  /**
   * Stops taking transcripts, sends what it can for up to {@link OutboxSettings#closeTimeout()}, then closes the
   * producer and the outbox. Whatever is not acknowledged by then stays in the outbox for the next start.
   */
  @Override
  public Future<Void> close() {
    if (closeRequested.compareAndSet(false, true)) {
      Context context = vertx.getOrCreateContext();
      io.execute(this::beginClose);
      return closed.future().transform(ar -> {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> p.handle(ar));
        return p.future();
      });
    }
    return closed.future();
  }

  public Stats stats() {
    TranscriptOutbox o = outbox;
    long since = downSinceMs;
    return new Stats(state, o == null ? 0 : o.unresolved(), o == null ? 0 : o.bytes(), settings.maxBytes(),
        o == null ? 0 : o.segments(), published.get(), delivered.get(), foundInKafka.get(), rejectedFull.get(),
        dropped.get(), inFlightCount, since == 0 ? null : Instant.ofEpochMilli(since));
  }

  public OutboxSettings outboxSettings() {
    return settings;
  }

  /** The outbox folder in use: {@link OutboxSettings#dir()}, or a numbered sibling when that was taken. */
  public Path outboxDir() {
    return dir();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Everything below runs on the io thread.

  private void open() throws IOException {
    outbox = TranscriptOutbox.open(settings);
    List<Entry> left = outbox.loaded();
    for (Entry e : left) {
      SessionQueue q = queueOf(e.key);
      q.entries.addLast(e);
      TranscriptOutbox.InKafka last = outbox.lastInKafka().get(e.key);
      if (last != null) {
        q.lastPartition = last.partition();
        q.lastOffset = last.offset();
      }
    }
    if (!left.isEmpty()) {
      LOG.info("{} transcript(s) from an earlier run are waiting in the outbox {}; they go to Kafka first, "
          + "after a check for any the broker already has", left.size(), dir());
    }
    if (settings.fsync() == OutboxSettings.Fsync.INTERVAL) {
      long every = settings.fsyncInterval().toMillis();
      io.scheduleWithFixedDelay(this::periodicSync, every, every, TimeUnit.MILLISECONDS);
    }
    probe();
  }

  private void drain() {
    drainScheduled.set(false);
    if (outbox == null || state == State.CLOSED) {
      failIncoming(new IllegalStateException("the transcript sink is closed"));
      return;
    }
    List<Request> stored = new ArrayList<>();
    Request r;
    while ((r = incoming.poll()) != null) {
      Entry e;
      try {
        e = outbox.append(r.record().kafkaKey(), r.record().toJsonBytes(), System.currentTimeMillis());
      } catch (IOException | RuntimeException ex) {
        LOG.error("transcript {} #{} could not be stored in the outbox {}: {}", r.record().sessionId(),
            r.record().sequence(), dir(), ex.toString());
        fail(r, ex);
        continue;
      }
      if (e == null) {
        rejectFull(r);
        continue;
      }
      endFullEpisode();
      published.incrementAndGet();
      SessionQueue q = queueOf(e.key);
      q.entries.addLast(e);
      trySend(q);
      stored.add(r);
    }
    if (stored.isEmpty()) {
      return;
    }
    if (settings.fsync() == OutboxSettings.Fsync.ALWAYS) {
      try {
        outbox.sync();
      } catch (IOException ex) {
        LOG.error("cannot force the transcript outbox {} to disk: {}", dir(), ex.toString());
        for (Request s : stored) {
          fail(s, new IOException("the transcript was written to the outbox but could not be forced to disk: "
              + ex.getMessage(), ex));
        }
        return;
      }
    }
    for (Request s : stored) {
      s.context().runOnContext(v -> s.promise().tryComplete());
    }
  }

  private void trySend(SessionQueue q) {
    if (state != State.UP || q.inFlight || q.entries.isEmpty() || kafka == null) {
      return;
    }
    if (inFlightCount >= maxInFlight) {
      if (!q.waitingForCapacity) {
        q.waitingForCapacity = true;
        waitingForCapacity.addLast(q);
      }
      return;
    }
    Entry e = q.entries.peekFirst();
    if (e.suspect) {
      // Only after a read-back: it may be in Kafka already.
      checkSuspectsThenResume();
      return;
    }
    byte[] value;
    try {
      value = outbox.value(e);
    } catch (IOException ex) {
      LOG.error("cannot read transcript {} of {} back from the outbox: {}", e.id, e.key, ex.toString());
      wentDown(ex);
      return;
    }
    KafkaTranscriptSink producer = kafka;
    q.inFlight = true;
    inFlightCount++;
    Future<RecordMetadata> sent;
    try {
      sent = producer.send(e.key, value, e.withoutTimestamp ? null : e.createdAtMs);
    } catch (RuntimeException ex) {
      sent = Future.failedFuture(ex);
    }
    sent.onComplete(ar -> onIo(() -> onSent(q, e, producer, ar)));
  }

  private void onSent(SessionQueue q, Entry e, KafkaTranscriptSink producer, AsyncResult<RecordMetadata> ar) {
    q.inFlight = false;
    inFlightCount--;
    if (state == State.CLOSED) {
      return;
    }
    if (ar.succeeded()) {
      RecordMetadata md = ar.result();
      delivered.incrementAndGet(); // counted first: stats never show it gone from the outbox and not delivered
      q.lastPartition = md.getPartition();
      q.lastOffset = md.getOffset();
      resolve(q, e, Resolution.ACKNOWLEDGED, md.getPartition(), md.getOffset());
    } else {
      Throwable err = ar.cause();
      if (isPoison(err)) {
        LOG.error("Kafka refuses transcript {} of session {} for good ({}); dropping it from the outbox", e.id,
            e.key, err.toString());
        dropped.incrementAndGet();
        resolve(q, e, Resolution.DROPPED, -1, -1);
      } else if (err instanceof InvalidTimestampException && !e.withoutTimestamp) {
        // The broker refuses the outbox time (log.message.timestamp.*.max.ms): nothing was written, resend now.
        LOG.warn("Kafka refuses the timestamp of transcript {} of {}; sending it with the current time", e.id, e.key);
        e.withoutTimestamp = true;
      } else {
        boolean overload = err instanceof TranscriptSinkOverloadedException;
        if (!overload) {
          e.suspect = true; // it may have reached the broker: read the topic back before sending it again
        }
        if (producer == kafka && !overload && !(err instanceof RetriableException)) {
          recreateProducer = true;
        }
        wentDown(err);
      }
    }
    trySend(q);
    if (q.entries.isEmpty()) {
      sessions.remove(q.key, q);
    }
    while (inFlightCount < maxInFlight && !waitingForCapacity.isEmpty()) {
      SessionQueue waiting = waitingForCapacity.pollFirst();
      waiting.waitingForCapacity = false;
      trySend(waiting);
    }
    afterProgress();
  }

  private void resolve(SessionQueue q, Entry e, Resolution how, int partition, long offset) {
    q.entries.remove(e);
    try {
      outbox.resolve(e, how, partition, offset);
    } catch (IOException ex) {
      // Not fatal: without its marker the transcript is a suspect after a restart and the read-back finds it.
      LOG.error("cannot record in the outbox that transcript {} of {} is in Kafka: {}", e.id, e.key, ex.toString());
    }
  }

  private void wentDown(Throwable err) {
    lastError = err;
    if (state == State.UP) {
      state = State.DOWN;
      downSinceMs = System.currentTimeMillis();
      lastSummaryMs = downSinceMs;
      LOG.warn("Kafka at {} did not take a transcript ({}); transcripts are kept in the outbox {} and sent in "
          + "order once the broker answers again", kafkaSettings.bootstrapServers(), describe(err),
          dir());
      scheduleProbe(settings.probeInterval().toMillis());
    }
  }

  private void scheduleProbe(long delayMs) {
    if (probeTimer == null && state != State.CLOSED) {
      probeTimer = io.schedule(this::probe, delayMs, TimeUnit.MILLISECONDS);
    }
  }

  /** One metadata request on the Kafka thread; never more than one at a time. */
  private void probe() {
    probeTimer = null;
    if (state == State.CLOSED) {
      return;
    }
    // The very first request also loads the client's classes and bootstraps its metadata: give it longer.
    long timeoutMs = settings.probeTimeout().toMillis() * (firstAttempt.future().isComplete() ? 1 : 3);
    kafkaIo.execute(() -> {
      Throwable failure = null;
      try {
        admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs)).nodes()
            .get(timeoutMs + 1000, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        failure = e.getCause();
      } catch (Exception e) {
        failure = e;
      }
      Throwable f = failure;
      onIo(() -> onProbe(f));
    });
  }

  private void onProbe(Throwable failure) {
    if (state == State.CLOSED) {
      return;
    }
    if (failure != null) {
      lastError = failure;
      if (state == State.CONNECTING && downSinceMs == 0) {
        downSinceMs = System.currentTimeMillis();
        lastSummaryMs = downSinceMs;
        LOG.warn("Kafka at {} is unreachable ({}); transcripts are kept in the outbox {} until it answers",
            kafkaSettings.bootstrapServers(), describe(failure), dir());
      }
      firstAttempt.tryComplete();
      summarizeOutage();
      scheduleProbe(settings.probeInterval().toMillis());
      return;
    }
    if (kafka == null || recreateProducer) {
      connectProducer();
    } else {
      checkSuspectsThenResume();
    }
  }

  private void connectProducer() {
    if (kafka != null) {
      LOG.info("replacing the Kafka producer after {}", describe(lastError));
      kafka.close(0);
      kafka = null;
    }
    recreateProducer = false;
    KafkaTranscriptSink.start(vertx, kafkaSettings).onComplete(ar -> onIo(() -> {
      if (state == State.CLOSED) {
        if (ar.succeeded()) {
          ar.result().close(0);
        }
        return;
      }
      if (ar.failed()) {
        lastError = ar.cause();
        connectBackoffMs = Math.min(MAX_CONNECT_BACKOFF_MS,
            Math.max(settings.probeInterval().toMillis(), connectBackoffMs * 2));
        LOG.warn("Kafka at {} answers but the transcript producer cannot start ({}); next try in {} ms",
            kafkaSettings.bootstrapServers(), describe(ar.cause()), connectBackoffMs);
        if (downSinceMs == 0) {
          downSinceMs = System.currentTimeMillis();
        }
        firstAttempt.tryComplete();
        scheduleProbe(connectBackoffMs);
        return;
      }
      connectBackoffMs = 0;
      kafka = ar.result();
      checkSuspectsThenResume();
    }));
  }

  /** Reads the topic back for suspects, takes out the ones already there, then resumes sending. */
  private void checkSuspectsThenResume() {
    List<Entry> suspects = new ArrayList<>();
    List<OutboxReadBack.Suspect> snapshot = new ArrayList<>();
    for (SessionQueue q : sessions.values()) {
      for (Entry e : q.entries) {
        if (e.suspect && !(q.inFlight && e == q.entries.peekFirst())) {
          suspects.add(e);
          snapshot.add(new OutboxReadBack.Suspect(e.id, e.key, e.createdAtMs, e.valueLength, e.valueCrc,
              q.lastPartition, q.lastOffset));
        }
      }
    }
    if (suspects.isEmpty()) {
      goUp();
      return;
    }
    state = State.CHECKING;
    long t0 = System.nanoTime();
    kafkaIo.execute(() -> {
      List<OutboxReadBack.Match> matches = null;
      Throwable failure = null;
      try {
        matches = OutboxReadBack.find(kafkaSettings.bootstrapServers(), kafkaSettings.topic(), snapshot,
            READ_BACK_TIMEOUT);
      } catch (Exception e) {
        failure = e;
      }
      List<OutboxReadBack.Match> m = matches;
      Throwable f = failure;
      onIo(() -> onChecked(suspects, m, f, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)));
    });
  }

  private void onChecked(List<Entry> suspects, List<OutboxReadBack.Match> matches, Throwable failure, long tookMs) {
    if (state == State.CLOSED) {
      return;
    }
    if (failure != null) {
      failedChecks++;
      lastError = failure;
      if (failedChecks >= MAX_FAILED_CHECKS) {
        // Liveness over dedupe: the check is what keeps duplicates out, but it must not keep transcripts out.
        LOG.warn("cannot read {} back to check {} transcript(s) of unknown outcome ({}), {} times in a row; "
            + "sending them unchecked: consumers that dedupe by (session_id, sequence) drop any copy",
            kafkaSettings.topic(), suspects.size(), describe(failure), failedChecks);
        failedChecks = 0;
        suspects.forEach(e -> e.suspect = false);
        goUp();
        return;
      }
      LOG.warn("cannot read {} back to check {} transcript(s) of unknown outcome ({}); trying again in {} ms",
          kafkaSettings.topic(), suspects.size(), describe(failure), settings.probeInterval().toMillis());
      state = State.DOWN;
      if (downSinceMs == 0) {
        downSinceMs = System.currentTimeMillis();
      }
      firstAttempt.tryComplete();
      scheduleProbe(settings.probeInterval().toMillis());
      return;
    }
    failedChecks = 0;
    Map<Long, Entry> byId = new HashMap<>();
    suspects.forEach(e -> byId.put(e.id, e));
    int found = 0;
    for (OutboxReadBack.Match m : matches) {
      Entry e = byId.get(m.id());
      SessionQueue q = e == null ? null : sessions.get(e.key);
      if (e == null || e.resolved || q == null || (q.inFlight && q.entries.peekFirst() == e)) {
        continue;
      }
      try {
        if (!Arrays.equals(outbox.value(e), m.value())) {
          continue;
        }
      } catch (IOException ex) {
        LOG.error("cannot read transcript {} back from the outbox: {}", e.id, ex.toString());
        continue;
      }
      if (q.entries.peekFirst() != e) {
        LOG.warn("transcript {} of {} is already in Kafka ({}-{}) although an earlier one of its session is not",
            e.id, e.key, m.partition(), m.offset());
      }
      foundInKafka.incrementAndGet();
      if (m.partition() != q.lastPartition || m.offset() > q.lastOffset) {
        q.lastPartition = m.partition();
        q.lastOffset = m.offset();
      }
      resolve(q, e, Resolution.FOUND_IN_KAFKA, m.partition(), m.offset());
      found++;
      if (q.entries.isEmpty() && !q.inFlight) {
        sessions.remove(q.key, q);
      }
    }
    for (Entry e : suspects) {
      e.suspect = false;
    }
    LOG.info("checked {} transcript(s) of unknown outcome against {} in {} ms: {} already there, {} to send",
        suspects.size(), kafkaSettings.topic(), tookMs, found, suspects.size() - found);
    goUp();
  }

  private void goUp() {
    state = State.UP;
    firstAttempt.tryComplete();
    long waiting = outbox.unresolved();
    if (downSinceMs != 0) {
      LOG.info("Kafka at {} is reachable again after {} s; sending {} transcript(s) from the outbox in order",
          kafkaSettings.bootstrapServers(), (System.currentTimeMillis() - downSinceMs) / 1000, waiting);
      downSinceMs = 0;
    }
    if (waiting > 0 && replayStartedMs == 0) {
      replayStartedMs = System.currentTimeMillis();
      deliveredAtReplayStart = delivered.get();
    }
    List<SessionQueue> ready = new ArrayList<>(sessions.values());
    ready.sort(Comparator.comparingLong(q -> q.entries.isEmpty() ? Long.MAX_VALUE : q.entries.peekFirst().id));
    for (SessionQueue q : ready) {
      trySend(q);
    }
    afterProgress();
  }

  private void afterProgress() {
    if (replayStartedMs != 0 && outbox.unresolved() == 0) {
      LOG.info("transcript outbox drained: {} transcript(s) delivered in {} ms", delivered.get()
          - deliveredAtReplayStart, System.currentTimeMillis() - replayStartedMs);
      replayStartedMs = 0;
    }
    if (closing && (outbox.unresolved() == 0 || inFlightCount == 0 && state != State.UP)) {
      finishClose();
    }
  }

  private void summarizeOutage() {
    long now = System.currentTimeMillis();
    if (now - lastSummaryMs >= SUMMARY_EVERY_MS) {
      lastSummaryMs = now;
      LOG.warn("Kafka at {} unreachable for {} s ({}): {} transcript(s), {} of {} bytes, waiting in the outbox {}",
          kafkaSettings.bootstrapServers(), (now - downSinceMs) / 1000, describe(lastError), outbox.unresolved(),
          outbox.bytes(), settings.maxBytes(), dir());
    }
  }

  private void rejectFull(Request r) {
    rejectedFull.incrementAndGet();
    long now = System.currentTimeMillis();
    long since = downSinceMs;
    String message = "transcript outbox full: " + outbox.bytes() + " of " + settings.maxBytes() + " bytes used in "
        + dir() + " (transcripts.outbox.max.mb) by " + outbox.unresolved()
        + " transcript(s) waiting for Kafka at " + kafkaSettings.bootstrapServers()
        + (since == 0 ? "" : ", unreachable since " + Instant.ofEpochMilli(since))
        + "; transcript " + r.record().sessionId() + " #" + r.record().sequence()
        + " was NOT stored and will not reach Kafka";
    if (fullSinceMs == 0) {
      fullSinceMs = now;
      lastFullLogMs = now;
      LOG.error("{}", message);
    } else if (now - lastFullLogMs >= FULL_LOG_EVERY_MS) {
      LOG.error("transcript outbox still full: {} more transcript(s) rejected in the last {} s", fullRejectedInEpisode,
          (now - lastFullLogMs) / 1000);
      lastFullLogMs = now;
      fullRejectedInEpisode = 0;
    } else {
      fullRejectedInEpisode++;
    }
    fail(r, new TranscriptOutboxFullException(message));
  }

  private void endFullEpisode() {
    if (fullSinceMs != 0) {
      LOG.warn("transcript outbox accepts transcripts again after {} s full; {} transcript(s) were rejected in all",
          (System.currentTimeMillis() - fullSinceMs) / 1000, rejectedFull.get());
      fullSinceMs = 0;
      fullRejectedInEpisode = 0;
    }
  }

  private void periodicSync() {
    if (state == State.CLOSED || outbox == null) {
      return;
    }
    try {
      outbox.sync();
    } catch (IOException e) {
      LOG.error("cannot force the transcript outbox {} to disk: {}", dir(), e.toString());
    }
  }

  private void beginClose() {
    if (state == State.CLOSED || closing) {
      return;
    }
    closing = true;
    drain();
    if (settings.closeTimeout().isZero()) {
      finishClose();
      return;
    }
    io.schedule(this::finishClose, settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    afterProgress();
  }

  private void finishClose() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    if (probeTimer != null) {
      probeTimer.cancel(false);
      probeTimer = null;
    }
    firstAttempt.tryComplete();
    long left = outbox == null ? 0 : outbox.unresolved();
    Future<Void> producerClosed = kafka == null ? Future.succeededFuture() : kafka.close(0).otherwiseEmpty();
    kafka = null;
    try {
      if (outbox != null) {
        if (settings.fsync() != OutboxSettings.Fsync.NEVER) {
          outbox.sync();
        }
        outbox.close();
      }
    } catch (IOException e) {
      LOG.error("closing the transcript outbox {}: {}", dir(), e.toString());
    }
    if (left > 0) {
      LOG.info("transcript sink closed with {} transcript(s) still in the outbox {}; they are sent at the next start",
          left, dir());
    }
    failIncoming(new IllegalStateException("the transcript sink is closed"));
    kafkaIo.execute(() -> {
      if (admin != null) {
        admin.close(Duration.ZERO);
        admin = null;
      }
    });
    kafkaIo.shutdown();
    producerClosed.onComplete(ar -> {
      io.shutdown();
      closed.tryComplete();
    });
  }

  // ---------------------------------------------------------------------------------------------------------

  /** The folder actually in use (another slot than configured when that one was taken). */
  private Path dir() {
    TranscriptOutbox o = outbox;
    return (o == null ? settings.dir() : o.dir()).toAbsolutePath();
  }

  /** Runs a completion on the io thread; after close the thread is gone and late completions are moot. */
  private void onIo(Runnable task) {
    try {
      io.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("transcript sink closed; ignoring a late completion");
    }
  }

  private SessionQueue queueOf(String key) {
    return sessions.computeIfAbsent(key, SessionQueue::new);
  }

  private void failIncoming(Throwable err) {
    Request r;
    while ((r = incoming.poll()) != null) {
      fail(r, err);
    }
  }

  private static void fail(Request r, Throwable err) {
    r.context().runOnContext(v -> r.promise().tryFail(err));
  }

  private Admin admin() {
    if (admin == null) {
      long timeoutMs = settings.probeTimeout().toMillis();
      Map<String, Object> config = new HashMap<>();
      config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaSettings.bootstrapServers());
      config.put(AdminClientConfig.CLIENT_ID_CONFIG, "voxmesh-transcript-outbox-probe");
      config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
      config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
      config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
      config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 200);
      admin = Admin.create(config);
    }
    return admin;
  }

  private static boolean isPoison(Throwable err) {
    return err instanceof RecordTooLargeException || err instanceof RecordBatchTooLargeException
        || err instanceof InvalidRecordException;
  }

  private static String describe(Throwable err) {
    if (err == null) {
      return "no error";
    }
    String message = err.getMessage();
    return err.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }
}
