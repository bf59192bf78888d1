package org.voxmesh.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A webhook receiver on a loopback port that records every POST and answers as told: 2xx, an error status, a
 * delayed 2xx, or nothing at all (the sender's timeout fires). It can be stopped and started again on the same
 * port, like a receiver being redeployed.
 */
final class TestReceiver implements AutoCloseable {

  /** One POST as it arrived. {@code status} is what the receiver answered, 0 when it never answered. */
  record Received(Map<String, String> headers, String body, int status, long atNanos) {
    String webhookId() {
      return headers.get("webhook-id");
    }

    boolean succeeded() {
      return status >= 200 && status < 300;
    }
  }

  /** How to answer one request. */
  record Reply(int status, long delayMs) {
    static final Reply OK = new Reply(200, 0);
    static final Reply HANG = new Reply(0, 0);

    static Reply status(int status) {
      return new Reply(status, 0);
    }

    static Reply okAfter(long ms) {
      return new Reply(200, ms);
    }
  }

  private final Vertx vertx;
  private final List<Received> received = new ArrayList<>();
  private volatile Function<Map<String, String>, Reply> behavior;
  private volatile HttpServer server;
  private int port;

  private TestReceiver(Vertx vertx, Function<Map<String, String>, Reply> behavior) {
    this.vertx = vertx;
    this.behavior = behavior;
  }

  static TestReceiver start(Vertx vertx, Function<Map<String, String>, Reply> behavior) {
    TestReceiver r = new TestReceiver(vertx, behavior);
    r.listen(0);
    return r;
  }

  static TestReceiver ok(Vertx vertx) {
    return start(vertx, h -> Reply.OK);
  }

  String url() {
    return "http://127.0.0.1:" + port + "/hooks";
  }

  int port() {
    return port;
  }

  void behavior(Function<Map<String, String>, Reply> next) {
    this.behavior = next;
  }

  /** Closes the listener and every open connection. */
  void stop() {
    HttpServer s = server;
    server = null;
    if (s != null) {
      Fixtures.await(s.close());
    }
  }

  /** Listens again on the same port. */
  void restart() {
    listen(port);
  }

  synchronized List<Received> all() {
    return List.copyOf(received);
  }

  List<Received> successes() {
    return all().stream().filter(Received::succeeded).toList();
  }

  @Override
  public void close() {
    stop();
  }

  private void listen(int onPort) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(onPort))
            .requestHandler(this::handle)
            .listen()
            .toCompletionStage().toCompletableFuture().join();
        port = server.actualPort();
        return;
      } catch (java.util.concurrent.CompletionException e) {
        // Right after a stop the port may still be held for a moment; a redeploy would retry too.
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      Map<String, String> headers = new LinkedHashMap<>();
      request.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
      Reply reply = behavior.apply(headers);
      long at = System.nanoTime();
      Runnable answer = () -> {
        record(new Received(headers, body.toString(StandardCharsets.UTF_8), reply.status(), at));
        request.response().setStatusCode(reply.status()).end("{\"status\":" + reply.status() + "}");
      };
      if (reply.status() == 0) {
        record(new Received(headers, body.toString(StandardCharsets.UTF_8), 0, at));
      } else if (reply.delayMs() > 0) {
        vertx.setTimer(reply.delayMs(), t -> answer.run());
      } else {
        answer.run();
      }
    });
  }

  private synchronized void record(Received r) {
    received.add(r);
  }
}
