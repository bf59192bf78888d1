package org.voxmesh.transcript.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.testkit.kafka.ConsumedRecord;

/** Builds test transcripts and checks a topic the way a downstream consumer would. */
final class TranscriptTopicAssertions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TranscriptTopicAssertions() {}

  /** The {@code sequence}-th transcript of a session, with item ids chained like a real conversation. */
  static TranscriptRecord transcript(String sessionId, long sequence) {
    return TranscriptRecord.completed(sessionId, "item_" + sequence, sequence == 1 ? null : "item_" + (sequence - 1),
        sequence, "utterance " + sequence + " of " + sessionId, "en", "gpt-4o-transcribe", "pocketsphinx-en-us",
        (sequence - 1) * 1000, sequence * 1000 - 100, Instant.now());
  }

  /** Only the records of the given sessions (the shared broker's topic may hold other tests' records). */
  static List<ConsumedRecord> ofSessions(List<ConsumedRecord> records, Set<String> sessionIds) {
    return records.stream().filter(r -> sessionIds.contains(r.key())).toList();
  }

  /**
   * Every sent record arrived exactly once, keyed by its session, with the same JSON content, one partition
   * per session, and in sequence order within the session.
   */
  static void assertExactlyOnceInOrder(List<ConsumedRecord> consumed, Map<String, List<TranscriptRecord>> sent)
      throws Exception {
    int expected = sent.values().stream().mapToInt(List::size).sum();
    assertThat(consumed).as("records on the topic for sessions " + sent.keySet()).hasSize(expected);

    Map<String, List<ConsumedRecord>> bySession = new LinkedHashMap<>();
    for (ConsumedRecord r : consumed) {
      bySession.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    assertThat(bySession.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());

    for (Map.Entry<String, List<TranscriptRecord>> e : sent.entrySet()) {
      List<ConsumedRecord> got = bySession.get(e.getKey());
      assertThat(got.stream().map(ConsumedRecord::partition).collect(Collectors.toSet()))
          .as("one partition per session " + e.getKey()).hasSize(1);
      List<TranscriptRecord> parsed = new ArrayList<>();
      for (ConsumedRecord r : got) {
        JsonNode json = JSON.readTree(r.value());
        assertThat(json.get("session_id").textValue()).as("key = session_id").isEqualTo(r.key());
        parsed.add(TranscriptRecord.fromJson(r.value()));
      }
      assertThat(parsed.stream().map(TranscriptRecord::sequence).toList())
          .as("sequences of " + e.getKey() + " in partition order")
          .isEqualTo(e.getValue().stream().map(TranscriptRecord::sequence).toList());
      assertThat(parsed).as("content of " + e.getKey()).containsExactlyElementsOf(e.getValue());
    }
  }
}
