package org.voxmesh.speech.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxmesh.speech.tts.SynthesisException;
import org.voxmesh.speech.tts.SynthesisRequest;
import org.voxmesh.speech.tts.SynthesisStream;
import org.voxmesh.speech.tts.SynthesizerOverloadedException;

/** The upstream speech engine against a fake OpenAI-compatible server on a real loopback socket. */
class OpenAiCompatibleSpeechSynthesizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the fake server received. */
  record Received(String method, String path, String authorization, String contentType, JsonNode json) {}

  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange ex, Received r) throws Exception;
  }

  /** A stand-in for {@code POST /v1/audio/speech}. */
  static final class FakeSpeechServer implements AutoCloseable {
    final HttpServer server;
    final ExecutorService executor = Executors.newCachedThreadPool();
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    FakeSpeechServer(Handler handler) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/v1/audio/speech",
          ex -> {
            try (ex) {
              byte[] body = ex.getRequestBody().readAllBytes();
              JsonNode json = body.length == 0 ? null : JSON.readTree(body);
              Received r =
                  new Received(
                      ex.getRequestMethod(),
                      ex.getRequestURI().getPath(),
                      ex.getRequestHeaders().getFirst("Authorization"),
                      ex.getRequestHeaders().getFirst("Content-Type"),
                      json);
              received.add(r);
              handler.handle(ex, r);
            } catch (IOException e) {
              throw e;
            } catch (Exception e) {
              throw new IOException(e);
            }
          });
      server.setExecutor(executor);
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private FakeSpeechServer server;
  private OpenAiCompatibleSpeechSynthesizer tts;

  @AfterEach
  void stop() {
    if (tts != null) {
      tts.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A 440 Hz tone at 24 kHz, as little-endian bytes. */
  private static short[] tone(int samples) {
    short[] s = new short[samples];
    for (int i = 0; i < samples; i++) {
      s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 24_000.0));
    }
    return s;
  }

  private static byte[] le(short[] s) {
    byte[] b = new byte[2 * s.length];
    for (int i = 0; i < s.length; i++) {
      b[2 * i] = (byte) s[i];
      b[2 * i + 1] = (byte) (s[i] >> 8);
    }
    return b;
  }

  private static void reply(HttpExchange ex, int status, String contentType, String body) throws IOException {
    reply(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(HttpExchange ex, int status, String contentType, byte[] b) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
  }

  private static List<short[]> drain(SynthesisStream s) {
    List<short[]> out = new ArrayList<>();
    try (s) {
      for (short[] c = s.next(); c != null; c = s.next()) {
        assertThat(c).isNotEmpty();
        out.add(c);
      }
    }
    return out;
  }

  private static short[] concat(List<short[]> chunks) {
    short[] all = new short[chunks.stream().mapToInt(c -> c.length).sum()];
    int at = 0;
    for (short[] c : chunks) {
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
    }
    return all;
  }

  @Test
  void streamsThePcmBodyChunkByChunkAndSendsTheOpenAiRequest() throws Exception {
    short[] audio = tone(24_000); // one second
    byte[] bytes = le(audio);
    CountDownLatch clientHasFirstChunk = new CountDownLatch(1);
    // odd sizes: samples are split between pieces and must be put back together
    int[] cuts = {0, 4801, 20001, 33333, bytes.length};
    server =
        new FakeSpeechServer(
            (ex, r) -> {
              ex.getResponseHeaders().set("Content-Type", "audio/pcm");
              ex.sendResponseHeaders(200, 0); // chunked
              OutputStream out = ex.getResponseBody();
              for (int i = 0; i + 1 < cuts.length; i++) {
                out.write(bytes, cuts[i], cuts[i + 1] - cuts[i]);
                out.flush();
                if (i == 0) {
                  // the rest only after the client played the first piece: proves streaming
                  clientHasFirstChunk.await(10, TimeUnit.SECONDS);
                } else {
                  Thread.sleep(30);
                }
              }
            });
    tts =
        new OpenAiCompatibleSpeechSynthesizer(
            OpenAiCompatibleSpeechConfig.of(server.baseUrl()).withApiKey("sk-test-123"));
    assertThat(tts.sampleRate()).isEqualTo(24_000);
    assertThat(tts.name()).isEqualTo("openai-compatible/gpt-4o-mini-tts");

    List<short[]> chunks = new ArrayList<>();
    long t0 = System.nanoTime();
    try (SynthesisStream s =
        tts.synthesize(new SynthesisRequest("Hello from the fake server.", "coral", 1.25))) {
      short[] first = s.next();
      long firstMs = (System.nanoTime() - t0) / 1_000_000;
      chunks.add(first);
      clientHasFirstChunk.countDown();
      for (short[] c = s.next(); c != null; c = s.next()) {
        chunks.add(c);
      }
      System.out.printf("openai-compatible: first chunk after %d ms, %d chunks%n", firstMs, chunks.size());
    }
    assertThat(chunks.size()).isGreaterThanOrEqualTo(3);
    assertThat(concat(chunks)).isEqualTo(audio);
    assertThat(tts.activeStreams()).isZero();

    Received r = server.received.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/audio/speech");
    assertThat(r.authorization()).isEqualTo("Bearer sk-test-123");
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.json().get("model").asText()).isEqualTo("gpt-4o-mini-tts");
    assertThat(r.json().get("input").asText()).isEqualTo("Hello from the fake server.");
    assertThat(r.json().get("voice").asText()).isEqualTo("coral");
    assertThat(r.json().get("response_format").asText()).isEqualTo("pcm");
    assertThat(r.json().get("speed").asDouble()).isEqualTo(1.25);
  }

  @Test
  void customVoiceIdsGoAsObjectsAndNoKeySendsNoAuthorization() throws Exception {
    server = new FakeSpeechServer((ex, r) -> reply(ex, 200, "application/octet-stream", "\u0001\u0000"));
    tts =
        new OpenAiCompatibleSpeechSynthesizer(
            OpenAiCompatibleSpeechConfig.of(server.baseUrl() + "/").withModel("tts-1"));
    assertThat(concat(drain(tts.synthesize(SynthesisRequest.of("Hi.").withVoice("voice_abc123")))))
        .containsExactly((short) 1);
    assertThat(concat(drain(tts.synthesize(SynthesisRequest.of("Hi.").withVoice("af_heart")))))
        .containsExactly((short) 1);
    Received custom = server.received.get(0);
    assertThat(custom.authorization()).isNull();
    assertThat(custom.json().get("model").asText()).isEqualTo("tts-1");
    assertThat(custom.json().get("voice").isObject()).isTrue();
    assertThat(custom.json().get("voice").get("id").asText()).isEqualTo("voice_abc123");
    assertThat(server.received.get(1).json().get("voice").asText()).isEqualTo("af_heart");
  }

  @Test
  void anErrorStatusThrowsWithTheStatusAndTheUpstreamMessage() throws Exception {
    server =
        new FakeSpeechServer(
            (ex, r) -> {
              String voice = r.json().get("voice").asText();
              switch (voice) {
                case "alloy" -> reply(ex, 400, "application/json",
                    "{\"error\":{\"message\":\"Invalid value for 'voice'.\",\"type\":\"invalid_request_error\"}}");
                case "echo" -> reply(ex, 401, "text/plain", "Unauthorized: bad key");
                case "sage" -> reply(ex, 503, "application/json", "{\"detail\":\"model is loading\"}");
                default -> reply(ex, 200, "application/json", "{\"text\":\"not audio\"}");
              }
            });
    tts = new OpenAiCompatibleSpeechSynthesizer(OpenAiCompatibleSpeechConfig.of(server.baseUrl()));

    SynthesisStream s = tts.synthesize(SynthesisRequest.of("Hello."));
    assertThatThrownBy(s::next)
        .isInstanceOfSatisfying(
            OpenAiCompatibleSpeechException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.upstreamMessage()).isEqualTo("Invalid value for 'voice'.");
              assertThat(e.getMessage()).contains("HTTP 400").contains("/v1/audio/speech");
            })
        .isInstanceOf(SynthesisException.class);
    assertThat(s.next()).isNull(); // the stream is over
    assertThat(tts.activeStreams()).isZero();

    assertThatThrownBy(() -> drain(tts.synthesize(SynthesisRequest.of("Hello.").withVoice("echo"))))
        .isInstanceOfSatisfying(
            OpenAiCompatibleSpeechException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.upstreamMessage()).isEqualTo("Unauthorized: bad key");
            });
    assertThatThrownBy(() -> drain(tts.synthesize(SynthesisRequest.of("Hello.").withVoice("sage"))))
        .isInstanceOfSatisfying(
            OpenAiCompatibleSpeechException.class,
            e -> assertThat(e.upstreamMessage()).isEqualTo("model is loading"));
    // a 200 that is not audio must not be played as noise
    assertThatThrownBy(() -> drain(tts.synthesize(SynthesisRequest.of("Hello.").withVoice("ash"))))
        .isInstanceOfSatisfying(
            OpenAiCompatibleSpeechException.class,
            e -> {
              assertThat(e.status()).isEqualTo(200);
              assertThat(e.getMessage()).contains("application/json").contains("instead of raw PCM");
            });
    assertThat(tts.activeStreams()).isZero();
  }

  @Test
  void capacityIsBoundedAndReleased() throws Exception {
    server = new FakeSpeechServer((ex, r) -> reply(ex, 200, "audio/pcm", "\u0001\u0000\u0002\u0000"));
    tts =
        new OpenAiCompatibleSpeechSynthesizer(
            OpenAiCompatibleSpeechConfig.of(server.baseUrl()).withMaxConcurrent(2));
    SynthesisStream a = tts.synthesize(SynthesisRequest.of("one"));
    SynthesisStream b = tts.synthesize(SynthesisRequest.of("two"));
    assertThatThrownBy(() -> tts.synthesize(SynthesisRequest.of("three")))
        .isInstanceOf(SynthesizerOverloadedException.class)
        .hasMessageContaining("all 2 upstream slots are busy");
    assertThat(concat(drain(a))).containsExactly((short) 1, (short) 2);
    SynthesisStream c = tts.synthesize(SynthesisRequest.of("three"));
    b.close();
    c.close();
    assertThat(tts.activeStreams()).isZero();
    tts.close();
    assertThatThrownBy(() -> tts.synthesize(SynthesisRequest.of("four")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void cancelWakesABlockedNextAndHangsUp() throws Exception {
    CountDownLatch clientGone = new CountDownLatch(1);
    server =
        new FakeSpeechServer(
            (ex, r) -> {
              ex.getResponseHeaders().set("Content-Type", "audio/pcm");
              ex.sendResponseHeaders(200, 0);
              OutputStream out = ex.getResponseBody();
              byte[] piece = le(tone(2_400));
              try {
                for (int i = 0; i < 600; i++) { // a minute of slow audio, unless the client leaves
                  out.write(piece);
                  out.flush();
                  Thread.sleep(i == 0 ? 0 : 100);
                }
              } catch (IOException e) {
                clientGone.countDown();
              }
            });
    tts = new OpenAiCompatibleSpeechSynthesizer(OpenAiCompatibleSpeechConfig.of(server.baseUrl()));
    SynthesisStream s = tts.synthesize(SynthesisRequest.of("A long story."));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch gotOne = new CountDownLatch(1);
      Future<Integer> reader =
          pool.submit(
              () -> {
                int n = 0;
                for (short[] c = s.next(); c != null; c = s.next()) {
                  n += c.length;
                  gotOne.countDown();
                }
                return n;
              });
      assertThat(gotOne.await(10, TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      s.cancel();
      int n = reader.get(5, TimeUnit.SECONDS);
      System.out.printf(
          "openai-compatible cancel: reader stopped %d ms after cancel()%n", (System.nanoTime() - t0) / 1_000_000);
      assertThat(n).isLessThan(24_000 * 10);
      assertThat(s.next()).isNull();
      assertThat(tts.activeStreams()).isZero();
      assertThat(clientGone.await(10, TimeUnit.SECONDS)).as("the connection was closed").isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cancelWhileWaitingForTheAnswerReturnsAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server =
        new FakeSpeechServer(
            (ex, r) -> {
              release.await(20, TimeUnit.SECONDS);
              reply(ex, 200, "audio/pcm", "\u0001\u0000");
            });
    tts = new OpenAiCompatibleSpeechSynthesizer(OpenAiCompatibleSpeechConfig.of(server.baseUrl()));
    SynthesisStream s = tts.synthesize(SynthesisRequest.of("Slow to start."));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<short[]> reader = pool.submit(s::next);
      while (server.received.isEmpty()) {
        Thread.sleep(5);
      }
      s.cancel();
      assertThat(reader.get(2, TimeUnit.SECONDS)).isNull();
      assertThat(tts.activeStreams()).isZero();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aStalledBodyAndAnUnreachableServiceFail() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server =
        new FakeSpeechServer(
            (ex, r) -> {
              ex.getResponseHeaders().set("Content-Type", "audio/pcm");
              ex.sendResponseHeaders(200, 0);
              ex.getResponseBody().write(new byte[480]);
              ex.getResponseBody().flush();
              release.await(20, TimeUnit.SECONDS); // then nothing
            });
    tts =
        new OpenAiCompatibleSpeechSynthesizer(
            OpenAiCompatibleSpeechConfig.of(server.baseUrl()).withTimeout(Duration.ofMillis(400)));
    try (SynthesisStream s = tts.synthesize(SynthesisRequest.of("Stall."))) {
      assertThat(s.next()).hasSize(240);
      assertThatThrownBy(s::next)
          .isInstanceOf(OpenAiCompatibleSpeechException.class)
          .hasMessageContaining("stalled");
    } finally {
      release.countDown();
    }
    assertThat(tts.activeStreams()).isZero();

    int closedPort;
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = ss.getLocalPort();
    }
    try (OpenAiCompatibleSpeechSynthesizer nowhere =
        new OpenAiCompatibleSpeechSynthesizer(
            OpenAiCompatibleSpeechConfig.of("http://127.0.0.1:" + closedPort + "/v1")
                .withTimeout(Duration.ofSeconds(2)))) {
      assertThatThrownBy(() -> drain(nowhere.synthesize(SynthesisRequest.of("Hello?"))))
          .isInstanceOfSatisfying(
              OpenAiCompatibleSpeechException.class, e -> assertThat(e.status()).isZero());
      assertThat(nowhere.activeStreams()).isZero();
    }
  }

  @Test
  void theTimeoutBoundsGapsNotTheWholeBody() throws Exception {
    server =
        new FakeSpeechServer(
            (ex, r) -> {
              ex.getResponseHeaders().set("Content-Type", "audio/pcm");
              ex.sendResponseHeaders(200, 0);
              for (int i = 0; i < 12; i++) { // 1.2 s of trickling body, 100 ms gaps
                ex.getResponseBody().write(le(tone(2_400)));
                ex.getResponseBody().flush();
                Thread.sleep(100);
              }
            });
    tts =
        new OpenAiCompatibleSpeechSynthesizer(
            OpenAiCompatibleSpeechConfig.of(server.baseUrl()).withTimeout(Duration.ofMillis(400)));
    assertThat(concat(drain(tts.synthesize(SynthesisRequest.of("Trickle."))))).hasSize(12 * 2_400);
  }

  @Test
  void longTextsGoAsSeveralRequestsAndEmptyTextAsNone() throws Exception {
    server =
        new FakeSpeechServer(
            (ex, r) -> {
              int n = r.json().get("input").asText().length();
              reply(ex, 200, "audio/pcm", le(new short[] {(short) n}));
            });
    tts = new OpenAiCompatibleSpeechSynthesizer(OpenAiCompatibleSpeechConfig.of(server.baseUrl()));
    String sentence = "This sentence is one of many in a very long reply. ";
    String text = sentence.repeat(200); // about 10 000 characters
    short[] got = concat(drain(tts.synthesize(SynthesisRequest.of(text))));
    assertThat(server.received).hasSizeGreaterThanOrEqualTo(3);
    int total = 0;
    for (Received r : server.received) {
      String input = r.json().get("input").asText();
      assertThat(input.length()).isLessThanOrEqualTo(OpenAiCompatibleSpeechSynthesizer.MAX_INPUT_CHARS);
      assertThat(input).startsWith("This sentence").endsWith("reply.");
      total += input.length() + 1;
    }
    assertThat(total - 1).isEqualTo(text.strip().length());
    assertThat(got).hasSize(server.received.size());

    server.received.clear();
    assertThat(drain(tts.synthesize(SynthesisRequest.of("   ")))).isEmpty();
    assertThat(server.received).isEmpty();
  }

  @Test
  void contentTypesThatCannotBeRawPcm() {
    assertThat(OpenAiCompatibleSpeechSynthesizer.notRawPcm("audio/pcm")).isFalse();
    assertThat(OpenAiCompatibleSpeechSynthesizer.notRawPcm("audio/L16; rate=24000")).isFalse();
    assertThat(OpenAiCompatibleSpeechSynthesizer.notRawPcm("application/octet-stream")).isFalse();
    assertThat(OpenAiCompatibleSpeechSynthesizer.notRawPcm("")).isFalse();
    assertThat(OpenAiCompatibleSpeechSynthesizer.notRawPcm("audio/mpeg")).isTrue();
    assertThat(OpenAiCompatibleSpeechSynthesizer.notRawPcm("audio/wav")).isTrue();
    assertThat(OpenAiCompatibleSpeechSynthesizer.notRawPcm("application/json; charset=utf-8")).isTrue();
    assertThat(OpenAiCompatibleSpeechSynthesizer.notRawPcm("text/html")).isTrue();
  }

  @Test
  void configIsValidatedAndTheKeyNeverPrinted() {
    assertThatThrownBy(() -> OpenAiCompatibleSpeechConfig.of("ftp://x/v1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenAiCompatibleSpeechConfig.of("http://x/v1").withMaxConcurrent(0))
        .isInstanceOf(IllegalArgumentException.class);
    OpenAiCompatibleSpeechConfig c = OpenAiCompatibleSpeechConfig.of("http://x/v1/").withApiKey("sk-secret");
    assertThat(c.baseUrl()).isEqualTo("http://x/v1");
    assertThat(c.model()).isEqualTo("gpt-4o-mini-tts");
    assertThat(c.toString()).doesNotContain("sk-secret");
  }
}
