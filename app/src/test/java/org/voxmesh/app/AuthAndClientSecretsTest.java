package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.testkit.node.NodeInvocation;
import org.voxmesh.testkit.node.NodeProcess;
import org.voxmesh.testkit.node.NodeResult;

/**
 * Who may open a session, over real sockets: the WebSocket upgrade refuses missing, wrong, unknown, malformed
 * and expired keys with HTTP 401 and the REST error body; a valid key works from the {@code Authorization}
 * header (official SDK) and from the browser subprotocol, and the upgrade answers {@code realtime} without
 * echoing the key; {@code POST /v1/realtime/client_secrets} through the official SDK mints {@code ek_} keys
 * whose session settings bind the sessions they start, and rejects bad requests with the precise code and
 * param; bad queries are refused before upgrading (the beta shape: BetaDialectEndToEndTest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthAndClientSecretsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REST_ERROR_KEYS = new TreeSet<>(List.of("message", "type", "param", "code"));
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  static Path dir;
  private static Path noFrames;
  private static HttpClient http;

  /** Minted at the start with the minimum lifetime; the last test watches it expire. */
  private static String shortKey;
  private static long shortExpiresAt;
  /** A session started with {@link #shortKey} before it expired; it must outlive the key. */
  private static NodeProcess sessionStartedBeforeExpiry;

  @BeforeAll
  static void startPlatform() throws IOException {
    RunningPlatform.get();
    noFrames = Files.writeString(dir.resolve("none.txt"), "");
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stopClients() {
    if (sessionStartedBeforeExpiry != null) {
      sessionStartedBeforeExpiry.close();
    }
  }

  @Test
  @Order(1)
  void aTenSecondSecretStartsSessionsRightAway() throws IOException {
    long before = Instant.now().getEpochSecond();
    NodeResult minted = mint("--expires-seconds", "10").requireSuccess();
    JsonNode secret = body(minted);
    shortKey = secret.path("value").asText();
    shortExpiresAt = secret.path("expires_at").asLong();
    assertThat(shortExpiresAt).isBetween(before + 10, Instant.now().getEpochSecond() + 10);

    NodeResult session = connect(shortKey).run();
    assertThat(session.types()).as(session.describe()).startsWith("session.created");
    assertThat(session.clientLines("unexpected_response")).isEmpty();

    // Also keep one session open past the expiry: its second clear is sent after the key has expired.
    Path clears = Files.writeString(dir.resolve("clears.txt"),
        "{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"c1\"}\n"
            + "{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"c2\"}\n");
    long delayMs = Math.max(0, (shortExpiresAt + 1) * 1000 - System.currentTimeMillis());
    sessionStartedBeforeExpiry = RunningPlatform.node().raw()
        .arg("--base-url", RunningPlatform.baseUrl()).arg("--api-key", shortKey)
        .arg("--send-raw", clears).flag("--wait-created").arg("--raw-delay-ms", delayMs).arg("--linger-ms", 30_000)
        .ca(RunningPlatform.ca()).timeout(Duration.ofSeconds(60)).start();
    assertThat(sessionStartedBeforeExpiry.awaitEvent("session.created", CLIENT_TIMEOUT)).isPresent();
  }

  @Test
  @Order(2)
  void anUpgradeWithoutAUsableKeyGets401WithTheRestErrorBody() {
    String unknownEphemeral = "ek_" + HexFormat.of().formatHex(randomBytes(16));
    record Refusal(String name, NodeInvocation client, String messageStart) {}
    List<Refusal> refusals = List.of(
        new Refusal("no key at all (subprotocol 'realtime' only)",
            raw(null, "--no-key-protocol"), "You didn't provide an API key."),
        new Refusal("an empty key token in the subprotocol",
            raw(null, "--protocols", "realtime,openai-insecure-api-key."), "You didn't provide an API key."),
        new Refusal("Basic credentials instead of a bearer key",
            raw(null, "--no-key-protocol", "--header", "Authorization: Basic dXNlcjpwYXNz"),
            "You didn't provide an API key."),
        new Refusal("a wrong standard key (subprotocol)",
            raw("sk-voxmesh-not-the-right-key"), "Incorrect API key provided."),
        new Refusal("a wrong standard key (Authorization header)",
            raw(null, "--no-key-protocol", "--header", "Authorization: Bearer " + RunningPlatform.API_KEY + "x"),
            "Incorrect API key provided."),
        new Refusal("an unknown ek_ key",
            raw(unknownEphemeral), "The ephemeral key is invalid or has expired."),
        new Refusal("a malformed ek_ key",
            raw(null, "--no-key-protocol", "--header", "Authorization: Bearer ek_!!not-a-key!!"),
            "The ephemeral key is invalid or has expired."));

    List<NodeResult> results = runAll(refusals.stream().map(Refusal::client).toList());
    for (int i = 0; i < refusals.size(); i++) {
      Refusal r = refusals.get(i);
      NodeResult result = results.get(i);
      JsonNode error = refusedUpgrade(result, 401, r.name());
      assertThat(error.path("code").asText()).as(r.name()).isEqualTo("invalid_api_key");
      assertThat(error.path("param").isNull()).as(r.name()).isTrue();
      assertThat(error.path("message").asText()).as(r.name()).startsWith(r.messageStart());
      assertThat(result.clientLine("open")).as(r.name() + ": never upgraded").isEmpty();
    }
  }

  @Test
  @Order(3)
  void theOfficialSdkAuthenticatesWithTheAuthorizationHeader() {
    NodeResult result = RunningPlatform.node().transcribe()
        .args(RunningPlatform.flow().noSessionUpdate().waitCreated().expectCompleted(0))
        .ca(RunningPlatform.ca()).timeout(CLIENT_TIMEOUT).run();
    result.requireSuccess();
    assertThat(result.types()).as(result.describe()).containsExactly("session.created");
    assertThat(result.events().get(0).at("/session/type").asText()).isEqualTo("transcription");
    JsonNode open = result.clientLine("open").orElseThrow();
    assertThat(open.path("protocol").asText()).as("the SDK offers no subprotocol; none is selected").isEmpty();
    assertThat(open.path("headers").has("sec-websocket-protocol")).as(open.toString()).isFalse();
    assertNoHeaderCarries(open, RunningPlatform.API_KEY);
  }

  @Test
  @Order(4)
  void aBrowserAuthenticatesWithTheSubprotocolAndGetsRealtimeBackWithoutItsKey() {
    String ephemeral = body(mint().requireSuccess()).path("value").asText();
    List<NodeResult> results = runAll(List.of(
        connect(RunningPlatform.API_KEY),
        connect(ephemeral, "--subprotocol", "openai-organization.org_123", "--subprotocol", "openai-agents-sdk.0.1.0")));
    for (int i = 0; i < results.size(); i++) {
      NodeResult result = results.get(i);
      String key = i == 0 ? RunningPlatform.API_KEY : ephemeral;
      assertThat(result.types()).as(result.describe()).containsExactly("session.created");
      JsonNode open = result.clientLine("open").orElseThrow();
      assertThat(open.path("protocol").asText()).isEqualTo("realtime");
      assertThat(open.at("/headers/sec-websocket-protocol").asText()).isEqualTo("realtime");
      assertNoHeaderCarries(open, key);
    }
  }

  @Test
  @Order(5)
  void aTranscriptionSecretBindsItsSettingsToTheSessionsItStarts() {
    String requested = "{\"type\":\"transcription\",\"audio\":{\"input\":{\"turn_detection\":null,"
        + "\"transcription\":{\"model\":\"gpt-4o-transcribe\",\"language\":\"de\"}}}}";
    long before = Instant.now().getEpochSecond();
    NodeResult minted = mint("--session", requested).requireSuccess();
    long after = Instant.now().getEpochSecond();
    assertThat(minted.clientLine("http").orElseThrow().path("status").asInt()).isEqualTo(200);
    JsonNode secret = body(minted);
    assertThat(fieldNames(secret)).containsExactlyInAnyOrder("value", "expires_at", "session");
    assertThat(secret.path("value").asText()).matches("ek_[0-9a-f]{32}");
    assertThat(secret.path("expires_at").asLong()).as("default lifetime 600 s").isBetween(before + 600, after + 600);
    JsonNode session = secret.path("session");
    assertThat(session.path("type").asText()).isEqualTo("transcription");
    assertThat(session.path("object").asText()).isEqualTo("realtime.transcription_session");
    assertThat(session.at("/audio/input/turn_detection").isNull()).as(session.toString()).isTrue();
    assertThat(session.at("/audio/input/transcription/language").asText()).isEqualTo("de");
    assertThat(session.at("/audio/input/transcription/model").asText()).isEqualTo("gpt-4o-transcribe");
    assertThat(session.at("/audio/input/format/rate").asInt()).as("effective config, defaults filled in").isEqualTo(24000);

    String key = secret.path("value").asText();
    List<NodeResult> results = runAll(List.of(
        connect(key),
        raw(key, "--session-model", "gpt-realtime", "--send-raw", noFrames.toString(), "--wait-created")));
    JsonNode created = results.get(0).firstEvent("session.created")
        .orElseThrow(() -> new AssertionError(results.get(0).describe()));
    assertThat(created.at("/session/id").asText()).as("a fresh session, not the template").isNotEqualTo(session.path("id").asText());
    assertThat(created.at("/session/audio/input/turn_detection").isNull()).as(created.toString()).isTrue();
    assertThat(created.at("/session/audio/input/transcription/language").asText()).isEqualTo("de");
    assertThat(created.at("/session/audio/input/transcription/model").asText()).isEqualTo("gpt-4o-transcribe");

    JsonNode mismatch = refusedUpgrade(results.get(1), 400, "transcription key on a ?model= URL");
    assertThat(mismatch.path("code").asText()).isEqualTo("invalid_parameter");
    assertThat(mismatch.path("param").asText()).isEqualTo("session.type");
  }

  @Test
  @Order(6)
  void aRealtimeSecretHasTheRequestedLifetimeAndSettings() {
    String requested = "{\"type\":\"realtime\",\"model\":\"gpt-realtime\",\"instructions\":\"Be brief.\","
        + "\"audio\":{\"output\":{\"voice\":\"marin\"}}}";
    long before = Instant.now().getEpochSecond();
    NodeResult minted = mint("--session", requested, "--expires-seconds", "120").requireSuccess();
    long after = Instant.now().getEpochSecond();
    JsonNode secret = body(minted);
    assertThat(secret.path("value").asText()).matches("ek_[0-9a-f]{32}");
    assertThat(secret.path("expires_at").asLong()).isBetween(before + 120, after + 120);
    JsonNode session = secret.path("session");
    assertThat(session.path("type").asText()).isEqualTo("realtime");
    assertThat(session.path("object").asText()).isEqualTo("realtime.session");
    assertThat(session.path("model").asText()).isEqualTo("gpt-realtime");
    assertThat(session.path("instructions").asText()).isEqualTo("Be brief.");
    assertThat(session.at("/audio/output/voice").asText()).isEqualTo("marin");
    assertThat(session.at("/audio/input/turn_detection/type").asText()).isEqualTo("server_vad");

    NodeResult result = raw(secret.path("value").asText(), "--session-model", "gpt-realtime",
        "--send-raw", noFrames.toString(), "--wait-created", "--linger-ms", "1").run();
    JsonNode created = result.firstEvent("session.created").orElseThrow(() -> new AssertionError(result.describe()));
    assertThat(created.at("/session/type").asText()).isEqualTo("realtime");
    assertThat(created.at("/session/instructions").asText()).isEqualTo("Be brief.");
    assertThat(created.at("/session/audio/output/voice").asText()).isEqualTo("marin");
  }

  @Test
  @Order(7)
  void invalidClientSecretRequestsGet400WithThePreciseCodeAndParam() throws Exception {
    record Bad(String name, String body, String code, String param) {}
    List<Bad> bad = List.of(
        new Bad("lifetime 5 s", "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":5}}",
            "integer_below_min_value", "expires_after.seconds"),
        new Bad("lifetime 9000 s", "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":9000}}",
            "integer_above_max_value", "expires_after.seconds"),
        new Bad("lifetime as a string", "{\"expires_after\":{\"seconds\":\"600\"}}",
            "invalid_type", "expires_after.seconds"),
        new Bad("anchor bogus", "{\"expires_after\":{\"anchor\":\"bogus\",\"seconds\":60}}",
            "invalid_value", "expires_after.anchor"),
        new Bad("unknown top-level field", "{\"expires_after\":{\"seconds\":60},\"bogus\":1}",
            "unknown_parameter", "bogus"),
        new Bad("unknown nested session field", "{\"session\":{\"type\":\"transcription\",\"audio\":{\"input\":"
            + "{\"turn_detection\":{\"type\":\"server_vad\",\"bogus_knob\":1}}}}}",
            "unknown_parameter", "session.audio.input.turn_detection.bogus_knob"),
        new Bad("session without type", "{\"session\":{\"instructions\":\"x\"}}",
            "missing_required_parameter", "session.type"),
        new Bad("VAD threshold out of range", "{\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":"
            + "{\"turn_detection\":{\"type\":\"server_vad\",\"threshold\":1.5}}}}}",
            "decimal_above_max_value", "session.audio.input.turn_detection.threshold"));
    List<NodeResult> results = runAll(bad.stream().map(b -> secretClient(RunningPlatform.API_KEY, "--body", b.body())).toList());
    for (int i = 0; i < bad.size(); i++) {
      Bad b = bad.get(i);
      JsonNode failure = apiError(results.get(i), 400, b.name());
      assertThat(failure.at("/error/code").asText()).as(b.name()).isEqualTo(b.code());
      assertThat(failure.at("/error/param").asText()).as(b.name()).isEqualTo(b.param());
      assertThat(failure.at("/error/type").asText()).as(b.name()).isEqualTo("invalid_request_error");
      assertThat(failure.at("/error/message").asText()).as(b.name()).isNotBlank();
    }

    // What the SDK cannot send: a body that is not JSON, and no key at all (the raw REST envelope is checked).
    HttpResponse<String> notJson = post("{\"expires_after\": {\"seconds\": 60", Map.of("Authorization", "Bearer " + RunningPlatform.API_KEY));
    JsonNode error = restError(notJson, 400);
    assertThat(error.path("code").asText()).isEqualTo("invalid_json");
    assertThat(error.path("param").isNull()).isTrue();
    assertThat(notJson.headers().firstValue("content-type")).hasValue("application/json");

    JsonNode noKey = restError(post("{}", Map.of()), 401);
    assertThat(noKey.path("code").asText()).isEqualTo("invalid_api_key");
    assertThat(noKey.path("message").asText()).startsWith("You didn't provide an API key.");

    String ephemeral = body(mint().requireSuccess()).path("value").asText();
    List<NodeResult> refused = runAll(List.of(
        secretClient(ephemeral, "--expires-seconds", "60"),
        secretClient("sk-voxmesh-wrong", "--expires-seconds", "60")));
    JsonNode withEphemeral = apiError(refused.get(0), 401, "minting with an ek_ key");
    assertThat(withEphemeral.at("/error/code").asText()).isEqualTo("invalid_api_key");
    assertThat(withEphemeral.at("/error/message").asText()).contains("not an ephemeral one");
    assertThat(apiError(refused.get(1), 401, "minting with a wrong key").at("/error/code").asText())
        .isEqualTo("invalid_api_key");
  }

  @Test
  @Order(8)
  void badQueriesAreRefusedBeforeTheUpgrade() {
    String base = "wss://127.0.0.1:" + RunningPlatform.get().httpsPort() + "/v1/realtime";
    record Query(String name, NodeInvocation client, int status, String code, String param, String messagePart) {}
    List<Query> queries = List.of(
        new Query("no target", raw(RunningPlatform.API_KEY, "--url", base),
            400, "missing_model", null, "exactly one of the query parameters"),
        new Query("two targets", raw(RunningPlatform.API_KEY, "--url", base + "?model=gpt-realtime&intent=transcription"),
            400, "missing_model", null, "exactly one of the query parameters"),
        new Query("intent=bogus", raw(RunningPlatform.API_KEY, "--url", base + "?intent=bogus"),
            400, "invalid_value", "intent", "Invalid value: 'bogus'. Supported values are: 'transcription'."),
        new Query("unknown call_id", raw(RunningPlatform.API_KEY, "--url", base + "?call_id=rtc_nope"),
            404, "call_not_found", "call_id", "rtc_nope"));
    List<NodeResult> results = runAll(queries.stream().map(Query::client).toList());
    for (int i = 0; i < queries.size(); i++) {
      Query q = queries.get(i);
      JsonNode error = refusedUpgrade(results.get(i), q.status(), q.name());
      assertThat(error.path("code").asText()).as(q.name()).isEqualTo(q.code());
      assertThat(error.path("param").isNull() ? null : error.path("param").asText()).as(q.name()).isEqualTo(q.param());
      assertThat(error.path("message").asText()).as(q.name()).contains(q.messagePart());
    }
  }

  @Test
  @Order(9)
  void theShortLivedSecretStopsWorkingWhenItExpiresButItsSessionLivesOn() throws Exception {
    assertThat(shortKey).as("minted by the first test").isNotNull();
    long waitMs = shortExpiresAt * 1000 - System.currentTimeMillis() - 1500;
    if (waitMs > 0) {
      Thread.sleep(waitMs); // up to shortly before the expiry; from there on, poll
    }
    NodeResult refused = null;
    long deadline = (shortExpiresAt + 4) * 1000;
    List<Long> workedAt = new ArrayList<>();
    do { // at least once: when the earlier tests were slow, the key has expired already
      long attempt = System.currentTimeMillis();
      NodeResult result = connect(shortKey).run();
      if (result.clientLine("unexpected_response").isPresent()) {
        refused = result;
        break;
      }
      assertThat(result.types()).as(result.describe()).startsWith("session.created");
      workedAt.add(attempt);
    } while (System.currentTimeMillis() < deadline);
    assertThat(refused).as("the key was still accepted %s s after expires_at", 4).isNotNull();
    long refusedAt = System.currentTimeMillis();
    assertThat(refusedAt / 1000).as("refused no earlier than expires_at").isGreaterThanOrEqualTo(shortExpiresAt);
    assertThat(workedAt).allSatisfy(t -> assertThat(t / 1000).isLessThan(shortExpiresAt));
    JsonNode error = refusedUpgrade(refused, 401, "expired ek_ key");
    assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
    assertThat(error.path("message").asText()).contains("expired");

    // Expiry limits starting sessions only: the session started before it still answers.
    assertThat(sessionStartedBeforeExpiry.awaitLine(
        n -> "input_audio_buffer.cleared".equals(n.path("type").asText()) && countCleared(sessionStartedBeforeExpiry) >= 2,
        Duration.ofSeconds(10))).as("both clears answered: %s", sessionStartedBeforeExpiry.linesSoFar()).isPresent();
    assertThat(sessionStartedBeforeExpiry.linesSoFar()).noneMatch(n -> "error".equals(n.path("type").asText()));
  }

  // ---------------------------------------------------------------------------------------------------------

  private static long countCleared(NodeProcess p) {
    return p.linesSoFar().stream().filter(n -> "input_audio_buffer.cleared".equals(n.path("type").asText())).count();
  }

  /** realtime-raw.mjs against the shared platform; {@code key} null sends no --api-key. */
  private static NodeInvocation raw(String key, String... extra) {
    NodeInvocation inv = RunningPlatform.node().raw().arg("--base-url", RunningPlatform.baseUrl());
    if (key != null) {
      inv.arg("--api-key", key);
    }
    return inv.args(extra).ca(RunningPlatform.ca()).timeout(CLIENT_TIMEOUT);
  }

  /** A browser-style transcription connection that waits for session.created and leaves. */
  private static NodeInvocation connect(String key, String... extra) {
    List<String> args = new ArrayList<>(List.of("--send-raw", noFrames.toString(), "--wait-created", "--linger-ms", "1"));
    args.addAll(List.of(extra));
    return raw(key, args.toArray(String[]::new));
  }

  private static NodeInvocation secretClient(String key, String... extra) {
    return RunningPlatform.node().clientSecret().arg("--base-url", RunningPlatform.baseUrl()).arg("--api-key", key)
        .args(extra).ca(RunningPlatform.ca()).timeout(CLIENT_TIMEOUT);
  }

  private static NodeResult mint(String... extra) {
    return secretClient(RunningPlatform.API_KEY, extra).run();
  }

  /** Starts every client at once and waits for all: the checks are independent, and node starts slowly. */
  private static List<NodeResult> runAll(List<NodeInvocation> clients) {
    List<NodeProcess> started = clients.stream().map(NodeInvocation::start).toList();
    List<NodeResult> results = new ArrayList<>();
    for (NodeProcess p : started) {
      try (p) {
        results.add(p.await());
      }
    }
    return results;
  }

  /** The body the SDK returned (the line without "__client"). */
  private static JsonNode body(NodeResult result) {
    List<JsonNode> events = result.events();
    assertThat(events).as(result.describe()).hasSize(1);
    return events.get(0);
  }

  /** The SDK's APIError of a failed request: status checked, {@code error} holding exactly the four REST keys. */
  private static JsonNode apiError(NodeResult result, int status, String what) {
    JsonNode failure = result.clientLine("api_error").orElseThrow(() -> new AssertionError(what + "\n" + result.describe()));
    assertThat(result.exitCode()).as(what).isEqualTo(1);
    assertThat(failure.path("status").asInt()).as(what + ": " + failure).isEqualTo(status);
    assertThat(fieldNames(failure.path("error"))).as(what + ": " + failure).isEqualTo(REST_ERROR_KEYS);
    return failure;
  }

  /** The upgrade was answered with {@code status} and the REST error envelope; returns its {@code error}. */
  private static JsonNode refusedUpgrade(NodeResult result, int status, String what) {
    JsonNode response = result.clientLine("unexpected_response")
        .orElseThrow(() -> new AssertionError(what + ": expected HTTP " + status + "\n" + result.describe()));
    assertThat(response.path("status").asInt()).as(what + ": " + response).isEqualTo(status);
    assertThat(response.at("/headers/content-type").asText()).as(what).isEqualTo("application/json");
    JsonNode body;
    try {
      body = JSON.readTree(response.path("body").asText());
    } catch (IOException e) {
      throw new AssertionError(what + ": body is not JSON: " + response.path("body"), e);
    }
    return envelope(body, what);
  }

  private static JsonNode restError(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return envelope(JSON.readTree(response.body()), "POST client_secrets");
  }

  private static JsonNode envelope(JsonNode body, String what) {
    assertThat(fieldNames(body)).as(what + ": " + body).containsExactly("error");
    JsonNode error = body.path("error");
    assertThat(fieldNames(error)).as(what + ": " + body).isEqualTo(REST_ERROR_KEYS);
    assertThat(error.path("type").asText()).as(what).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asText()).as(what).isNotBlank();
    return error;
  }

  private static HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + RunningPlatform.get().httpPort() + "/v1/realtime/client_secrets"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertNoHeaderCarries(JsonNode open, String key) {
    for (Iterator<Map.Entry<String, JsonNode>> it = open.path("headers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      assertThat(header.getValue().toString()).as("101 header %s", header.getKey()).doesNotContain(key);
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
