package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.corpus.WordErrorRate;
import org.voxmesh.testkit.node.NodeProcess;
import org.voxmesh.testkit.node.NodeResult;

/**
 * Accuracy as a user of the official SDK sees it: every Flite and Festival recording of the corpus
 * (88 utterances, four voices, one session per voice running side by side), segmented by server VAD
 * and transcribed by the embedded engine. Pooled word error rate must stay at or under 15 %.
 */
class CorpusAccuracyTest {

  @TempDir
  Path audioDir;

  @Test
  void pooledWordErrorRateOnTheFliteAndFestivalVoicesIsAtMost15Percent() throws Exception {
    Corpus corpus = Corpus.load();
    RunningPlatform.get();
    List<List<Utterance>> perVoice = new ArrayList<>();
    List<NodeProcess> clients = new ArrayList<>();
    for (String voice : corpus.accuracyVoices()) {
      List<Utterance> utterances = corpus.utterances(voice);
      perVoice.add(utterances);
      List<Path> files = utterances.stream().map(u -> u.writeSessionAudio(audioDir, SessionFormat.PCM16)).toList();
      clients.add(RunningPlatform.node().transcribe()
          .args(RunningPlatform.flow().format(SessionFormat.PCM16).turnDetection("server_vad").silenceMs(500)
              .audio(files).leadMs(300).gapMs(1000).speed(0).expectCompleted(files.size()))
          .ca(RunningPlatform.ca()).timeout(Duration.ofSeconds(240)).start());
    }
    WordErrorRate.Pool pool = WordErrorRate.pool();
    for (int v = 0; v < clients.size(); v++) {
      NodeResult result = clients.get(v).await().requireSuccess();
      List<Utterance> utterances = perVoice.get(v);
      // One committed turn per recording, in order; transcripts matched to turns by item id.
      List<String> items = result.eventsOfType("input_audio_buffer.committed").stream()
          .map(e -> e.get("item_id").asText()).toList();
      assertThat(items).as("turns for %s\n%s", utterances.get(0).voice(), result.describe()).hasSize(utterances.size());
      for (int i = 0; i < items.size(); i++) {
        String item = items.get(i);
        JsonNode completed = result.eventsOfType(NodeResult.COMPLETED).stream()
            .filter(e -> e.get("item_id").asText().equals(item)).findFirst().orElseThrow();
        pool.add(utterances.get(i).key(), utterances.get(i).text(), completed.get("transcript").asText());
      }
    }
    System.out.println(pool.report());
    assertThat(pool.pairs()).isEqualTo(88);
    assertThat(pool.rate()).as(pool.report()).isLessThanOrEqualTo(0.15);
  }
}
