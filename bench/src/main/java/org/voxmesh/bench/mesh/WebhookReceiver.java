package org.voxmesh.bench.mesh;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.voxmesh.webhook.sign.WebhookSecret;
import org.voxmesh.webhook.sign.WebhookSigner;

/**
 * A webhook receiver on 127.0.0.1 that answers 200 at once and notes when each delivery arrived, by the
 * record index the benchmark put into the transcript's {@code item_id} ({@code item_<index>}). One delivery in
 * {@value #VERIFY_EVERY} has its Standard Webhooks signature checked, so "signed" is checked, not assumed,
 * without spending the shared cores on verifying all of them.
 */
final class WebhookReceiver implements AutoCloseable {

  static final int VERIFY_EVERY = 100;
  private static final String MARK = "\"item_id\":\"item_";

  private final Vertx vertx = Vertx.vertx();
  private final WebhookSecret secret;
  private final AtomicLongArray arrivals;
  final AtomicInteger delivered = new AtomicInteger();
  final AtomicInteger duplicates = new AtomicInteger();
  final AtomicInteger verified = new AtomicInteger();
  final AtomicInteger badSignatures = new AtomicInteger();
  final AtomicLong lastArrival = new AtomicLong();
  private final HttpServer server;

  WebhookReceiver(WebhookSecret secret, int capacity) throws Exception {
    this.secret = secret;
    this.arrivals = new AtomicLongArray(capacity);
    server = BusHop.await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(this::handle).listen());
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/hooks";
  }

  /** When record {@code index} was delivered (System.nanoTime), 0 if not yet. */
  long arrival(int index) {
    return arrivals.get(index);
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      long now = System.nanoTime();
      String text = body.toString(StandardCharsets.UTF_8);
      int at = text.indexOf(MARK);
      int index = -1;
      if (at >= 0) {
        int end = text.indexOf('"', at + MARK.length());
        index = Integer.parseInt(text, at + MARK.length(), end, 10);
      }
      if (index >= 0 && index < arrivals.length() && !arrivals.compareAndSet(index, 0, now)) {
        duplicates.incrementAndGet();
      }
      lastArrival.set(now);
      if (delivered.incrementAndGet() % VERIFY_EVERY == 0) {
        try {
          WebhookSigner.verify(secret, request.getHeader(WebhookSigner.HEADER_ID),
              request.getHeader(WebhookSigner.HEADER_TIMESTAMP), request.getHeader(WebhookSigner.HEADER_SIGNATURE),
              body.getBytes(), Instant.now().getEpochSecond(), WebhookSigner.DEFAULT_TOLERANCE);
          verified.incrementAndGet();
        } catch (RuntimeException e) {
          badSignatures.incrementAndGet();
        }
      }
      request.response().setStatusCode(200).end();
    });
  }

  @Override
  public void close() throws Exception {
    BusHop.await(vertx.close());
  }
}
