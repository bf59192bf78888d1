package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.testkit.conformance.OpenAiJavaConformance;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.corpus.WordErrorRate;
import org.voxmesh.testkit.kafka.ConsumedRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.testkit.node.NodeResult;
import org.voxmesh.testkit.node.RealtimeFlowArgs;

/**
 * The official {@code openai} npm SDK ({@code openai/realtime/ws}, over wss://) against the running
 * platform: a transcription session with server VAD, audio streamed in real time, the documented
 * event order, correct transcripts, every event valid for the official Java SDK's models, and the
 * transcripts in Kafka.
 */
class TranscriptionEndToEndTest {

  private static final String COMPLETED = NodeResult.COMPLETED;
  private static Corpus corpus;

  @TempDir
  Path audioDir;

  @BeforeAll
  static void startPlatform() {
    RunningPlatform.get();
    corpus = Corpus.load();
  }

  @Test
  void serverVadSessionInRealTimeFollowsTheDocumentedOrderAndReachesKafka() {
    List<Utterance> utterances = List.of(
        corpus.utterance("flite_slt", "s01"), corpus.utterance("fest_slt", "s02"));
    NodeResult result = transcribe(RunningPlatform.flow()
        .format(SessionFormat.PCM16).turnDetection("server_vad").silenceMs(500)
        .audio(files(utterances, SessionFormat.PCM16)).leadMs(400).gapMs(1200).speed(1)
        .expectCompleted(2));

    assertThat(result.types().get(0)).isEqualTo("session.created");
    assertThat(result.events().get(0).at("/session/type").asText()).isEqualTo("transcription");
    assertThat(result.types()).contains("session.updated");
    List<String> itemIds = distinctItems(result, "input_audio_buffer.speech_started");
    assertThat(itemIds).hasSize(2);
    String previous = null;
    for (String item : itemIds) {
      assertThat(typesFor(result, item)).as("events of %s", item).startsWith(
          "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed",
          "conversation.item.added", "conversation.item.done",
          "conversation.item.input_audio_transcription.delta");
      assertThat(typesFor(result, item)).endsWith(COMPLETED);
      JsonNode committed = eventFor(result, "input_audio_buffer.committed", item);
      assertThat(committed.get("previous_item_id").isNull() ? null : committed.get("previous_item_id").asText())
          .isEqualTo(previous);
      previous = item;
    }
    List<JsonNode> completed = result.eventsOfType(COMPLETED);
    for (int i = 0; i < completed.size(); i++) {
      JsonNode event = completed.get(i);
      assertThat(WordErrorRate.rate(utterances.get(i).text(), event.get("transcript").asText()))
          .as("transcript %s", event.get("transcript")).isLessThanOrEqualTo(0.25);
      assertThat(event.at("/usage/type").asText()).isEqualTo("duration");
      assertThat(event.at("/usage/seconds").asDouble()).isBetween(1.0, 10.0);
      String deltas = result.eventsOfType("conversation.item.input_audio_transcription.delta").stream()
          .filter(d -> d.get("item_id").asText().equals(event.get("item_id").asText()))
          .map(d -> d.get("delta").asText()).collect(Collectors.joining());
      assertThat(deltas).as("deltas concatenate to the transcript").isEqualTo(event.get("transcript").asText());
    }
    JsonNode started = eventFor(result, "input_audio_buffer.speech_started", itemIds.get(0));
    assertThat(started.get("audio_start_ms").asLong()).as("onset minus padding, after the 400 ms lead").isBetween(0L, 600L);
    assertValidForOfficialJavaSdk(result);

    String sessionId = result.events().get(0).at("/session/id").asText();
    List<TranscriptRecord> records = transcriptsInKafka(sessionId, 2);
    assertThat(records).extracting(TranscriptRecord::sequence).containsExactly(1L, 2L);
    assertThat(records).extracting(TranscriptRecord::itemId).containsExactlyElementsOf(itemIds);
    assertThat(records).extracting(TranscriptRecord::transcript)
        .containsExactlyElementsOf(completed.stream().map(e -> e.get("transcript").asText()).toList());
    assertThat(records.get(1).previousItemId()).isEqualTo(itemIds.get(0));
    assertThat(records.get(0).audioEndMs()).isGreaterThan(records.get(0).audioStartMs());
    assertThat(records.get(0).model()).isEqualTo("gpt-4o-transcribe");
    assertThat(records.get(0).engine()).isEqualTo("pocketsphinx-en-us");
  }

  @Test
  void telephonyFormatsAreDecodedAndTranscribed() {
    for (SessionFormat format : List.of(SessionFormat.PCMU, SessionFormat.PCMA)) {
      List<Utterance> utterances = corpus.utterances("flite_kal16").subList(0, 6);
      NodeResult result = transcribe(RunningPlatform.flow()
          .format(format).turnDetection("server_vad").silenceMs(500)
          .audio(files(utterances, format)).leadMs(300).gapMs(1000).speed(0)
          .expectCompleted(utterances.size()));
      assertThat(result.firstEvent("session.updated").orElseThrow().at("/session/audio/input/format/type").asText())
          .isEqualTo(format == SessionFormat.PCMU ? "audio/pcmu" : "audio/pcma");
      List<String> items = distinctItems(result, "input_audio_buffer.committed");
      assertThat(items).hasSize(utterances.size());
      WordErrorRate.Pool pool = WordErrorRate.pool();
      for (int i = 0; i < items.size(); i++) {
        JsonNode completed = eventFor(result, COMPLETED, items.get(i));
        pool.add(utterances.get(i).id(), utterances.get(i).text(), completed.get("transcript").asText());
      }
      // 8 kHz audio through the embedded 16 kHz model is much less accurate (SPEECH_FEASIBILITY §A1,
      // docs/benchmarks.md); this proves the G.711 path end to end, not telephony-grade accuracy.
      assertThat(pool.rate()).as("%s pooled WER\n%s", format, pool.report()).isLessThanOrEqualTo(0.6);
      assertValidForOfficialJavaSdk(result);
    }
  }

  @Test
  void manualCommitWithoutTurnDetection() {
    List<Utterance> utterances = List.of(corpus.utterance("flite_kal16", "s03"), corpus.utterance("flite_slt", "s04"));
    NodeResult result = transcribe(RunningPlatform.flow()
        .format(SessionFormat.PCM16).turnDetection("none")
        .audio(files(utterances, SessionFormat.PCM16)).gapMs(200).speed(0).commit("always")
        .expectCompleted(2));
    assertThat(result.firstEvent("session.updated").orElseThrow().at("/session/audio/input/turn_detection").isNull()).isTrue();
    assertThat(result.types()).doesNotContain("input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped");
    List<JsonNode> commits = result.eventsOfType("input_audio_buffer.committed");
    assertThat(commits).hasSize(2);
    assertThat(commits.get(1).get("previous_item_id").asText()).isEqualTo(commits.get(0).get("item_id").asText());
    List<JsonNode> completed = result.eventsOfType(COMPLETED);
    // Each committed item gets its own utterance's words (pooled: one short utterance can lose a few words
    // to PocketSphinx, which depends on what its pooled decoder heard before; a mix-up would be ~100 %).
    WordErrorRate.Pool wer = WordErrorRate.pool();
    for (int i = 0; i < 2; i++) {
      String item = commits.get(i).get("item_id").asText();
      JsonNode done = completed.stream().filter(e -> e.get("item_id").asText().equals(item)).findFirst().orElseThrow();
      wer.add(utterances.get(i).text(), done.get("transcript").asText());
    }
    assertThat(wer.rate()).as("pooled WER of the two committed items\n%s", wer.report()).isLessThanOrEqualTo(0.4);
    assertValidForOfficialJavaSdk(result);
  }

  @Test
  void clearDropsTheBufferAndTooSmallACommitIsRefused() {
    // Clear right after the first chunk, then commit 20 ms of audio: OpenAI requires 100 ms.
    Path tiny = audioDir.resolve("tiny.raw");
    writeSilence(tiny, SessionFormat.PCM16, 20);
    NodeResult result = transcribe(RunningPlatform.flow()
        .format(SessionFormat.PCM16).turnDetection("none")
        .audio(tiny).speed(0).commit("always").clearAfterFirstChunk()
        .expectCompleted(0).lingerMs(1500));
    assertThat(result.types()).as(result.describe()).containsSubsequence("input_audio_buffer.cleared", "error");
    List<JsonNode> errors = result.errors();
    assertThat(errors).as(result.describe()).extracting(e -> e.at("/error/code").asText())
        .containsExactly("input_audio_buffer_commit_empty");
    assertThat(result.types()).doesNotContain("input_audio_buffer.committed", COMPLETED);
    assertValidForOfficialJavaSdk(result);
  }

  private NodeResult transcribe(RealtimeFlowArgs flow) {
    return RunningPlatform.node().transcribe().args(flow).ca(RunningPlatform.ca())
        .timeout(Duration.ofSeconds(90)).run().requireSuccess();
  }

  private List<Path> files(List<Utterance> utterances, SessionFormat format) {
    return utterances.stream().map(u -> u.writeSessionAudio(audioDir, format)).toList();
  }

  private static void writeSilence(Path file, SessionFormat format, int ms) {
    try {
      java.nio.file.Files.write(file, format.silence(ms));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void assertValidForOfficialJavaSdk(NodeResult result) {
    for (JsonNode event : result.events()) {
      OpenAiJavaConformance.assertValidServerEvent(event.toString());
    }
  }

  private static List<String> distinctItems(NodeResult result, String type) {
    return result.eventsOfType(type).stream().map(e -> e.get("item_id").asText()).distinct().toList();
  }

  private static List<String> typesFor(NodeResult result, String itemId) {
    List<String> types = new ArrayList<>();
    for (JsonNode event : result.events()) {
      JsonNode id = event.has("item_id") ? event.get("item_id") : event.at("/item/id");
      if (itemId.equals(id.asText(null))) {
        types.add(event.get("type").asText());
      }
    }
    return types;
  }

  private static JsonNode eventFor(NodeResult result, String type, String itemId) {
    return result.eventsOfType(type).stream().filter(e -> itemId.equals(e.get("item_id").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " for " + itemId + "\n" + result.describe()));
  }

  static List<TranscriptRecord> transcriptsInKafka(String sessionId, int expected) {
    List<TranscriptRecord> mine = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (mine.size() < expected && System.nanoTime() < deadline) {
      mine.clear();
      for (ConsumedRecord r : EmbeddedKafka.consumeAll(Topics.TRANSCRIPTS, 0, Duration.ofSeconds(2))) {
        if (sessionId.equals(r.key())) {
          TranscriptRecord record = TranscriptRecord.fromJson(r.value());
          assertThat(record.sessionId()).isEqualTo(sessionId);
          mine.add(record);
        }
      }
    }
    mine.sort(java.util.Comparator.comparingLong(TranscriptRecord::sequence));
    return mine;
  }
}
