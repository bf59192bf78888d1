package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.node.NodeResult;
import org.voxmesh.testkit.node.RealtimeFlowArgs;

/**
 * A platform configured the way an operator would: transcription by an OpenAI-compatible upstream
 * (here a stand-in speaking the real multipart protocol on a real socket, since no hosted model can
 * run here) and a short maximum session duration.
 */
class UpstreamEngineAndLimitsTest {

  private static HttpServer upstream;
  private static final List<String> upstreamRequests = new CopyOnWriteArrayList<>();
  private static Platform platform;

  @TempDir
  Path audioDir;

  @BeforeAll
  static void start() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/v1/audio/transcriptions", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
      upstreamRequests.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body.length());
      // Answer with what was really received, so the test can tell the audio went through.
      boolean wav = body.contains("RIFF") && body.contains("WAVE");
      String model = body.contains("name=\"model\"\r\n\r\nwhisper-large-v3") ? "whisper-large-v3" : "other";
      byte[] reply = ("{\"text\":\"upstream " + model + " wav=" + wav + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    upstream.start();
    platform = RunningPlatform.start(Map.of(
        "asr.engine", "openai-compatible",
        "asr.openai.base.url", "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1",
        "asr.openai.api.key", "upstream-secret",
        "asr.openai.model", "whisper-large-v3",
        "session.max.duration.seconds", "6"));
  }

  @AfterAll
  static void stop() {
    platform.close();
    upstream.stop(0);
  }

  @Test
  void transcriptsComeFromTheConfiguredUpstream() {
    Utterance utterance = Corpus.load().utterance("flite_slt", "s05");
    NodeResult result = RunningPlatform.node().transcribe()
        .args(RealtimeFlowArgs.create(RunningPlatform.baseUrl(platform), RunningPlatform.API_KEY)
            .format(SessionFormat.PCM16).turnDetection("server_vad").silenceMs(500)
            .audio(utterance.writeSessionAudio(audioDir, SessionFormat.PCM16)).leadMs(300).gapMs(900).speed(0)
            .expectCompleted(1))
        .ca(platform.devCaFile()).timeout(Duration.ofSeconds(60)).run().requireSuccess();
    JsonNode completed = result.firstEvent(NodeResult.COMPLETED).orElseThrow(() -> new AssertionError(result.describe()));
    assertThat(completed.get("transcript").asText()).isEqualTo("upstream whisper-large-v3 wav=true");
    assertThat(upstreamRequests).anySatisfy(r -> assertThat(r).startsWith("Bearer upstream-secret "));
    TranscriptionEndToEndTest.assertValidForOfficialJavaSdk(result);
    String sessionId = result.events().get(0).at("/session/id").asText();
    List<TranscriptRecord> records = TranscriptionEndToEndTest.transcriptsInKafka(sessionId, 1);
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.engine()).isEqualTo("openai-compatible/whisper-large-v3");
      assertThat(r.transcript()).isEqualTo("upstream whisper-large-v3 wav=true");
    });
  }

  @Test
  void sessionsEndWith1001AtTheMaximumDuration() {
    long started = System.nanoTime();
    NodeResult result = RunningPlatform.node().raw()
        .args(RealtimeFlowArgs.create(RunningPlatform.baseUrl(platform), RunningPlatform.API_KEY)
            .turnDetection("none").expectCompleted(0).lingerMs(15_000))
        .ca(platform.devCaFile()).timeout(Duration.ofSeconds(30)).run();
    double seconds = (System.nanoTime() - started) / 1e9;
    JsonNode close = result.clientLine("close").orElseThrow(() -> new AssertionError(result.describe()));
    assertThat(close.get("code").asInt()).isEqualTo(1001);
    assertThat(close.get("reason").asText()).isEqualTo("Your session hit the maximum duration of 6 seconds.");
    assertThat(seconds).as("closed by the server, not by the client's 15 s linger").isLessThan(14);
  }
}
