package org.voxmesh.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.audio.AudioFormat;
import org.voxmesh.bus.message.IngestRequest;

/**
 * The Kafka API: consumes {@code voxmesh.audio-in.v1} (key = stream id, value = raw audio, headers
 * {@code format}, {@code sequence}, {@code end}) and feeds each stream into its own headless session.
 *
 * <p>Guarantees: a stream's records are handled in partition order; a record's offset is committed only
 * after the pipeline took its audio (or the record was dropped, or, for an end marker, the stream was
 * closed), and never past an unfinished record of the same partition, so a restart redelivers whatever
 * was not taken (at least once; the sequence check drops what a stream already took). Records in flight
 * are bounded: the consumer pauses beyond {@code gateway.kafka.max.in.flight}. Bad records are dropped
 * with one WARN line each and do not affect other streams. Event-loop confined.
 */
final class KafkaAudioIn {

  private static final Logger log = LoggerFactory.getLogger(KafkaAudioIn.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final long POLL_ERROR_BACKOFF_MS = 1_000;
  private static final long FINAL_COMMIT_MS = 5_000;
  private static final long STOP_END_MS = 10_000;

  static final String FORMAT = "format";
  static final String SEQUENCE = "sequence";
  static final String END = "end";

  private final Vertx vertx;
  private final GatewayConfig config;
  private final Capacity capacity;
  private final Map<String, Stream> streams = new HashMap<>();
  private final Map<TopicPartition, Progress> partitions = new HashMap<>();
  /** Last sequence of recently closed streams, so a late duplicate does not reopen one. LRU, bounded. */
  private final LinkedHashMap<String, Long> closed;
  private KafkaConsumer<String, byte[]> consumer;
  private Future<?> currentPoll = Future.succeededFuture();
  private long commitTimer = -1;
  private boolean running;
  private boolean paused;
  private boolean commitRunning;
  private int inFlight;
  private long dropped;

  private static final class Stream {
    final String id;
    final HeadlessSession session;
    final AudioFormat format;
    final TopicPartition partition;
    long lastSeq = -1;
    long lastActivity = System.currentTimeMillis();
    boolean ending;

    Stream(String id, HeadlessSession session, AudioFormat format, TopicPartition partition) {
      this.id = id;
      this.session = session;
      this.format = format;
      this.partition = partition;
    }
  }

  /** The records of one partition between poll and commit, in offset order. */
  private static final class Progress {
    final ArrayDeque<long[]> slots = new ArrayDeque<>(); // {offset, done}
    long committable = -1;
    long committed = -1;
    boolean revoked;

    long[] track(long offset) {
      long[] slot = {offset, 0};
      slots.addLast(slot);
      return slot;
    }

    void done(long[] slot) {
      slot[1] = 1;
      while (!slots.isEmpty() && slots.peekFirst()[1] == 1) {
        committable = slots.pollFirst()[0] + 1;
      }
    }
  }

  KafkaAudioIn(Vertx vertx, GatewayConfig config, Capacity capacity) {
    this.vertx = vertx;
    this.config = config;
    this.capacity = capacity;
    int memory = config.closedStreamMemory();
    this.closed = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > memory;
      }
    };
  }

  Future<Void> start() {
    return vertx.executeBlocking(() -> {
          ensureTopic();
          Map<String, Object> props = new HashMap<>();
          props.put("bootstrap.servers", config.bootstrapServers());
          props.put("group.id", config.groupId());
          props.put("client.id", "voxmesh-audio-gateway");
          props.put("enable.auto.commit", "false");
          props.put("auto.offset.reset", "earliest");
          props.put("allow.auto.create.topics", "false");
          props.put("max.poll.records", Integer.toString(Math.min(500, config.maxInFlightRecords())));
          props.put("fetch.max.wait.ms", "100");
          // kafka-clients resolves addresses in its constructor: off the event loop, then wrapped on this context.
          return new org.apache.kafka.clients.consumer.KafkaConsumer<>(props, new StringDeserializer(),
              new ByteArrayDeserializer());
        }, false)
        .map(plain -> KafkaConsumer.create(vertx, plain))
        .compose(created -> {
          consumer = created;
          consumer.partitionsAssignedHandler(this::onAssigned);
          consumer.partitionsRevokedHandler(this::onRevoked);
          consumer.exceptionHandler(err -> log.warn("audio-in consumer error: {}", err.toString()));
          return consumer.subscribe(config.topic());
        })
        .onSuccess(v -> {
          running = true;
          commitTimer = vertx.setPeriodic(config.commitIntervalMs(), t -> commit(false));
          poll();
          log.info("audio gateway consuming {} in group {}", config.topic(), config.groupId());
        });
  }

  /** Stops polling, ends every stream (committing open turns), commits what finished, leaves the group. */
  Future<Void> stop() {
    if (!running) {
      return consumer == null ? Future.succeededFuture() : consumer.close().otherwiseEmpty();
    }
    running = false;
    vertx.cancelTimer(commitTimer);
    return currentPoll.otherwiseEmpty()
        .transform(ignored -> {
          List<Future<?>> ending = new ArrayList<>();
          for (Stream s : List.copyOf(streams.values())) {
            ending.add(closeStream(s, "the gateway is stopping"));
          }
          Promise<Void> done = Promise.promise();
          long timer = vertx.setTimer(STOP_END_MS, t -> done.tryComplete());
          Future.join(ending).onComplete(ar -> {
            vertx.cancelTimer(timer);
            done.tryComplete();
          });
          return done.future();
        })
        .transform(ignored -> finalCommit())
        .transform(ignored -> consumer.close().otherwiseEmpty())
        .onComplete(ar -> log.info("audio gateway consumer stopped ({} dropped records)", dropped));
  }

  int streamCount() {
    return streams.size();
  }

  private void ensureTopic() {
    Properties props = new Properties();
    props.put("bootstrap.servers", config.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(config.topic(), config.topicPartitions(), (short) 1)))
          .all().get(30, TimeUnit.SECONDS);
      log.info("created topic {} with {} partitions", config.topic(), config.topicPartitions());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        log.warn("cannot create topic {} (consuming it anyway): {}", config.topic(), e.getCause().toString());
      }
    } catch (Exception e) {
      log.warn("cannot create topic {} (consuming it anyway): {}", config.topic(), e.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Polling, pausing, committing

  private void poll() {
    if (!running) {
      return;
    }
    currentPoll = consumer.poll(POLL_TIMEOUT).onComplete(ar -> {
      if (ar.succeeded()) {
        accept(ar.result());
        poll();
      } else {
        log.warn("audio-in poll failed, retrying in {} ms: {}", POLL_ERROR_BACKOFF_MS, ar.cause().toString());
        vertx.setTimer(POLL_ERROR_BACKOFF_MS, t -> poll());
      }
    });
  }

  private void accept(KafkaConsumerRecords<String, byte[]> records) {
    for (ConsumerRecord<String, byte[]> r : records.records()) {
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      Progress progress = partitions.computeIfAbsent(tp, k -> new Progress());
      long[] slot = progress.track(r.offset());
      inFlight++;
      Future<Void> handled;
      try {
        handled = handle(r, tp);
      } catch (RuntimeException e) {
        drop(r, "cannot handle it: " + e);
        handled = Future.succeededFuture();
      }
      handled.onComplete(ar -> finished(progress, slot));
    }
    if (!paused && inFlight >= config.maxInFlightRecords()) {
      paused = true;
      consumer.pause(assigned());
      log.debug("audio-in: {} records in flight, consumer paused", inFlight);
    }
  }

  private void finished(Progress progress, long[] slot) {
    inFlight--;
    if (!progress.revoked) {
      progress.done(slot);
    }
    if (paused && running && inFlight <= config.maxInFlightRecords() / 2) {
      paused = false;
      consumer.resume(assigned());
      log.debug("audio-in: {} records in flight, consumer resumed", inFlight);
    }
  }

  private Set<TopicPartition> assigned() {
    Set<TopicPartition> set = new HashSet<>();
    partitions.forEach((tp, p) -> {
      if (!p.revoked) {
        set.add(tp);
      }
    });
    return set;
  }

  private void onAssigned(Set<TopicPartition> assigned) {
    for (TopicPartition tp : assigned) {
      Progress old = partitions.put(tp, new Progress());
      if (old != null) {
        old.revoked = true;
      }
    }
    if (paused && !assigned.isEmpty()) {
      consumer.pause(assigned);
    }
    log.info("audio-in: assigned {}", assigned);
  }

  private void onRevoked(Set<TopicPartition> revoked) {
    if (running) {
      commit(true); // best effort: the new owner redelivers from the last commit anyway
    }
    for (TopicPartition tp : revoked) {
      Progress p = partitions.remove(tp);
      if (p != null) {
        p.revoked = true;
      }
    }
    if (!running) {
      return;
    }
    // The new owner replays the partition from its committed offset in sessions of its own.
    for (Stream s : List.copyOf(streams.values())) {
      if (revoked.contains(s.partition)) {
        streams.remove(s.id, s);
        capacity.release();
        s.session.abort();
        log.info("audio-in stream {} (session {}): partition {} revoked, session closed", s.id,
            s.session.sessionId(), s.partition);
      }
    }
  }

  private Future<Void> commit(boolean force) {
    if (consumer == null || (commitRunning && !force)) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<TopicPartition, Progress> owners = new HashMap<>();
    partitions.forEach((tp, p) -> {
      if (!p.revoked && p.committable > p.committed) {
        offsets.put(tp, new OffsetAndMetadata(p.committable, ""));
        owners.put(tp, p);
      }
    });
    if (offsets.isEmpty()) {
      return Future.succeededFuture();
    }
    commitRunning = true;
    return consumer.commit(offsets).transform(ar -> {
      commitRunning = false;
      if (ar.failed()) {
        log.warn("audio-in: commit failed (the next one retries): {}", ar.cause().toString());
      } else {
        offsets.forEach((tp, o) -> owners.get(tp).committed = Math.max(owners.get(tp).committed, o.getOffset()));
      }
      return Future.succeededFuture();
    });
  }

  /** kafka-clients answers commits inside poll(): poll the paused partitions until the commit is answered. */
  private Future<Void> finalCommit() {
    Future<Void> commit = commit(true);
    if (commit.isComplete()) {
      return commit;
    }
    consumer.pause(assigned());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FINAL_COMMIT_MS);
    Promise<Void> done = Promise.promise();
    pollUntil(commit, deadline, done);
    return done.future();
  }

  private void pollUntil(Future<Void> commit, long deadline, Promise<Void> done) {
    if (commit.isComplete() || System.nanoTime() > deadline) {
      done.complete();
      return;
    }
    consumer.poll(Duration.ofMillis(50)).onComplete(ar -> pollUntil(commit, deadline, done));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Records

  /** Handles one record; the future completes (never fails) when its offset may be committed. */
  private Future<Void> handle(ConsumerRecord<String, byte[]> r, TopicPartition tp) {
    String key = r.key();
    if (!StreamIds.valid(key)) {
      return drop(r, "the key is not a valid stream id (expected: 1-128 of [A-Za-z0-9_.:-])");
    }
    String formatValue = header(r, FORMAT);
    String sequenceValue = header(r, SEQUENCE);
    String endValue = header(r, END);
    byte[] audio = r.value() == null ? new byte[0] : r.value();
    boolean end;
    if (endValue == null || endValue.equalsIgnoreCase("false")) {
      end = false;
    } else if (endValue.equalsIgnoreCase("true")) {
      end = true;
    } else {
      return drop(r, "header end='" + endValue + "' (expected: true or false)");
    }
    Long sequence = null;
    if (sequenceValue != null) {
      try {
        sequence = Long.parseLong(sequenceValue.trim());
      } catch (NumberFormatException e) {
        return drop(r, "header sequence='" + sequenceValue + "' is not a decimal number");
      }
      if (sequence < 0) {
        return drop(r, "header sequence=" + sequence + " (expected: >= 0)");
      }
    } else if (!(end && audio.length == 0)) {
      return drop(r, "missing header sequence (required on every record with audio)");
    }
    AudioFormat format = null;
    if (formatValue != null) {
      try {
        format = AudioInFormats.parse(formatValue);
      } catch (IllegalArgumentException e) {
        return drop(r, "header format: " + e.getMessage());
      }
    }
    if (audio.length % (format != null ? format.bytesPerSample() : 1) != 0) {
      return drop(r, audio.length + " bytes is not a whole number of samples of " + formatValue);
    }

    Stream stream = streams.get(key);
    if (stream == null) {
      if (end && audio.length == 0) {
        log.debug("audio-in {}: end marker of stream {}, which is not open here; ignored", where(r), key);
        return Future.succeededFuture();
      }
      Long closedSeq = closed.get(key);
      if (closedSeq != null && sequence <= closedSeq) {
        return drop(r, "sequence " + sequence + " of stream " + key + ", which was closed after sequence " + closedSeq
            + " (duplicate)");
      }
      if (format == null) {
        return drop(r, "missing header format on the first record of stream " + key);
      }
      if (!capacity.tryAcquire()) {
        return drop(r, "the gateway is at capacity (" + capacity.max() + " streams); stream " + key + " not opened");
      }
      stream = open(key, format, tp);
    } else if (format != null && !format.equals(stream.format)) {
      return drop(r, "format " + formatValue + " differs from the stream's " + stream.format);
    }

    if (sequence != null) {
      if (sequence <= stream.lastSeq) {
        return drop(r, "sequence " + sequence + " of stream " + key + " is not after the last taken "
            + stream.lastSeq + " (duplicate or out of order)");
      }
      if (stream.lastSeq >= 0 && sequence > stream.lastSeq + 1) {
        log.info("audio-in {}: stream {} skips from sequence {} to {} (gap accepted)", where(r), key, stream.lastSeq,
            sequence);
      }
      stream.lastSeq = sequence;
    }
    stream.lastActivity = System.currentTimeMillis();
    Stream s = stream;
    Future<Void> taken = audio.length == 0 ? Future.succeededFuture() : s.session.audio(audio).recover(err -> {
      log.error("audio-in {}: chunk {} of stream {} lost: {}", where(r), r.offset(), key,
          HeadlessSession.describe(err));
      if (streams.get(key) == s) {
        // The pipeline is gone: the stream's next record opens a new session.
        streams.remove(key);
        capacity.release();
        s.session.abort();
      }
      return Future.succeededFuture();
    });
    if (end) {
      // Closed for new records at once: a record after the end marker opens a new session.
      Future<Integer> closing = closeStream(s, taken, "end marker at offset " + r.offset());
      return closing.mapEmpty();
    }
    return taken;
  }

  private Stream open(String key, AudioFormat format, TopicPartition tp) {
    String sessionId = StreamIds.sessionId(key, System.currentTimeMillis());
    IngestRequest.IngestSettings settings = new IngestRequest.IngestSettings(format, config.turn(),
        config.transcription());
    HeadlessSession session = new HeadlessSession(vertx, key, sessionId, settings, config.window(),
        config.maxInFlightRecords(), config.requestTimeoutMs(), input -> {});
    Stream stream = new Stream(key, session, format, tp);
    streams.put(key, stream);
    closed.remove(key);
    session.open();
    log.info("audio-in stream {} opened as session {} ({} {} Hz, partition {})", key, sessionId, format.encoding(),
        format.sampleRate(), tp.getPartition());
    return stream;
  }

  private Future<Integer> closeStream(Stream s, String reason) {
    return closeStream(s, Future.succeededFuture(), reason);
  }

  /**
   * Ends a stream: it leaves the stream table at once (its next record opens a new session), and once
   * {@code after} completed its open turn is committed and the pipeline closed.
   */
  private Future<Integer> closeStream(Stream s, Future<?> after, String reason) {
    if (s.ending) {
      return s.session.end();
    }
    s.ending = true;
    streams.remove(s.id, s);
    closed.put(s.id, s.lastSeq);
    return after.transform(ignored -> s.session.end()).onComplete(ar -> {
      capacity.release();
      log.info("audio-in stream {} (session {}) closed ({}): {} turn(s)", s.id, s.session.sessionId(), reason,
          ar.succeeded() ? ar.result() : 0);
    });
  }

  /** Ends streams that sent nothing for {@code gateway.stream.idle.ms}. */
  void endIdle(long now) {
    for (Stream s : List.copyOf(streams.values())) {
      if (!s.ending && s.session.pending() == 0 && now - s.lastActivity >= config.idleTimeoutMs()) {
        closeStream(s, "no audio for " + (now - s.lastActivity) + " ms");
      }
    }
  }

  private Future<Void> drop(ConsumerRecord<String, byte[]> r, String reason) {
    dropped++;
    log.warn("audio-in {} key={}: record dropped: {}", where(r), r.key(), reason);
    return Future.succeededFuture();
  }

  private static String where(ConsumerRecord<?, ?> r) {
    return r.topic() + "-" + r.partition() + "@" + r.offset();
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
