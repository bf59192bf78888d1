package org.voxmesh.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.webhook.Fixtures.await;
import static org.voxmesh.webhook.Fixtures.awaitUntil;
import static org.voxmesh.webhook.Fixtures.endpoint;
import static org.voxmesh.webhook.Fixtures.endpoints;
import static org.voxmesh.webhook.Fixtures.newSecret;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.webhook.TestReceiver.Received;
import org.voxmesh.webhook.dispatch.DispatchStats;

/** A backlog drains at a useful rate with the in-flight bound holding (the consumer pauses instead of buffering). */
class ThroughputTest {

  private static final Logger LOG = LoggerFactory.getLogger(ThroughputTest.class);
  private static final int SESSIONS = 50;
  private static final int PER_SESSION = 60;
  private static final int MAX_IN_FLIGHT = 200;

  private static Vertx vertx;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start() {
    EmbeddedKafka.broker();
    vertx = Vertx.vertx();
    producer = Fixtures.producer();
  }

  @AfterAll
  static void stop() {
    producer.close();
    await(vertx.close());
  }

  @Test
  @DisplayName("A 3000-record backlog to one endpoint: all delivered, in-flight never past its bound plus one poll")
  void backlogDrains() throws Exception {
    Fixtures.Names names = Fixtures.Names.unique("throughput");
    EmbeddedKafka.createTopic(names.transcripts(), 3);
    int total = SESSIONS * PER_SESSION;
    Fixtures.sendAll(producer, names.transcripts(), Fixtures.interleaved("sess_tp", SESSIONS, PER_SESSION));

    TestReceiver receiver = TestReceiver.ok(vertx);
    Map<String, String> settings = Fixtures.settings(names, endpoints(endpoint("fast", receiver.url(), newSecret())));
    settings.put("webhook.max.in.flight", Integer.toString(MAX_IN_FLIGHT));
    settings.put("webhook.max.concurrency", "16");
    WebhookService service = await(WebhookService.start(vertx, Fixtures.config(settings)));
    DispatchStats stats = service.stats().get("fast");
    int[] maxInFlight = {0};
    long timer = vertx.setPeriodic(5, t -> maxInFlight[0] = Math.max(maxInFlight[0], stats.inFlight()));
    try {
      awaitUntil(() -> receiver.successes().size() >= total, Duration.ofSeconds(60),
          () -> "delivered " + receiver.successes().size() + " of " + total);
      vertx.cancelTimer(timer);
      var ok = receiver.successes();
      long first = ok.stream().mapToLong(Received::atNanos).min().orElseThrow();
      long last = ok.stream().mapToLong(Received::atNanos).max().orElseThrow();
      double seconds = (last - first) / 1e9;
      LOG.info("delivered {} webhooks in {} ms: {} per second (16 connections, loopback receiver answering at once);"
          + " max in flight {} (bound {}), paused {} times", total, TimeUnit.NANOSECONDS.toMillis(last - first),
          Math.round(total / seconds), maxInFlight[0], MAX_IN_FLIGHT, stats.pauses());
      assertThat(ok.stream().map(Received::webhookId).distinct().count()).isEqualTo(total);
      assertThat(stats.pauses()).isPositive();
      assertThat(maxInFlight[0]).isLessThanOrEqualTo(MAX_IN_FLIGHT + MAX_IN_FLIGHT); // bound + one poll (max.poll.records)
    } finally {
      vertx.cancelTimer(timer);
      await(service.stop());
      receiver.close();
    }
  }
}
