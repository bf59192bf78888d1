package org.voxmesh.speech.engine.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for an OpenAI-compatible Chat Completions server on a real loopback socket. It parses
 * each request's JSON for real, records it, and answers what the test's script says: an error
 * status with a body, or a Server-Sent Events stream ({@code data: <chunk>\n\n} ... {@code data:
 * [DONE]\n\n}) written chunk by chunk with real flushes. It notices when the client goes away
 * mid-stream (a write fails).
 */
final class FakeChatCompletionsServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  /** What the server received for one request. */
  record Received(
      String method,
      String path,
      String authorization,
      String contentType,
      JsonNode body,
      Map<String, List<String>> headers) {}

  /** How to answer one request. */
  sealed interface Reply {}

  /** A non-2xx answer. */
  record Error(int status, String contentType, String body) implements Reply {}

  /**
   * An SSE stream: each of {@code data} is sent as one event, {@code gapMillis} apart; then {@code
   * [DONE]} unless {@code breakOff} (the connection just ends), and {@code firstDelayMillis} before
   * anything is written (headers included).
   */
  record Sse(List<String> data, long gapMillis, long firstDelayMillis, boolean breakOff)
      implements Reply {
    static Sse of(List<String> data) {
      return new Sse(data, 0, 0, false);
    }
  }

  /**
   * An endless SSE stream of the same text delta every {@code gapMillis}, until the client leaves.
   */
  record Endless(String text, long gapMillis) implements Reply {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch clientLeft = new CountDownLatch(1);
  private volatile long clientLeftNanos;
  private volatile Function<Received, Reply> script;

  FakeChatCompletionsServer(Function<Received, Reply> script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Counts down when a stream's write failed because the client closed the connection. */
  CountDownLatch clientLeft() {
    return clientLeft;
  }

  long clientLeftNanos() {
    return clientLeftNanos;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      JsonNode json;
      try {
        json = JSON.readTree(body);
      } catch (IOException e) {
        send(ex, 400, "application/json", "{\"error\":{\"message\":\"body is not JSON\"}}");
        return;
      }
      Received r =
          new Received(
              ex.getRequestMethod(),
              ex.getRequestURI().getPath(),
              ex.getRequestHeaders().getFirst("Authorization"),
              ex.getRequestHeaders().getFirst("Content-Type"),
              json,
              Map.copyOf(ex.getRequestHeaders()));
      received.add(r);
      if (!"POST".equals(r.method())) {
        send(ex, 405, "application/json", "{\"error\":{\"message\":\"POST only\"}}");
        return;
      }
      Reply reply = script.apply(r);
      if (reply instanceof Error e) {
        send(ex, e.status(), e.contentType(), e.body());
      } else if (reply instanceof Sse s) {
        sleep(s.firstDelayMillis());
        OutputStream out = sseHeaders(ex);
        for (int i = 0; i < s.data().size(); i++) {
          if (i > 0) {
            sleep(s.gapMillis());
          }
          event(out, s.data().get(i));
        }
        if (!s.breakOff()) {
          event(out, "[DONE]");
        }
      } else if (reply instanceof Endless e) {
        OutputStream out = sseHeaders(ex);
        event(out, chunk(delta("role", "assistant", "content", ""), null));
        long deadline = System.nanoTime() + 30_000_000_000L;
        try {
          while (System.nanoTime() < deadline) {
            event(out, chunk(delta("content", e.text()), null));
            sleep(e.gapMillis());
          }
        } catch (IOException gone) {
          clientLeftNanos = System.nanoTime();
          clientLeft.countDown();
        }
      }
    } catch (IOException e) {
      // the client went away during a reply; the Endless case records it
    }
  }

  private static OutputStream sseHeaders(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0); // chunked
    return ex.getResponseBody();
  }

  private static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------
  // Chunks shaped like OpenAI's (include_usage on: "usage": null on every chunk but the last)

  /**
   * {@code {"k1": v1, ...}} from alternating keys and values (strings, numbers, JsonNodes, null).
   */
  static ObjectNode delta(Object... kv) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      o.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
    }
    return o;
  }

  /** One tool-call fragment for {@code delta.tool_calls}. */
  static ObjectNode toolCall(int index, String id, String name, String arguments) {
    ObjectNode tc = JSON.createObjectNode().put("index", index);
    if (id != null) {
      tc.put("id", id).put("type", "function");
    }
    ObjectNode fn = tc.putObject("function");
    if (name != null) {
      fn.put("name", name);
    }
    if (arguments != null) {
      fn.put("arguments", arguments);
    }
    return tc;
  }

  static ObjectNode toolCalls(ObjectNode... calls) {
    ObjectNode d = JSON.createObjectNode();
    ArrayNode a = d.putArray("tool_calls");
    for (ObjectNode c : calls) {
      a.add(c);
    }
    return d;
  }

  static String chunk(ObjectNode delta, String finishReason) {
    ObjectNode c = base();
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    c.putNull("usage");
    return c.toString();
  }

  static String usageChunk(int prompt, int completion, Integer cached) {
    ObjectNode c = base();
    c.putArray("choices");
    ObjectNode u = c.putObject("usage");
    u.put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
    if (cached != null) {
      u.putObject("prompt_tokens_details").put("cached_tokens", cached).put("audio_tokens", 0);
    }
    return c.toString();
  }

  private static ObjectNode base() {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", "chatcmpl-Voxmesh123");
    c.put("object", "chat.completion.chunk");
    c.put("created", 1764079620L);
    c.put("model", "fake-llm");
    c.put("system_fingerprint", "fp_fake");
    return c;
  }
}
