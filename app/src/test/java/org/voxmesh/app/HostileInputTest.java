package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.corpus.WordErrorRate;
import org.voxmesh.testkit.node.NodeInvocation;
import org.voxmesh.testkit.node.NodeProcess;
import org.voxmesh.testkit.node.NodeResult;

/**
 * Hostile client frames over one real browser-style WebSocket ({@code realtime-raw.mjs --send-raw}): each frame
 * is answered by exactly one protocol {@code error} with the precise {@code error.code} and {@code error.param},
 * echoing the frame's {@code event_id} whenever it could be read; errors arrive in frame order. The socket keeps
 * working afterwards, oversize frames close it with 1009, and the platform still transcribes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VAD = "session.audio.input.turn_detection";
  private static final String LONG_ID = "x".repeat(513);
  /** One more sample than the 15 MiB limit of one append (decoded). */
  private static final int OVER_APPEND_LIMIT = 15 * 1024 * 1024 + 2;

  /** One hostile frame and the error it must get. {@code eventId} is the expected {@code error.event_id}. */
  record Case(String name, String frame, String code, String param, String eventId) {}

  // @formatter:off
  // name                                              frame (' stands for ")                                                             code                              param                                              error.event_id
  static final List<Case> CASES = List.of(
      c("malformed JSON, cut off after event_id",      q("{'event_id':'h01','type':'session.update','session':{'type':"),                   "invalid_json",                   null,                                              "h01"),
      c("not JSON at all",                             "hello server",                                                                       "invalid_json",                   null,                                              null),
      c("empty frame",                                 "",                                                                                   "invalid_json",                   null,                                              null),
      c("whitespace only",                             "  \t  ",                                                                             "invalid_json",                   null,                                              null),
      c("empty array",                                 "[]",                                                                                 "invalid_json",                   null,                                              null),
      c("events batched in an array",                  q("[{'type':'input_audio_buffer.clear','event_id':'h06'}]"),                        "invalid_json",                   null,                                              null),
      c("a JSON string",                               q("'str'"),                                                                           "invalid_json",                   null,                                              null),
      c("JSON null",                                   "null",                                                                               "invalid_json",                   null,                                              null),
      c("two objects in one frame",                    q("{'type':'input_audio_buffer.clear','event_id':'h09'} {'type':'input_audio_buffer.clear'}"), "invalid_json",       null,                                              "h09"),
      c("empty object (missing type)",                 "{}",                                                                                 "invalid_value",                  "type",                                            null),
      c("missing type with event_id",                  q("{'event_id':'h11','audio':'AAAA'}"),                                               "invalid_value",                  "type",                                            "h11"),
      c("unknown type",                                q("{'type':'input_audio_buffer.bogus','event_id':'h12'}"),                          "invalid_value",                  "type",                                            "h12"),
      c("beta-only transcription_session.update",      q("{'type':'transcription_session.update','event_id':'h13','session':{'input_audio_format':'pcm16'}}"), "invalid_value", "type",                                     "h13"),
      c("server event sent by the client",             q("{'type':'session.created','event_id':'h14'}"),                                     "invalid_value",                  "type",                                            "h14"),
      c("numeric type",                                q("{'type':7,'event_id':'h15'}"),                                                     "invalid_value",                  "type",                                            "h15"),
      c("unknown top-level field",                     q("{'type':'input_audio_buffer.clear','event_id':'h16','foo':1}"),                   "unknown_parameter",              "foo",                                             "h16"),
      c("unknown field nested in session.update",      update("h17", "'audio':{'input':{'turn_detection':{'type':'server_vad','bogus_knob':1}}}"), "unknown_parameter",       VAD + ".bogus_knob",                               "h17"),
      c("response-only key in session.update",         update("h18", "'id':'sess_mine'"),                                                    "unknown_parameter",              "session.id",                                      "h18"),
      c("audio is a number",                           q("{'type':'input_audio_buffer.append','event_id':'h19','audio':42}"),               "invalid_type",                   "audio",                                           "h19"),
      c("audio is null",                               q("{'type':'input_audio_buffer.append','event_id':'h20','audio':null}"),             "missing_required_parameter",     "audio",                                           "h20"),
      c("event_id is a number",                        q("{'type':'input_audio_buffer.clear','event_id':7}"),                               "invalid_type",                   "event_id",                                        null),
      c("session is a string",                         q("{'type':'session.update','event_id':'h22','session':'x'}"),                       "invalid_type",                   "session",                                         "h22"),
      c("audio is not base64",                         q("{'type':'input_audio_buffer.append','event_id':'h23','audio':'@@@@!!'}"),         "invalid_value",                  "audio",                                           "h23"),
      c("a WAV file instead of raw pcm16",             append("h24", wavFile()),                                                             "invalid_value",                  "audio",                                           "h24"),
      c("odd byte count for pcm16",                    append("h25", new byte[3]),                                                           "invalid_value",                  "audio",                                           "h25"),
      c("empty audio",                                 append("h26", new byte[0]),                                                           "invalid_value",                  "audio",                                           "h26"),
      c("append above 15 MiB decoded",                 append("h27", new byte[OVER_APPEND_LIMIT]),                                           "string_above_max_length",        "audio",                                           "h27"),
      c("session.update without session.type",         q("{'type':'session.update','event_id':'h28','session':{'audio':{'input':{'turn_detection':null}}}}"), "missing_required_parameter", "session.type",                  "h28"),
      c("switching a transcription session to realtime", q("{'type':'session.update','event_id':'h29','session':{'type':'realtime'}}"),     "invalid_parameter",              "session.type",                                    "h29"),
      c("VAD threshold 1.5",                           update("h30", vad("'threshold':1.5")),                                                "decimal_above_max_value",        VAD + ".threshold",                                "h30"),
      c("idle_timeout_ms 100",                         update("h31", vad("'idle_timeout_ms':100")),                                          "integer_below_min_value",        VAD + ".idle_timeout_ms",                          "h31"),
      c("negative silence_duration_ms",                update("h32", vad("'silence_duration_ms':-1")),                                       "integer_below_min_value",        VAD + ".silence_duration_ms",                      "h32"),
      c("silence_duration_ms beyond a long",           update("h33", vad("'silence_duration_ms':99999999999999999999")),                     "integer_above_max_value",        VAD + ".silence_duration_ms",                      "h33"),
      c("decimal where an integer belongs",            update("h34", vad("'prefix_padding_ms':300.5")),                                      "invalid_type",                   VAD + ".prefix_padding_ms",                        "h34"),
      c("string where a boolean belongs",              update("h35", vad("'create_response':'yes'")),                                        "invalid_type",                   VAD + ".create_response",                          "h35"),
      c("unknown turn_detection type",                 update("h36", "'audio':{'input':{'turn_detection':{'type':'energy_vad'}}}"),          "invalid_value",                  VAD + ".type",                                     "h36"),
      c("NaN literal",                                 update("h37", vad("'threshold':NaN")),                                                "invalid_json",                   null,                                              "h37"),
      c("audio/pcm at 16000 Hz",                       update("h38", "'audio':{'input':{'format':{'type':'audio/pcm','rate':16000}}}"),      "invalid_value",                  "session.audio.input.format.rate",                 "h38"),
      c("transcription model is a number",             update("h39", "'audio':{'input':{'transcription':{'model':5}}}"),                     "invalid_type",                   "session.audio.input.transcription.model",         "h39"),
      c("event_id longer than 512 chars",              q("{'type':'input_audio_buffer.clear','event_id':'" + LONG_ID + "'}"),              "string_above_max_length",        "event_id",                                        LONG_ID),
      c("1 MB junk string in an unknown field",        q("{'type':'input_audio_buffer.commit','event_id':'h41','junk':'" + junk(1_000_000) + "'}"), "unknown_parameter",    "junk",                                            "h41"),
      c("JSON nested 5000 deep",                       update("h42", "'x':" + "[".repeat(5000) + "]".repeat(5000)),                          "invalid_json",                   null,                                              "h42"),
      c("duplicate key",                               q("{'type':'session.update','event_id':'h43','session':{'type':'transcription','type':'realtime'}}"), "invalid_json",  "session.type",                                    "h43"),
      c("commit with nothing buffered",                q("{'type':'input_audio_buffer.commit','event_id':'h44'}"),                           "input_audio_buffer_commit_empty", null,                                             "h44"),
      c("response.create in a transcription session", q("{'type':'response.create','event_id':'h45'}"),                                     "invalid_value",                  "type",                                            "h45"),
      c("conversation.item.create in a transcription session", q("{'type':'conversation.item.create','event_id':'h46','item':{'type':'message','role':'user','content':[{'type':'input_text','text':'hi'}]}}"), "invalid_value", "type", "h46"));
  // @formatter:on

  /** Sent after the battery on the same socket: both must work. */
  private static final String VALID_UPDATE = update("ok1",
      "'audio':{'input':{'turn_detection':null,'transcription':{'model':'gpt-4o-transcribe','language':'en'}}}");
  private static final String VALID_CLEAR = q("{'type':'input_audio_buffer.clear','event_id':'ok2'}");

  @TempDir
  static Path dir;

  /** Sessions other tests still had open when this class started. */
  private static int sessionsBefore;

  @BeforeAll
  static void startPlatform() throws Exception {
    RunningPlatform.get();
    sessionsBefore = openSessions();
  }

  @Test
  @Order(1)
  void everyHostileFrameGetsItsPreciseErrorAndTheSocketKeepsWorking() throws IOException {
    assertThat(CASES).hasSizeGreaterThanOrEqualTo(30);
    assertThat(CASES.stream().map(Case::name).distinct()).hasSameSizeAs(CASES);
    List<String> frames = new ArrayList<>(CASES.stream().map(Case::frame).toList());
    frames.add(VALID_UPDATE);
    frames.add(VALID_CLEAR);
    Path file = writeLines("hostile.txt", frames);

    NodeResult result = runRaw(file, List.of(), "input_audio_buffer.cleared");

    assertThat(result.clientLine("open")).as(result.describe()).isPresent();
    List<String> expectedTypes = new ArrayList<>();
    expectedTypes.add("session.created");
    CASES.forEach(c -> expectedTypes.add("error"));
    expectedTypes.add("session.updated");
    expectedTypes.add("input_audio_buffer.cleared");
    assertThat(result.types()).as("one reply per frame, in order, and nothing else\n" + describe(result))
        .containsExactlyElementsOf(expectedTypes);
    assertThat(result.clientLines("close")).as("the server never closed the socket").isEmpty();
    assertThat(result.clientLines("frame")).as("every server frame is a JSON object with a string type").isEmpty();

    List<JsonNode> errors = result.errors();
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      JsonNode error = errors.get(i);
      String what = "case " + (i + 1) + " '" + c.name() + "': " + abbreviate(error.toString());
      assertThat(error.path("event_id").asText()).as(what).startsWith("event_");
      assertThat(text(error.at("/error/type"))).as(what).isEqualTo("invalid_request_error");
      assertThat(text(error.at("/error/code"))).as(what).isEqualTo(c.code());
      assertThat(text(error.at("/error/param"))).as(what).isEqualTo(c.param());
      assertThat(text(error.at("/error/event_id"))).as(what).isEqualTo(c.eventId());
      assertThat(text(error.at("/error/message"))).as(what).isNotBlank();
      assertThat(error.get("error").has("param") && error.get("error").has("event_id") && error.get("error").has("code"))
          .as("all five keys of error are present (null included): " + what).isTrue();
    }
    assertThat(message(errors, "response.create in a transcription session"))
        .isEqualTo("'response.create' is not supported in a transcription session on this server.");
    assertThat(message(errors, "conversation.item.create in a transcription session"))
        .isEqualTo("'conversation.item.create' is not supported in a transcription session on this server.");
    assertThat(message(errors, "a WAV file instead of raw pcm16")).contains("WAV header");
    assertThat(message(errors, "odd byte count for pcm16")).contains("3 bytes").contains("16-bit samples");
    assertThat(message(errors, "commit with nothing buffered"))
        .isEqualTo("Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, "
            + "but buffer only has 0.00ms of audio.");
    assertThat(message(errors, "unknown field nested in session.update"))
        .isEqualTo("Unknown parameter: '" + VAD + ".bogus_knob'.");
    assertThat(message(errors, "switching a transcription session to realtime"))
        .isEqualTo("Passing a realtime session update event to a transcription session is not allowed.");
    assertThat(message(errors, "VAD threshold 1.5")).isEqualTo("Invalid '" + VAD
        + ".threshold': decimal above maximum value. Expected a value <= 1, but got 1.5 instead.");

    JsonNode updated = result.firstEvent("session.updated").orElseThrow();
    assertThat(updated.at("/session/type").asText()).isEqualTo("transcription");
    assertThat(updated.at("/session/audio/input/turn_detection").isNull())
        .as("the valid update was applied, none of the rejected ones: %s", updated).isTrue();
    assertThat(updated.at("/session/audio/input/format/rate").asInt()).isEqualTo(24000);
    JsonNode created = result.firstEvent("session.created").orElseThrow();
    assertThat(created.at("/session/audio/input/turn_detection/type").asText())
        .as("session.created shows the defaults").isEqualTo("server_vad");
  }

  @Test
  @Order(2)
  void binaryFramesAreRefusedWithoutBeingRead() throws IOException {
    // A perfectly valid event, but in binary frames: never executed (no cleared), one invalid_json each.
    Path file = writeLines("binary.txt", List.of(
        q("{'type':'input_audio_buffer.clear','event_id':'b1'}"),
        q("{'type':'input_audio_buffer.commit','event_id':'b2'}")));
    NodeResult result = runRaw(file, List.of("--raw-binary", "--linger-ms", "800"), null);

    assertThat(result.types()).as(describe(result)).containsExactly("session.created", "error", "error");
    for (JsonNode error : result.errors()) {
      assertThat(text(error.at("/error/code"))).isEqualTo("invalid_json");
      assertThat(text(error.at("/error/param"))).isNull();
      assertThat(text(error.at("/error/event_id"))).as("a binary frame is not read, so no event_id").isNull();
      assertThat(text(error.at("/error/message"))).contains("Binary frames are not supported");
    }
    assertThat(result.clientLines("close")).as("the socket stays open until the client closes it")
        .allSatisfy(close -> assertThat(close.path("by").asText()).isEqualTo("client"));
  }

  @Test
  @Order(3)
  void aFrameAboveTheMessageLimitEndsTheSocket() throws IOException {
    // 25 MiB of text in one frame: above the server's 24 MiB limit. The client offers permessage-deflate (as
    // browsers do); the server must decline it, since a deflated message is inflated without bound before any
    // limit applies. The server closes with 1009 at once; the client may see 1006 instead, because the server
    // stops reading while the client is still sending and the TCP reset can overtake the close frame.
    String huge = q("{'type':'input_audio_buffer.append','event_id':'huge','audio':'") + "A".repeat(25 * 1024 * 1024)
        + "\"}";
    Path file = writeLines("huge.txt", List.of(huge, q("{'type':'input_audio_buffer.clear','event_id':'after'}")));
    NodeResult result = runRaw(file, List.of("--linger-ms", "8000"), null);

    JsonNode open = result.clientLine("open").orElseThrow(() -> new AssertionError(describe(result)));
    assertThat(open.path("extensions").asText()).as("no compression negotiated: %s", open).isEmpty();
    assertThat(open.path("headers").has("sec-websocket-extensions")).as("101 headers: %s", open).isFalse();
    JsonNode close = result.clientLine("close").orElseThrow(() -> new AssertionError(describe(result)));
    assertThat(close.path("by").asText()).as(describe(result)).isEqualTo("remote");
    assertThat(close.path("code").asInt()).as(describe(result)).isIn(1009, 1006);
    assertThat(close.path("t").asDouble() - open.path("t").asDouble()).as("closed promptly").isLessThan(5000);
    assertThat(result.types()).as("nothing answered after the oversize frame: " + describe(result))
        .containsExactly("session.created");
  }

  @Test
  @Order(4)
  void aMessageAboveTheLimitInFragmentsIsClosedWith1009() throws Exception {
    // Two 13 MiB fragments: each frame is under the frame limit, the message is not. Vert.x drops such a
    // message; the server must close with 1009 rather than carry on as if it had never been sent.
    Vertx vertx = Vertx.vertx();
    try {
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20));
      WebSocketConnectOptions options = new WebSocketConnectOptions()
          .setHost("127.0.0.1").setPort(RunningPlatform.get().httpPort())
          .setURI("/v1/realtime?intent=transcription")
          .setSubProtocols(List.of("realtime", "openai-insecure-api-key." + RunningPlatform.API_KEY));
      List<String> received = new CopyOnWriteArrayList<>();
      CompletableFuture<Short> closed = new CompletableFuture<>();
      CompletableFuture<Void> created = new CompletableFuture<>();
      // handlers are set on the event loop as the upgrade completes, so session.created cannot slip past them
      WebSocket socket = client.connect(options).onSuccess(ws -> {
        ws.textMessageHandler(text -> {
          received.add(text);
          created.complete(null);
        });
        ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
      }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      created.get(10, TimeUnit.SECONDS);

      String head = q("{'type':'input_audio_buffer.append','event_id':'frag','audio':'");
      String fill = "A".repeat(13 * 1024 * 1024);
      socket.writeFrame(WebSocketFrame.textFrame(head + fill, false));
      socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(fill + "\"}"), true));
      socket.writeTextMessage(q("{'type':'input_audio_buffer.clear','event_id':'after'}"));

      assertThat(closed.get(15, TimeUnit.SECONDS)).as("close code; received %s", received).isEqualTo((short) 1009);
      assertThat(received).as("only session.created").hasSize(1);
      assertThat(received.get(0)).contains("\"type\":\"session.created\"");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(5)
  void afterwardsTheProcessStillTranscribesAndNoSessionLeaked() throws Exception {
    Utterance utterance = Corpus.load().utterance("flite_slt", "s01");
    Path audio = utterance.writeSessionAudio(dir, SessionFormat.PCM16);
    NodeResult result = RunningPlatform.node().transcribe()
        .args(RunningPlatform.flow().format(SessionFormat.PCM16).turnDetection("none")
            .audio(audio).gapMs(300).speed(0).commit("always").expectCompleted(1))
        .ca(RunningPlatform.ca()).timeout(Duration.ofSeconds(30)).run();
    result.requireSuccess();
    assertThat(result.errors()).as(describe(result)).isEmpty();
    List<String> transcripts = result.completedTranscripts();
    assertThat(result.eventsOfType(NodeResult.FAILED)).as(describe(result)).isEmpty();
    assertThat(transcripts).as(describe(result)).hasSize(1);
    assertThat(WordErrorRate.rate(utterance.text(), transcripts.get(0)))
        .as("transcript %s of '%s'", transcripts.get(0), utterance.text()).isLessThanOrEqualTo(0.25);

    // every socket of this class is gone: the server released all of their sessions
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int open;
    while ((open = openSessions()) > sessionsBefore && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(open).as("open sessions after all clients of this class left").isLessThanOrEqualTo(sessionsBefore);
  }

  /** The session count that {@code /health/ready} reports. */
  private static int openSessions() throws IOException, InterruptedException {
    URI ready = URI.create("http://127.0.0.1:" + RunningPlatform.get().httpPort() + "/health/ready");
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    int sessions = JSON.readTree(body).path("sessions").asInt(-1);
    assertThat(sessions).as("/health/ready: %s", body).isGreaterThanOrEqualTo(0);
    return sessions;
  }

  // ---------------------------------------------------------------------------------------------------------

  /**
   * Runs the browser-style client with {@code --send-raw file}; when {@code stopAfter} is set, waits for that
   * server event and then ends the client (the whole battery is answered by then), else lets it linger and exit.
   */
  private static NodeResult runRaw(Path file, List<String> extra, String stopAfter) {
    NodeInvocation invocation = RunningPlatform.node().raw()
        .arg("--base-url", RunningPlatform.baseUrl()).arg("--api-key", RunningPlatform.API_KEY)
        .arg("--send-raw", file).flag("--wait-created")
        .args(extra)
        .ca(RunningPlatform.ca()).timeout(Duration.ofSeconds(60));
    if (stopAfter == null) {
      return invocation.run();
    }
    invocation.arg("--linger-ms", 30_000);
    try (NodeProcess process = invocation.start()) {
      process.awaitEvent(stopAfter, Duration.ofSeconds(40));
      // a reply that should not exist would arrive right behind the last one
      process.awaitLine(n -> false, Duration.ofMillis(300));
      process.kill();
      return process.await();
    }
  }

  private static Case c(String name, String frame, String code, String param, String eventId) {
    return new Case(name, frame, code, param, eventId);
  }

  /** The frame with every {@code '} turned into {@code "} (keeps the table readable). */
  private static String q(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static String update(String eventId, String sessionFields) {
    return q("{'type':'session.update','event_id':'" + eventId + "','session':{'type':'transcription',"
        + sessionFields + "}}");
  }

  private static String vad(String fields) {
    return "'audio':{'input':{'turn_detection':{'type':'server_vad'," + fields + "}}}";
  }

  private static String append(String eventId, byte[] audio) {
    return q("{'type':'input_audio_buffer.append','event_id':'" + eventId + "','audio':'")
        + Base64.getEncoder().encodeToString(audio) + "\"}";
  }

  /** A complete 24 kHz mono PCM16 WAV file (44-byte header + 100 ms of silence): even length, container inside. */
  private static byte[] wavFile() {
    int dataBytes = 4800;
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(24000).putInt(48000).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    return b.array();
  }

  private static String junk(int chars) {
    StringBuilder sb = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      sb.append((char) ('a' + (i * 7919) % 26));
    }
    return sb.toString();
  }

  private static Path writeLines(String name, List<String> lines) throws IOException {
    for (String line : lines) {
      assertThat(line).as("a frame must fit on one line").doesNotContain("\n");
    }
    Path file = dir.resolve(name);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : lines) {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    Files.write(file, out.toByteArray());
    return file;
  }

  private static String message(List<JsonNode> errors, String caseName) {
    for (int i = 0; i < CASES.size(); i++) {
      if (CASES.get(i).name().equals(caseName)) {
        return errors.get(i).at("/error/message").asText();
      }
    }
    throw new IllegalArgumentException("no case " + caseName);
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }

  /** Like {@link NodeResult#describe()}, but with every line cut short (frames here can be megabytes). */
  private static String describe(NodeResult result) {
    StringBuilder sb = new StringBuilder("exit " + result.exitCode() + (result.killed() ? " (killed)" : "") + "\n");
    for (String line : result.rawStdout()) {
      sb.append("  ").append(abbreviate(line)).append('\n');
    }
    return sb.append("stderr: ").append(abbreviate(result.stderr())).toString();
  }
}
