package org.voxmesh.webhook.dispatch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.webhook.WebhookConfig;
import org.voxmesh.webhook.WebhookEndpoint;
import org.voxmesh.webhook.delivery.DeliveryOutcome;
import org.voxmesh.webhook.delivery.KeyedSequencer;
import org.voxmesh.webhook.delivery.WebhookDeliverer;
import org.voxmesh.webhook.dlq.DeadLetter;
import org.voxmesh.webhook.dlq.DeadLetterPublisher;
import org.voxmesh.webhook.event.EventMapper;
import org.voxmesh.webhook.event.MappedRecord;
import org.voxmesh.webhook.event.SourceRecord;
import org.voxmesh.webhook.event.WebhookEvent;

/**
 * Delivers the source topics to one endpoint. It consumes in its own consumer group ({@code <group>.<endpoint>}),
 * so a receiver that is down holds back only its own deliveries.
 *
 * <p>The algorithm (docs/webhooks.md, "Delivery and commits"):
 * <ol>
 *   <li>An explicit poll loop ({@code enable.auto.commit=false}) that never stops while running, so the group
 *       membership and commit callbacks stay alive even when the dispatcher is paused.
 *   <li>Each record is tracked in its partition's {@link PartitionProgress}, mapped to an event, and delivered
 *       after every earlier record of the same key (session) finished: one session's events arrive in order,
 *       different sessions concurrently. A delivery retries with backoff and jitter until the deadline, then the
 *       record goes to the DLQ; it counts as finished only once delivered or once the broker has the dead letter.
 *   <li>Every {@code commit.interval}, each partition commits the offset after its longest finished prefix. A
 *       crash therefore redelivers everything after the last commit (at least once, same event and webhook ids).
 *   <li>At {@code max.in.flight} tracked records the assigned partitions are paused (polling continues and
 *       returns nothing); they resume at half that.
 * </ol>
 *
 * <p>Everything runs on this verticle's event loop; Kafka calls run on vertx-kafka-client's worker thread and
 * kafka-clients constructors in {@code executeBlocking}.
 */
public final class DispatchVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DispatchVerticle.class);
  /** Short, so a resume after a pause takes effect quickly; an idle poll is one cheap worker hop. */
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  /** How long a stopping dispatcher waits for its final commit to be acknowledged. */
  private static final long FINAL_COMMIT_MS = 5_000;
  private static final long POLL_ERROR_BACKOFF_MS = 1_000;

  private enum State { NEW, RUNNING, STOPPING, STOPPED }

  private final WebhookConfig config;
  private final WebhookEndpoint endpoint;
  private final DispatchStats stats;
  private final OffsetTracker offsets;
  private final KeyedSequencer sequencer = new KeyedSequencer();

  private State state = State.NEW;
  private KafkaConsumer<String, byte[]> consumer;
  private HttpClient http;
  private WebhookDeliverer deliverer;
  private DeadLetterPublisher deadLetters;
  private Future<?> currentPoll = Future.succeededFuture();
  private long commitTimer = -1;
  private int inFlight;
  private boolean paused;
  private Promise<Void> drained;

  public DispatchVerticle(WebhookConfig config, WebhookEndpoint endpoint, DispatchStats stats) {
    this.config = config;
    this.endpoint = endpoint;
    this.stats = stats;
    this.offsets = new OffsetTracker(endpoint.id(), stats);
  }

  @Override
  public Future<?> start() {
    http = WebhookDeliverer.createClient(vertx, config.retry(), config.maxConcurrency());
    deliverer = new WebhookDeliverer(vertx, http, config.retry(), config.maxConcurrency());
    return DeadLetterPublisher.create(vertx, config.bootstrapServers(), config.dlqTopic())
        .compose(publisher -> {
          deadLetters = publisher;
          return createConsumer();
        })
        .compose(this::subscribe)
        .onSuccess(v -> {
          state = State.RUNNING;
          commitTimer = vertx.setPeriodic(config.commitInterval().toMillis(), t -> offsets.commit(consumer, false));
          poll();
          LOG.info("webhook endpoint {}: consuming {} in group {} -> {}", endpoint.id(), config.sourceTopics(),
              config.groupId(endpoint), endpoint.url());
        });
  }

  /** Lets in-flight deliveries finish for up to {@code shutdown.grace}, commits what finished, and leaves the group. */
  @Override
  public Future<?> stop() {
    if (state != State.RUNNING) {
      return closeResources();
    }
    state = State.STOPPING;
    stats.ready = false;
    vertx.cancelTimer(commitTimer);
    return currentPoll
        .transform(ignored -> drain())
        .transform(ignored -> finalCommit())
        .transform(ignored -> {
          // What is still in flight is abandoned; the next owner of the partitions redelivers it.
          offsets.revokeAll();
          state = State.STOPPED;
          return closeResources();
        })
        .onComplete(ar -> LOG.info("webhook endpoint {}: stopped ({} delivered, {} dead-lettered, {} abandoned)",
            endpoint.id(), stats.delivered(), stats.deadLettered(), inFlight));
  }

  /**
   * Commits what finished and waits for the acknowledgement. kafka-clients completes commit callbacks only inside
   * poll() (or close(), which vertx-kafka-client interrupts with a wakeup), so the partitions are paused and
   * polled, returning nothing, until the commit is answered.
   */
  private Future<Void> finalCommit() {
    Future<Void> commit = offsets.commit(consumer, true);
    if (commit.isComplete()) {
      return commit;
    }
    consumer.pause(offsets.assigned());
    long deadline = System.nanoTime() + FINAL_COMMIT_MS * 1_000_000;
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

  // -----------------------------------------------------------------------------------------------------------
  // Consumer

  private Future<KafkaConsumer<String, byte[]>> createConsumer() {
    Map<String, Object> props = new LinkedHashMap<>(consumerConfig());
    // The kafka-clients constructor resolves addresses: keep it off the event loop, wrap it back on this context.
    return vertx.executeBlocking(() -> new org.apache.kafka.clients.consumer.KafkaConsumer<>(props,
            new StringDeserializer(), new ByteArrayDeserializer()), false)
        .map(plain -> KafkaConsumer.create(vertx, plain));
  }

  Map<String, String> consumerConfig() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("bootstrap.servers", config.bootstrapServers());
    c.put("group.id", config.groupId(endpoint));
    c.put("client.id", "voxmesh-webhooks-" + endpoint.id());
    c.put("enable.auto.commit", "false");
    c.put("auto.offset.reset", config.autoOffsetReset());
    c.put("allow.auto.create.topics", "false");
    c.put("isolation.level", "read_committed");
    c.put("max.poll.records", Integer.toString(Math.max(1, Math.min(500, config.maxInFlight()))));
    // A source topic created after startup (the session events topic, today) is found within this time.
    c.put("metadata.max.age.ms", Long.toString(config.topicRefresh().toMillis()));
    return c;
  }

  private Future<Void> subscribe(KafkaConsumer<String, byte[]> created) {
    consumer = created;
    consumer.partitionsAssignedHandler(this::onAssigned);
    consumer.partitionsRevokedHandler(this::onRevoked);
    consumer.exceptionHandler(err -> LOG.warn("webhook endpoint {}: consumer error: {}", endpoint.id(), err.toString()));
    // A pattern tolerates a source topic that does not exist (yet): no metadata errors, picked up once created.
    String regex = config.sourceTopics().stream().map(Pattern::quote).collect(Collectors.joining("|"));
    return consumer.subscribe(Pattern.compile(regex));
  }

  private void poll() {
    if (state != State.RUNNING) {
      return;
    }
    currentPoll = consumer.poll(POLL_TIMEOUT).onComplete(ar -> {
      if (ar.succeeded()) {
        stats.ready = state == State.RUNNING;
        accept(ar.result());
        poll();
      } else {
        LOG.warn("webhook endpoint {}: poll failed, retrying in {} ms: {}", endpoint.id(), POLL_ERROR_BACKOFF_MS,
            ar.cause().toString());
        vertx.setTimer(POLL_ERROR_BACKOFF_MS, t -> poll());
      }
    });
  }

  private void onAssigned(Set<TopicPartition> assigned) {
    offsets.assign(assigned);
    if (paused && !assigned.isEmpty()) {
      consumer.pause(assigned);
    }
    LOG.info("webhook endpoint {}: assigned {}", endpoint.id(), describe(assigned));
  }

  private void onRevoked(Set<TopicPartition> revoked) {
    if (state != State.RUNNING) {
      offsets.revoke(revoked); // closing the consumer revokes too; stop() has committed by then
      return;
    }
    // Best effort: the rebalance may already be over, in which case the new owner redelivers from the last commit.
    offsets.commit(consumer, true);
    offsets.revoke(revoked);
    if (!revoked.isEmpty()) {
      LOG.info("webhook endpoint {}: revoked {}", endpoint.id(), describe(revoked));
    }
  }

  // -----------------------------------------------------------------------------------------------------------
  // Records

  private void accept(KafkaConsumerRecords<String, byte[]> records) {
    List<Runnable> starts = new ArrayList<>(records.size());
    for (ConsumerRecord<String, byte[]> r : records.records()) {
      starts.add(onRecord(r));
    }
    // Start the deliveries on the next turn of the event loop, so their request timeouts do not include the time
    // this turn spent mapping the batch (hundreds of ms on a cold JVM).
    vertx.runOnContext(v -> starts.forEach(Runnable::run));
    if (!paused && inFlight >= config.maxInFlight()) {
      paused = true;
      stats.paused = true;
      stats.pauses.incrementAndGet();
      consumer.pause(offsets.assigned());
      LOG.debug("webhook endpoint {}: {} records in flight, consumer paused", endpoint.id(), inFlight);
    }
  }

  /** Tracks and maps one record; the returned task starts its delivery. */
  private Runnable onRecord(ConsumerRecord<String, byte[]> r) {
    PartitionProgress.Slot[] slot = new PartitionProgress.Slot[1];
    PartitionProgress owner = offsets.progressFor(new TopicPartition(r.topic(), r.partition()), r.offset(), slot);
    inFlight++;
    stats.inFlight.set(inFlight);
    stats.received.incrementAndGet();
    SourceRecord src = new SourceRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value(), r.timestamp());
    String key = r.key() == null ? "" : r.key();
    PartitionProgress.Slot mine = slot[0];
    MappedRecord mapped;
    try {
      mapped = EventMapper.map(src);
    } catch (RuntimeException e) {
      mapped = new MappedRecord.Invalid("cannot map: " + e);
    }
    MappedRecord m = mapped;
    return () -> process(m, src, key, owner).onComplete(ar -> finished(owner, mine, ar.succeeded()));
  }

  private Future<Void> process(MappedRecord mapped, SourceRecord src, String key, PartitionProgress owner) {
    if (mapped instanceof MappedRecord.Skipped) {
      stats.skipped.incrementAndGet();
      return Future.succeededFuture();
    }
    if (mapped instanceof MappedRecord.Invalid invalid) {
      stats.invalid.incrementAndGet();
      LOG.warn("webhook endpoint {}: {} is not a valid record, dead-lettering it: {}", endpoint.id(), src,
          invalid.reason());
      DeadLetter letter = DeadLetter.invalid(src, endpoint.id(), invalid.reason(), Instant.now());
      return sequencer.submit(key, () -> deadLetters.publish(dlqKey(src), letter, owner.revocation()));
    }
    WebhookEvent event = ((MappedRecord.Event) mapped).event();
    if (!endpoint.accepts(event.type())) {
      stats.skipped.incrementAndGet();
      return Future.succeededFuture();
    }
    return sequencer.submit(key, () -> deliver(event, src, owner));
  }

  private Future<Void> deliver(WebhookEvent event, SourceRecord src, PartitionProgress owner) {
    return deliverer.deliver(event, endpoint, owner.revocation()).compose(outcome -> {
      stats.attempts = deliverer.attempts();
      stats.failedAttempts = deliverer.failedAttempts();
      if (outcome instanceof DeliveryOutcome.Delivered) {
        stats.delivered.incrementAndGet();
        return Future.succeededFuture();
      }
      if (outcome instanceof DeliveryOutcome.Exhausted x) {
        stats.deadLettered.incrementAndGet();
        LOG.warn("webhook endpoint {}: {} given up after {} attempts ({}), dead-lettering it", endpoint.id(), event,
            x.attempts(), x.lastFailure());
        DeadLetter letter = DeadLetter.exhausted(src, endpoint.id(), event.id(), event.webhookId(endpoint.id()),
            event.type(), x.attempts(), x.lastFailure().toString(),
            x.lastFailure().status() > 0 ? x.lastFailure().status() : null, x.firstAttemptAt(), Instant.now());
        return deadLetters.publish(dlqKey(src), letter, owner.revocation());
      }
      return Future.failedFuture(new CancellationException("delivery abandoned"));
    });
  }

  private String dlqKey(SourceRecord src) {
    return src.key() != null ? src.key() : endpoint.id();
  }

  private void finished(PartitionProgress owner, PartitionProgress.Slot slot, boolean ok) {
    inFlight--;
    stats.inFlight.set(inFlight);
    if (ok && !owner.revoked()) {
      owner.done(slot);
    }
    if (drained != null && inFlight == 0) {
      drained.tryComplete();
    }
    if (paused && state == State.RUNNING && inFlight <= config.maxInFlight() / 2) {
      paused = false;
      stats.paused = false;
      consumer.resume(offsets.assigned());
      LOG.debug("webhook endpoint {}: {} records in flight, consumer resumed", endpoint.id(), inFlight);
    }
  }

  // -----------------------------------------------------------------------------------------------------------
  // Shutdown

  private Future<Void> drain() {
    if (inFlight == 0 || config.shutdownGrace().isZero()) {
      return Future.succeededFuture();
    }
    drained = Promise.promise();
    long timer = vertx.setTimer(config.shutdownGrace().toMillis(), t -> drained.tryComplete());
    return drained.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  private Future<?> closeResources() {
    Future<?> c = consumer == null ? Future.succeededFuture() : consumer.close();
    return c.recover(err -> Future.succeededFuture())
        .transform(ignored -> deadLetters == null ? Future.succeededFuture() : deadLetters.close())
        .transform(ignored -> http == null ? Future.succeededFuture() : http.close());
  }

  private static String describe(Set<TopicPartition> tps) {
    Set<String> names = new HashSet<>();
    tps.forEach(tp -> names.add(tp.getTopic() + "-" + tp.getPartition()));
    return names.toString();
  }
}
