package org.voxmesh.speech.engine.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.voxmesh.speech.tts.SentenceSplitter;
import org.voxmesh.speech.tts.SpeechSynthesizer;
import org.voxmesh.speech.tts.SynthesisRequest;
import org.voxmesh.speech.tts.SynthesisStream;
import org.voxmesh.speech.tts.SynthesizerOverloadedException;

/**
 * Speech from an OpenAI-compatible HTTP service (OpenAI, speaches, Kokoro-FastAPI, ...): each
 * stream POSTs {@code {"model", "input", "voice", "response_format": "pcm", "speed"}} as JSON to
 * {@code {baseUrl}/audio/speech} and hands out the answer's body as it arrives, one chunk per
 * piece the HTTP client receives (so the first audio comes as soon as the service sends it).
 * OpenAI's {@code pcm} is 16-bit little-endian mono at 24 kHz ({@link
 * OpenAiCompatibleSpeechConfig#sampleRate()} for services that differ).
 *
 * <p>The {@code voice} field is the request's voice as a string, except ids of the form {@code
 * voice_...} (OpenAI custom voices), which go as {@code {"id": "voice_..."}}. A text longer than
 * {@value #MAX_INPUT_CHARS} characters (OpenAI's limit) is sent as several requests, one after the
 * other, cut at sentence ends. An empty text makes no request.
 *
 * <p>A non-2xx answer throws {@link OpenAiCompatibleSpeechException} from {@link
 * SynthesisStream#next()} with the status and the upstream's error message; so do an answer that is
 * JSON, text or compressed/WAV audio instead of raw PCM, no headers within {@link
 * OpenAiCompatibleSpeechConfig#timeout()}, a body that stalls for longer than that, and an
 * unreachable service. {@link SynthesisStream#cancel()} wakes a blocked {@code next()} and closes
 * the connection.
 *
 * <p>Thread-safe. At most {@link OpenAiCompatibleSpeechConfig#maxConcurrent()} streams are open at
 * once; {@link #synthesize} refuses beyond with {@link SynthesizerOverloadedException}.
 */
public final class OpenAiCompatibleSpeechSynthesizer implements SpeechSynthesizer {

  /** OpenAI's limit on {@code input}. */
  public static final int MAX_INPUT_CHARS = 4096;

  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object END = new Object();
  private static final Object CANCELLED = new Object();

  private final OpenAiCompatibleSpeechConfig config;
  private final URI endpoint;
  private final HttpClient http;
  private final Semaphore permits;
  private volatile boolean closed;

  public OpenAiCompatibleSpeechSynthesizer(OpenAiCompatibleSpeechConfig config) {
    this.config = config;
    this.endpoint = URI.create(config.baseUrl() + "/audio/speech");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.permits = new Semaphore(config.maxConcurrent());
  }

  /** {@code openai-compatible/<configured model>}. */
  @Override
  public String name() {
    return "openai-compatible/" + config.model();
  }

  @Override
  public int sampleRate() {
    return config.sampleRate();
  }

  public OpenAiCompatibleSpeechConfig config() {
    return config;
  }

  /** Streams currently open (holding capacity). */
  public int activeStreams() {
    return config.maxConcurrent() - permits.availablePermits();
  }

  /**
   * Returns at once; the request is sent by the first {@link SynthesisStream#next()}.
   *
   * @throws SynthesizerOverloadedException when {@code maxConcurrent} streams are open
   */
  @Override
  public SynthesisStream synthesize(SynthesisRequest request) {
    if (closed) {
      throw new IllegalStateException(name() + " synthesizer is closed");
    }
    if (!permits.tryAcquire()) {
      throw new SynthesizerOverloadedException(
          name() + ": all " + config.maxConcurrent() + " upstream slots are busy");
    }
    return new Stream(request);
  }

  /** Refuses new streams; open ones may finish. Idempotent. */
  @Override
  public void close() {
    closed = true;
  }

  /** The JSON body for one request. */
  byte[] body(String input, String voice, double speed) {
    ObjectNode b = JSON.createObjectNode();
    b.put("model", config.model());
    b.put("input", input);
    if (voice.startsWith("voice_")) {
      b.putObject("voice").put("id", voice);
    } else {
      b.put("voice", voice);
    }
    b.put("response_format", "pcm");
    b.put("speed", speed);
    try {
      return JSON.writeValueAsBytes(b);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text in pieces of at most {@value #MAX_INPUT_CHARS} characters, cut between sentences. */
  static Deque<String> parts(String text) {
    Deque<String> parts = new ArrayDeque<>();
    String t = text.strip();
    if (t.isEmpty()) {
      return parts;
    }
    if (t.length() <= MAX_INPUT_CHARS) {
      parts.add(t);
      return parts;
    }
    StringBuilder cur = new StringBuilder();
    for (String s : SentenceSplitter.split(t)) {
      if (cur.length() > 0 && cur.length() + 1 + s.length() > MAX_INPUT_CHARS) {
        parts.add(cur.toString());
        cur.setLength(0);
      }
      if (cur.length() > 0) {
        cur.append(' ');
      }
      cur.append(s);
    }
    if (cur.length() > 0) {
      parts.add(cur.toString());
    }
    return parts;
  }

  /** Whether a 2xx answer of this content type cannot be raw PCM. */
  static boolean notRawPcm(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT).strip();
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi).strip();
    }
    return t.startsWith("text/")
        || t.contains("json")
        || t.contains("html")
        || t.contains("xml")
        || t.equals("text/event-stream")
        || List.of(
                "audio/mpeg", "audio/mp3", "audio/aac", "audio/x-aac", "audio/mp4", "audio/ogg",
                "audio/opus", "audio/flac", "audio/x-flac", "audio/webm", "audio/wav", "audio/wave",
                "audio/x-wav", "audio/vnd.wave")
            .contains(t);
  }

  /**
   * The upstream's error text: OpenAI/vLLM {@code {"error":{"message":...}}}, FastAPI {@code
   * {"detail":...}}, a plain {@code {"error":"..."}} or {@code {"message":...}}, else the body itself
   * (shortened).
   */
  static String errorMessage(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.isObject()) {
        JsonNode error = json.get("error");
        if (error != null && error.isObject() && error.hasNonNull("message")) {
          return error.get("message").asText();
        }
        if (error != null && error.isTextual()) {
          return error.asText();
        }
        JsonNode detail = json.get("detail");
        if (detail != null && !detail.isNull()) {
          return detail.isTextual() ? detail.asText() : detail.toString();
        }
        if (json.hasNonNull("message")) {
          return json.get("message").asText();
        }
      }
    } catch (IOException e) {
      // not JSON: the raw body below
    }
    String s = new String(body, StandardCharsets.UTF_8).strip();
    s = s.length() > 500 ? s.substring(0, 500) + "..." : s;
    return s.isEmpty() ? "(empty body)" : s;
  }

  /** Receives one answer's body with a demand of one piece at a time. */
  private static final class Body implements Flow.Subscriber<List<ByteBuffer>> {
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
      } else {
        s.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      int n = 0;
      for (ByteBuffer b : buffers) {
        n += b.remaining();
      }
      byte[] bytes = new byte[n];
      int off = 0;
      for (ByteBuffer b : buffers) {
        int r = b.remaining();
        b.get(bytes, off, r);
        off += r;
      }
      queue.add(bytes);
    }

    @Override
    public void onError(Throwable t) {
      queue.add(t);
    }

    @Override
    public void onComplete() {
      queue.add(END);
    }

    /** The next piece, END, CANCELLED or a Throwable; null after {@code timeout} without any. */
    Object take(long timeoutMillis) throws InterruptedException {
      Object o = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
      if (o instanceof byte[]) {
        Flow.Subscription s = subscription;
        if (s != null && !cancelled) {
          s.request(1);
        }
      }
      return o;
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      queue.add(CANCELLED);
    }
  }

  /** Reads a whole (error) body, at most {@link #MAX_ERROR_BODY} bytes, within the timeout. */
  private byte[] readSmallBody(Flow.Publisher<List<ByteBuffer>> publisher) {
    Body b = new Body();
    publisher.subscribe(b);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long deadline = System.nanoTime() + config.timeout().toNanos();
    try {
      while (true) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        Object o = b.take(left);
        if (o instanceof byte[] bytes) {
          out.write(bytes, 0, Math.min(bytes.length, MAX_ERROR_BODY - out.size()));
          if (out.size() >= MAX_ERROR_BODY) {
            break;
          }
        } else {
          break; // END, an error, or no more within the timeout: use what came
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      b.cancel();
    }
    return out.toByteArray();
  }

  private static void discard(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
    Body b = new Body();
    b.cancel();
    response.body().subscribe(b); // cancels at once: the connection is closed, not reused
  }

  private final class Stream implements SynthesisStream {
    private final SynthesisRequest request;
    private final Deque<String> parts;
    private final AtomicBoolean released = new AtomicBoolean();
    /** Completed by cancel() to wake a next() waiting for the answer's headers. */
    private final CompletableFuture<Object> wake = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile Body body;
    private volatile CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> pending;
    private boolean finished;
    private int carry = -1; // the low byte of a sample split between two pieces

    Stream(SynthesisRequest request) {
      this.request = request;
      this.parts = parts(request.text());
    }

    @Override
    public short[] next() {
      if (cancelled || finished) {
        release();
        return null;
      }
      try {
        while (true) {
          if (body == null) {
            String part = parts.poll();
            if (part == null) {
              finished = true;
              release();
              return null;
            }
            if (!send(part)) {
              release();
              return null; // cancelled
            }
          }
          Object o = body.take(config.timeout().toMillis());
          if (o == null) {
            throw failure(
                "stalled: no audio for " + config.timeout().toMillis() + " ms", 0, null, null);
          }
          if (o == CANCELLED || cancelled) {
            release();
            return null;
          }
          if (o == END) {
            body = null;
            carry = -1; // a dangling half sample: nothing to play
            continue;
          }
          if (o instanceof Throwable t) {
            throw failure("failed while streaming: " + t, 0, null, t);
          }
          short[] pcm = toShorts((byte[]) o);
          if (pcm.length > 0) {
            return pcm;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finished = true;
        abort();
        throw failure("interrupted", 0, null, e);
      } catch (RuntimeException | Error e) {
        finished = true;
        abort();
        throw e;
      }
    }

    /**
     * Sends one request and waits for its headers; subscribes to its body when it is audio.
     *
     * @return false when cancelled meanwhile
     */
    private boolean send(String input) throws InterruptedException {
      HttpRequest.Builder req =
          HttpRequest.newBuilder(endpoint)
              .timeout(config.timeout())
              .header("Content-Type", "application/json")
              .header("Accept", "audio/pcm, application/octet-stream, */*")
              .POST(BodyPublishers.ofByteArray(body(input, request.voice(), request.speed())));
      if (config.apiKey() != null) {
        req.header("Authorization", "Bearer " + config.apiKey());
      }
      CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> cf =
          http.sendAsync(req.build(), BodyHandlers.ofPublisher());
      pending = cf;
      if (cancelled) {
        cf.thenAccept(OpenAiCompatibleSpeechSynthesizer::discard);
        return false;
      }
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> resp;
      try {
        // the request timeout bounds the wait for headers; the margin covers connecting
        CompletableFuture.anyOf(cf, wake).get(2 * config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        if (!cf.isDone()) {
          cf.thenAccept(OpenAiCompatibleSpeechSynthesizer::discard);
          return false; // woken by cancel()
        }
        resp = cf.get();
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof HttpTimeoutException) {
          throw failure("timed out after " + config.timeout().toMillis() + " ms", 0, null, c);
        }
        throw failure("failed: " + c, 0, null, c);
      } catch (TimeoutException e) {
        cf.thenAccept(OpenAiCompatibleSpeechSynthesizer::discard);
        throw failure("timed out after " + config.timeout().toMillis() + " ms", 0, null, e);
      }
      int status = resp.statusCode();
      if (status < 200 || status > 299) {
        String msg = errorMessage(readSmallBody(resp.body()));
        throw failure("answered HTTP " + status + ": " + msg, status, msg, null);
      }
      String type = resp.headers().firstValue("Content-Type").orElse("");
      if (notRawPcm(type)) {
        String msg = errorMessage(readSmallBody(resp.body()));
        throw failure(
            "answered HTTP " + status + " with " + type + " instead of raw PCM (response_format pcm): " + msg,
            status,
            msg,
            null);
      }
      Body b = new Body();
      resp.body().subscribe(b);
      body = b;
      if (cancelled) {
        b.cancel();
        return false;
      }
      return true;
    }

    private short[] toShorts(byte[] bytes) {
      int i = 0;
      int n = (bytes.length + (carry >= 0 ? 1 : 0)) / 2;
      short[] out = new short[n];
      int k = 0;
      if (carry >= 0 && bytes.length > 0) {
        out[k++] = (short) (carry | (bytes[0] << 8));
        carry = -1;
        i = 1;
      }
      for (; i + 1 < bytes.length; i += 2) {
        out[k++] = (short) ((bytes[i] & 0xff) | (bytes[i + 1] << 8));
      }
      if (i < bytes.length) {
        carry = bytes[i] & 0xff;
      }
      return out;
    }

    @Override
    public void cancel() {
      cancelled = true;
      wake.complete(CANCELLED);
      Body b = body;
      if (b != null) {
        b.cancel();
      }
      release();
    }

    @Override
    public void close() {
      cancel();
    }

    private void abort() {
      Body b = body;
      if (b != null) {
        b.cancel();
      }
      CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> cf = pending;
      if (cf != null && !cf.isDone()) {
        cf.thenAccept(OpenAiCompatibleSpeechSynthesizer::discard);
      }
      release();
    }

    private void release() {
      if (released.compareAndSet(false, true)) {
        permits.release();
      }
    }

    private OpenAiCompatibleSpeechException failure(
        String what, int status, String upstreamMessage, Throwable cause) {
      return new OpenAiCompatibleSpeechException(
          "upstream speech at " + endpoint + " " + what, status, upstreamMessage, cause);
    }
  }
}
