package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.testkit.conformance.OpenAiJavaConformance;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.corpus.WordErrorRate;
import org.voxmesh.testkit.node.NodeResult;

/**
 * An old client that asks for the beta shape ({@code OpenAI-Beta: realtime=v1}) gets it end to end:
 * beta event names and the flat session object, never a GA-only name.
 */
class BetaDialectEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void betaTranscriptionSessionSpeaksBetaThroughout() throws Exception {
    Utterance utterance = Corpus.load().utterance("flite_slt", "s01");
    byte[] audio = utterance.sessionAudio(SessionFormat.PCM16);
    List<String> frames = new ArrayList<>();
    frames.add("{\"type\":\"transcription_session.update\",\"event_id\":\"b1\",\"session\":{\"input_audio_format\":\"pcm16\","
        + "\"input_audio_transcription\":{\"model\":\"whisper-1\",\"language\":\"en\"},\"turn_detection\":null}}");
    for (int i = 0; i < audio.length; i += 4800) {
      ObjectNode append = JSON.createObjectNode().put("type", "input_audio_buffer.append")
          .put("audio", Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, i, Math.min(audio.length, i + 4800))));
      frames.add(append.toString());
    }
    frames.add("{\"type\":\"input_audio_buffer.commit\",\"event_id\":\"b2\"}");
    Path file = dir.resolve("beta.jsonl");
    Files.write(file, frames);

    NodeResult result = RunningPlatform.node().raw()
        .args("--base-url", RunningPlatform.baseUrl(), "--api-key", RunningPlatform.API_KEY,
            "--header", "OpenAI-Beta: realtime=v1", "--send-raw", file.toString(), "--linger-ms", "6000")
        .ca(RunningPlatform.ca()).timeout(Duration.ofSeconds(40)).run();

    List<String> types = result.types();
    assertThat(types).as(result.describe()).startsWith("transcription_session.created", "transcription_session.updated");
    assertThat(types).containsSubsequence("input_audio_buffer.committed", "conversation.item.created",
        "conversation.item.input_audio_transcription.completed");
    assertThat(types).doesNotContain("session.created", "session.updated", "conversation.item.added",
        "conversation.item.done", "error");
    JsonNode updated = result.firstEvent("transcription_session.updated").orElseThrow();
    assertThat(updated.at("/session/input_audio_format").asText()).isEqualTo("pcm16");
    assertThat(updated.at("/session/turn_detection").isNull()).isTrue();
    assertThat(updated.at("/session/input_audio_transcription/model").asText()).isEqualTo("whisper-1");
    JsonNode completed = result.firstEvent("conversation.item.input_audio_transcription.completed").orElseThrow();
    assertThat(WordErrorRate.rate(utterance.text(), completed.get("transcript").asText())).isLessThanOrEqualTo(0.5);
    for (JsonNode event : result.events()) {
      OpenAiJavaConformance.assertValidBetaServerEvent(event.toString());
    }
  }

  @Test
  void betaConversationUsesBetaNamesAndShapes() throws Exception {
    Path file = dir.resolve("beta-conversation.jsonl");
    Files.write(file, List.of(
        "{\"type\":\"session.update\",\"session\":{\"modalities\":[\"text\"],\"instructions\":\"Be brief.\",\"turn_detection\":null}}",
        "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hello\"}]}}",
        "{\"type\":\"response.create\"}"));
    NodeResult result = RunningPlatform.node().raw()
        .args("--base-url", RunningPlatform.baseUrl(), "--api-key", RunningPlatform.API_KEY, "--session-model",
            "gpt-4o-realtime-preview", "--subprotocol", "openai-beta.realtime-v1", "--send-raw", file.toString(),
            "--raw-delay-ms", "100", "--linger-ms", "4000")
        .ca(RunningPlatform.ca()).timeout(Duration.ofSeconds(40)).run();
    List<String> types = result.types();
    assertThat(types).as(result.describe()).startsWith("session.created", "session.updated");
    assertThat(types).containsSubsequence("conversation.item.created", "response.created", "response.output_item.added",
        "conversation.item.created", "response.content_part.added", "response.text.delta", "response.text.done",
        "response.content_part.done", "response.output_item.done", "response.done");
    assertThat(types).doesNotContain("conversation.item.added", "conversation.item.done", "response.output_text.delta",
        "response.output_text.done", "error");
    JsonNode updated = result.firstEvent("session.updated").orElseThrow();
    assertThat(updated.at("/session/modalities/0").asText()).isEqualTo("text");
    assertThat(updated.at("/session/instructions").asText()).isEqualTo("Be brief.");
    JsonNode itemDone = result.firstEvent("response.output_item.done").orElseThrow();
    assertThat(itemDone.at("/item/content/0/type").asText()).isEqualTo("text");
    for (JsonNode event : result.events()) {
      OpenAiJavaConformance.assertValidBetaServerEvent(event.toString());
    }
  }
}
