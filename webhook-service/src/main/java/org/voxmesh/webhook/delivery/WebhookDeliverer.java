package org.voxmesh.webhook.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.webhook.RetryPolicy;
import org.voxmesh.webhook.WebhookEndpoint;
import org.voxmesh.webhook.event.WebhookEvent;
import org.voxmesh.webhook.sign.WebhookSigner;

/**
 * Sends webhook events over HTTP: one signed POST per attempt ({@link #attempt}), and the retry loop around it
 * ({@link #deliver}) — exponential backoff with full jitter until the policy's deadline. This is the only place
 * that retries a delivery.
 *
 * <p>Not thread-safe: create it on, and call it from, one event-loop context (a verticle's). Timers and HTTP
 * callbacks then run on that context too, and nothing here blocks.
 */
public final class WebhookDeliverer {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);

  public static final String USER_AGENT = "Voxmesh-Webhooks/1.0";
  private static final int SNIPPET_BYTES = 200;

  private final Vertx vertx;
  private final HttpClient client;
  private final RetryPolicy policy;
  private final ConcurrencyLimiter limiter;
  private final DoubleSupplier random;
  private final Clock clock;
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();

  public WebhookDeliverer(Vertx vertx, HttpClient client, RetryPolicy policy, int maxConcurrency) {
    this(vertx, client, policy, maxConcurrency, () -> ThreadLocalRandom.current().nextDouble(), Clock.systemUTC());
  }

  WebhookDeliverer(Vertx vertx, HttpClient client, RetryPolicy policy, int maxConcurrency, DoubleSupplier random,
      Clock clock) {
    this.vertx = vertx;
    this.client = client;
    this.policy = policy;
    this.limiter = new ConcurrencyLimiter(maxConcurrency);
    this.random = random;
    this.clock = clock;
  }

  /**
   * An HTTP client for one endpoint's deliveries: keep-alive, no redirects, at most {@code maxConcurrency}
   * connections (the limiter never asks for more).
   */
  public static HttpClient createClient(Vertx vertx, RetryPolicy policy, int maxConcurrency) {
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setKeepAliveTimeout(30)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, policy.requestTimeout().toMillis()))
        .setDecompressionSupported(true)
        .setName("voxmesh-webhooks");
    return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(maxConcurrency));
  }

  /**
   * Attempts until a 2xx, the deadline, or {@code cancel} fires (which also cuts a backoff wait short; an attempt
   * already sent finishes first). Never fails: the outcome says how it ended.
   */
  public Future<DeliveryOutcome> deliver(WebhookEvent event, WebhookEndpoint endpoint, Cancellation cancel) {
    return new Retry(event, endpoint, cancel, policy).start();
  }

  /** {@link #deliver} with another policy (replays use a shorter deadline). */
  public Future<DeliveryOutcome> deliver(WebhookEvent event, WebhookEndpoint endpoint, Cancellation cancel,
      RetryPolicy override) {
    return new Retry(event, endpoint, cancel, override).start();
  }

  /** One signed POST, within the concurrency limit. Never fails: a failure is an {@link AttemptResult.Failed}. */
  public Future<AttemptResult> attempt(WebhookEvent event, WebhookEndpoint endpoint) {
    return limiter.run(() -> post(event, endpoint));
  }

  public long attempts() {
    return attempts.get();
  }

  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** HTTP requests running now, and attempts waiting for a slot. */
  public int running() {
    return limiter.running();
  }

  public int waiting() {
    return limiter.waiting();
  }

  private Future<AttemptResult> post(WebhookEvent event, WebhookEndpoint endpoint) {
    long started = System.nanoTime();
    long timeoutMs = policy.requestTimeout().toMillis();
    long timestamp = clock.instant().getEpochSecond();
    String webhookId = event.webhookId(endpoint.id());
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(endpoint.url().toString())
        .setConnectTimeout(timeoutMs)
        .setIdleTimeout(timeoutMs)
        .setFollowRedirects(false)
        .putHeader("content-type", "application/json")
        .putHeader("user-agent", USER_AGENT)
        .putHeader(WebhookSigner.HEADER_ID, webhookId)
        .putHeader(WebhookSigner.HEADER_TIMESTAMP, Long.toString(timestamp))
        .putHeader(WebhookSigner.HEADER_SIGNATURE,
            WebhookSigner.sign(endpoint.secrets(), webhookId, timestamp, event.body()));
    Promise<AttemptResult> result = Promise.promise();
    long[] timer = {-1};
    boolean[] timedOut = {false};
    attempts.incrementAndGet();
    client.request(options)
        .compose(req -> {
          // The connect timeout covers getting a connection; from here the receiver has the request timeout to
          // answer completely. (The idle timeout alone would let a receiver that trickles bytes hold it forever.)
          timer[0] = vertx.setTimer(timeoutMs, t -> {
            timedOut[0] = true;
            req.reset(0, new TimeoutException("no complete response within " + timeoutMs + " ms"));
          });
          return req.send(Buffer.buffer(event.body()));
        })
        .compose(response -> readSnippet(response).map(snippet -> classify(response.statusCode(), snippet, started)))
        .otherwise(err -> timedOut[0]
            ? new AttemptResult.Failed(AttemptResult.Kind.TIMEOUT, 0, "no complete response within " + timeoutMs
                + " ms", elapsedMs(started))
            : failure(err, started))
        .onComplete(ar -> {
          if (timer[0] >= 0) {
            vertx.cancelTimer(timer[0]);
          }
          result.complete(ar.result());
        });
    return result.future().andThen(ar -> {
      if (ar.result() instanceof AttemptResult.Failed f) {
        failedAttempts.incrementAndGet();
        LOG.debug("{} to {} ({}): {}", event, endpoint.id(), webhookId, f);
      }
    });
  }

  private static Future<String> readSnippet(HttpClientResponse response) {
    Buffer snippet = Buffer.buffer();
    response.handler(chunk -> {
      int room = SNIPPET_BYTES - snippet.length();
      if (room > 0) {
        snippet.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
      }
    });
    return response.end().map(v -> new String(snippet.getBytes(), StandardCharsets.UTF_8));
  }

  private static AttemptResult classify(int status, String snippet, long started) {
    if (status >= 200 && status < 300) {
      return new AttemptResult.Delivered(status, elapsedMs(started));
    }
    return new AttemptResult.Failed(AttemptResult.Kind.HTTP_STATUS, status, oneLine(snippet), elapsedMs(started));
  }

  private static AttemptResult failure(Throwable err, long started) {
    boolean timeout = false;
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        timeout = true;
      }
    }
    String message = err.getMessage() == null ? err.getClass().getSimpleName() : oneLine(err.getMessage());
    return new AttemptResult.Failed(timeout ? AttemptResult.Kind.TIMEOUT : AttemptResult.Kind.CONNECTION, 0, message,
        elapsedMs(started));
  }

  private static String oneLine(String s) {
    String line = s.replaceAll("\\s+", " ").trim();
    return line.length() > SNIPPET_BYTES ? line.substring(0, SNIPPET_BYTES) + "…" : line;
  }

  private static long elapsedMs(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  /** The state of one delivery across its attempts. */
  private final class Retry {
    private final WebhookEvent event;
    private final WebhookEndpoint endpoint;
    private final Cancellation cancel;
    private final RetryPolicy retryPolicy;
    private final Promise<DeliveryOutcome> outcome = Promise.promise();
    private Instant firstAttemptAt;
    private long deadlineNanos;
    private int attemptCount;

    Retry(WebhookEvent event, WebhookEndpoint endpoint, Cancellation cancel, RetryPolicy retryPolicy) {
      this.event = event;
      this.endpoint = endpoint;
      this.cancel = cancel;
      this.retryPolicy = retryPolicy;
    }

    Future<DeliveryOutcome> start() {
      firstAttemptAt = clock.instant();
      deadlineNanos = System.nanoTime() + retryPolicy.deadline().toNanos();
      next();
      return outcome.future();
    }

    private void next() {
      if (cancel.isCancelled()) {
        outcome.complete(new DeliveryOutcome.Cancelled(attemptCount));
        return;
      }
      attempt(event, endpoint).onComplete(ar -> onAttempt(ar.result()));
    }

    private void onAttempt(AttemptResult result) {
      attemptCount++;
      if (result instanceof AttemptResult.Delivered d) {
        outcome.complete(new DeliveryOutcome.Delivered(attemptCount, d.status()));
        return;
      }
      AttemptResult.Failed failed = (AttemptResult.Failed) result;
      if (cancel.isCancelled()) {
        outcome.complete(new DeliveryOutcome.Cancelled(attemptCount));
        return;
      }
      long delayMs = retryPolicy.backoffMillis(attemptCount, random);
      if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs) >= deadlineNanos) {
        outcome.complete(new DeliveryOutcome.Exhausted(attemptCount, failed, firstAttemptAt));
        return;
      }
      if (delayMs < 1) {
        vertx.runOnContext(v -> next());
        return;
      }
      Runnable[] deregister = new Runnable[1];
      long timer = vertx.setTimer(delayMs, t -> {
        deregister[0].run();
        next();
      });
      deregister[0] = cancel.onCancel(() -> {
        if (vertx.cancelTimer(timer)) {
          outcome.tryComplete(new DeliveryOutcome.Cancelled(attemptCount));
        }
      });
    }
  }
}
