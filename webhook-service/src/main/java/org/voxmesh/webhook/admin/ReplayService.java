package org.voxmesh.webhook.admin;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.voxmesh.webhook.RetryPolicy;
import org.voxmesh.webhook.WebhookConfig;
import org.voxmesh.webhook.WebhookEndpoint;
import org.voxmesh.webhook.delivery.Cancellation;
import org.voxmesh.webhook.delivery.DeliveryOutcome;
import org.voxmesh.webhook.delivery.KeyedSequencer;
import org.voxmesh.webhook.delivery.WebhookDeliverer;
import org.voxmesh.webhook.dlq.DeadLetter;
import org.voxmesh.webhook.dlq.TopicReader;
import org.voxmesh.webhook.event.EventMapper;
import org.voxmesh.webhook.event.MappedRecord;
import org.voxmesh.webhook.event.SourceRecord;
import org.voxmesh.webhook.event.WebhookEvent;

/**
 * Redelivers dead letters, or a time range of the source topics, to the endpoints as configured now (current URL
 * and secrets). Each event is rebuilt from its source record, so it carries the same event id, {@code webhook-id}
 * and body as the original deliveries and receivers can drop what they already have. Redeliveries of one
 * session to one endpoint run in order; each retries until {@code webhook.replay.deadline.ms}.
 *
 * <p>A replay never writes to the DLQ: a failed redelivery stays where it was and a later replay tries it again.
 * It reads on the {@code webhook-replay} worker pool and delivers on the admin server's event loop.
 */
final class ReplayService {

  static final int MAX_RESULTS = 1000;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final WebhookConfig config;
  private final WorkerExecutor readers;
  private final WebhookDeliverer deliverer;
  private final RetryPolicy policy;
  private final Cancellation closed;
  private final KeyedSequencer sequencer = new KeyedSequencer();

  ReplayService(WebhookConfig config, WorkerExecutor readers, WebhookDeliverer deliverer, Cancellation closed) {
    this.config = config;
    this.readers = readers;
    this.deliverer = deliverer;
    this.policy = config.retry().withDeadline(config.replayDeadline());
    this.closed = closed;
  }

  /** Fails with {@link IllegalArgumentException} for a request that names an unknown endpoint. */
  Future<JsonObject> replay(ReplayRequest request) {
    if (request.endpointId() != null && config.endpoint(request.endpointId()) == null) {
      return Future.failedFuture(new IllegalArgumentException("endpoint_id: '" + request.endpointId()
          + "' is not a configured endpoint"));
    }
    List<String> topics = request.source() == ReplayRequest.Source.DLQ ? List.of(config.dlqTopic())
        : config.sourceTopics();
    return readers.<TopicReader.Result>executeBlocking(() -> TopicReader.read(config.bootstrapServers(), topics,
            request.since(), request.until(), request.limit(), READ_TIMEOUT), false)
        .compose(result -> redeliver(request, result));
  }

  private Future<JsonObject> redeliver(ReplayRequest request, TopicReader.Result read) {
    Report report = new Report(request.source(), read);
    for (SourceRecord record : read.records()) {
      if (request.source() == ReplayRequest.Source.DLQ) {
        fromDeadLetter(request, record, report);
      } else {
        fromTopic(request, record, report);
      }
    }
    return Future.join(report.work).transform(ignored -> Future.succeededFuture(report.toJson()));
  }

  private void fromDeadLetter(ReplayRequest request, SourceRecord record, Report report) {
    DeadLetter letter;
    try {
      letter = DeadLetter.fromJson(record.value());
    } catch (IllegalArgumentException | NullPointerException e) {
      report.skipped(null, null, "not a dead letter (" + record + ")");
      return;
    }
    if (request.endpointId() != null && !request.endpointId().equals(letter.endpointId())) {
      return;
    }
    if (request.eventIds() != null && (letter.eventId() == null || !request.eventIds().contains(letter.eventId()))) {
      return;
    }
    if (DeadLetter.INVALID_RECORD.equals(letter.reason())) {
      report.skipped(letter.endpointId(), null, "invalid_record: " + letter.lastError());
      return;
    }
    WebhookEndpoint endpoint = config.endpoint(letter.endpointId());
    if (endpoint == null) {
      report.failed(letter.endpointId(), letter.eventId(), "endpoint '" + letter.endpointId() + "' is not configured");
      return;
    }
    if (!(EventMapper.map(letter.sourceRecord()) instanceof MappedRecord.Event mapped)) {
      report.failed(endpoint.id(), letter.eventId(), "the dead letter's record no longer maps to an event");
      return;
    }
    schedule(endpoint, mapped.event(), report);
  }

  private void fromTopic(ReplayRequest request, SourceRecord record, Report report) {
    if (!(EventMapper.map(record) instanceof MappedRecord.Event mapped)) {
      return;
    }
    WebhookEvent event = mapped.event();
    if (request.eventIds() != null && !request.eventIds().contains(event.id())) {
      return;
    }
    for (WebhookEndpoint endpoint : config.endpoints()) {
      if ((request.endpointId() == null || request.endpointId().equals(endpoint.id())) && endpoint.accepts(event.type())) {
        schedule(endpoint, event, report);
      }
    }
  }

  private void schedule(WebhookEndpoint endpoint, WebhookEvent event, Report report) {
    if (!report.seen.add(endpoint.id() + ' ' + event.id())) {
      report.duplicates++;
      return;
    }
    JsonObject line = report.line(endpoint.id(), event.id()).put("webhook_id", event.webhookId(endpoint.id()));
    report.matched++;
    report.work.add(sequencer.submit(endpoint.id() + '\u0000' + event.sessionId(),
            () -> deliverer.deliver(event, endpoint, closed, policy))
        .onSuccess(outcome -> {
          line.put("attempts", outcome.attempts());
          if (outcome instanceof DeliveryOutcome.Delivered) {
            report.delivered++;
            line.put("status", "delivered");
          } else {
            report.failedCount++;
            line.put("status", "failed").put("error", outcome instanceof DeliveryOutcome.Exhausted x
                ? x.lastFailure().toString() : "cancelled: the service is stopping");
          }
        }));
  }

  /** Counters and per-event lines of one replay; touched on the admin event loop only. */
  private static final class Report {
    final ReplayRequest.Source source;
    final TopicReader.Result read;
    final List<Future<DeliveryOutcome>> work = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    final JsonArray results = new JsonArray();
    int matched;
    int delivered;
    int failedCount;
    int skipped;
    int duplicates;

    Report(ReplayRequest.Source source, TopicReader.Result read) {
      this.source = source;
      this.read = read;
    }

    JsonObject line(String endpointId, String eventId) {
      JsonObject line = new JsonObject().put("endpoint_id", endpointId).put("event_id", eventId);
      if (results.size() < MAX_RESULTS) {
        results.add(line);
      }
      return line;
    }

    void skipped(String endpointId, String eventId, String why) {
      skipped++;
      line(endpointId, eventId).put("status", "skipped").put("error", why);
    }

    void failed(String endpointId, String eventId, String why) {
      matched++;
      failedCount++;
      line(endpointId, eventId).put("status", "failed").put("attempts", 0).put("error", why);
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("object", "webhook.replay")
          .put("source", source == ReplayRequest.Source.DLQ ? "dlq" : "topic")
          .put("read", read.records().size())
          .put("truncated", read.truncated())
          .put("matched", matched)
          .put("delivered", delivered)
          .put("failed", failedCount)
          .put("skipped", skipped)
          .put("duplicates", duplicates)
          .put("results", results);
    }
  }
}
