package org.voxmesh.transcript.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.transcript.publish.TranscriptTopicAssertions.assertExactlyOnceInOrder;
import static org.voxmesh.transcript.publish.TranscriptTopicAssertions.ofSessions;
import static org.voxmesh.transcript.publish.TranscriptTopicAssertions.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.testkit.kafka.ConsumedRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;

/** The sink against a real KRaft broker, checked with a plain kafka-clients consumer. */
class KafkaTranscriptSinkTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Vertx vertx;
  private static KafkaTranscriptSink sink;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    sink = KafkaTranscriptSink.start(vertx, KafkaSinkSettings.defaults(EmbeddedKafka.bootstrapServers())).await();
  }

  @AfterAll
  static void stop() {
    if (sink != null) {
      sink.close().await();
    }
    vertx.close().await();
  }

  @Test
  void createsTheTopicWithThreePartitions() throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", EmbeddedKafka.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      TopicDescription topic = admin.describeTopics(List.of(Topics.TRANSCRIPTS)).allTopicNames()
          .get(30, TimeUnit.SECONDS).get(Topics.TRANSCRIPTS);
      assertThat(topic.partitions()).hasSize(KafkaSinkSettings.DEFAULT_PARTITIONS);
    }
    // Starting a second sink on the existing topic is fine.
    KafkaTranscriptSink.start(vertx, KafkaSinkSettings.defaults(EmbeddedKafka.bootstrapServers())).await().close().await();
  }

  @Test
  void twoSessionsArriveKeyedOnceAndInOrder() throws Exception {
    String a = "sess_a_" + UUID.randomUUID();
    String b = "sess_b_" + UUID.randomUUID();
    Map<String, List<TranscriptRecord>> sent = new LinkedHashMap<>();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    // Interleaved and pipelined, as two live sessions would publish.
    for (long seq = 1; seq <= 100; seq++) {
      for (String session : List.of(a, b)) {
        TranscriptRecord r = transcript(session, seq);
        sent.computeIfAbsent(session, k -> new ArrayList<>()).add(r);
        acks.add(sink.publish(r));
      }
    }
    Future.all(acks).await(60, TimeUnit.SECONDS);
    assertThat(sink.pending()).isZero();

    List<ConsumedRecord> all = EmbeddedKafka.consumeAll(Topics.TRANSCRIPTS, 200, Duration.ofSeconds(30));
    List<ConsumedRecord> ours = ofSessions(all, sent.keySet());
    assertExactlyOnceInOrder(ours, sent);

    // What publish reported is where the consumer found it.
    ConsumedRecord first = ours.stream().filter(r -> r.key().equals(a)).findFirst().orElseThrow();
    RecordMetadata firstAck = acks.get(0).result();
    assertThat(firstAck.getPartition()).isEqualTo(first.partition());
    assertThat(firstAck.getOffset()).isEqualTo(first.offset());

    // The raw JSON uses the documented snake_case names.
    JsonNode json = JSON.readTree(first.value());
    assertThat(json.get("schema_version").intValue()).isEqualTo(1);
    assertThat(json.get("type").textValue()).isEqualTo("transcript.completed");
    assertThat(json.get("previous_item_id").isNull()).isTrue();
    assertThat(json.get("audio_end_ms").longValue()).isEqualTo(900);
    assertThat(json.get("created_at").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void refusesInsteadOfQueueingPastMaxPending() throws Exception {
    KafkaTranscriptSink small = KafkaTranscriptSink.start(vertx,
        KafkaSinkSettings.defaults(EmbeddedKafka.bootstrapServers()).withMaxPending(1)).await();
    try {
      String session = "sess_overload_" + UUID.randomUUID();
      Promise<List<Future<RecordMetadata>>> both = Promise.promise();
      // On one context, so no acknowledgement can arrive between the two calls.
      vertx.runOnContext(v -> both.complete(List.of(
          small.publish(transcript(session, 1)), small.publish(transcript(session, 2)))));
      List<Future<RecordMetadata>> results = both.future().await();
      assertThat(results.get(0).await(30, TimeUnit.SECONDS).getOffset()).isNotNegative();
      assertThat(results.get(1).failed()).isTrue();
      assertThat(results.get(1).cause()).isInstanceOf(TranscriptSinkOverloadedException.class);
      // Once acknowledged, the slot is free again.
      assertThat(small.publish(transcript(session, 2)).await(30, TimeUnit.SECONDS).getOffset()).isNotNegative();
    } finally {
      small.close().await();
    }
    assertThat(small.publish(transcript("sess_closed", 1)).failed()).isTrue();
  }
}
