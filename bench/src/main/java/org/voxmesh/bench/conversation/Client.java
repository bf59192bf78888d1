package org.voxmesh.bench.conversation;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.voxmesh.bench.Clips;
import org.voxmesh.bench.Clips.Clip;

/**
 * One conversation client on one real WebSocket ({@code ws://127.0.0.1:PORT/v1/realtime?model=…}).
 *
 * <p>Socket work runs on one client event-loop context: every server frame is timestamped
 * ({@code System.nanoTime}) the moment its text arrives, before any parsing; audio deltas (the bulk
 * of the traffic) are recognised by their type prefix and never parsed. A driver thread (one per
 * session) writes client events and waits for server events through a queue.
 *
 * <p>The microphone: once {@link #startMic} is called, one 20 ms {@code input_audio_buffer.append}
 * goes out at each moment a real microphone would have finished recording it (frame {@code k} is due
 * at {@code t0 + (k + 1) * 20 ms}): queued speech frames first, digital silence otherwise — so the
 * stream never stops, as with a live microphone.
 */
final class Client {

  static final long FRAME_NANOS = Clips.CHUNK_MS * 1_000_000L;
  static final String AUDIO_DELTA = "response.output_audio.delta";
  private static final String AUDIO_DELTA_PREFIX = "\"type\":\"" + AUDIO_DELTA + "\"";

  /**
   * A server event: its type, arrival time, the parsed body (null for audio deltas) and its size (for
   * audio deltas: the decoded audio bytes; else the frame's characters).
   */
  record Event(String type, long nanos, JsonObject body, int size) {
    String str(String pointer) {
      if (body == null) {
        return null;
      }
      Object v = body;
      for (String key : pointer.split("/")) {
        if (key.isEmpty()) {
          continue;
        }
        if (!(v instanceof JsonObject o)) {
          return null;
        }
        v = o.getValue(key);
      }
      return v == null ? null : v.toString();
    }
  }

  private final int index;
  private final Vertx vertx;
  private final Context context;
  private final WebSocketClient client;
  private final WebSocketConnectOptions connect;
  private final LinkedBlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
  /** Every event the driver consumed, in arrival order. */
  final List<Event> seen = new ArrayList<>();
  final List<String> errors = new ArrayList<>();
  private volatile WebSocket ws;
  private volatile boolean closing;

  // microphone state (context only, except t0 which is published before the first frame)
  private volatile long t0;
  private long nextFrame;
  private final Deque<String> queued = new ArrayDeque<>();
  private long micTimer = -1;
  private boolean micOn;
  private long[] written = new long[1 << 14];
  /** Client timer lateness of every frame written, in ms (context only; read after the mic stopped). */
  final List<Double> sendLateness = new ArrayList<>();

  Client(int index, Vertx vertx, Context context, WebSocketClient client, int port, String apiKey) {
    this.index = index;
    this.vertx = vertx;
    this.context = context;
    this.client = client;
    this.connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/v1/realtime?model=gpt-realtime").setTimeout(30_000)
        .addHeader("Authorization", "Bearer " + apiKey);
  }

  int index() {
    return index;
  }

  /** Connects; returns once session.created arrived. */
  void open() throws Exception {
    Promise<Void> opened = Promise.promise();
    context.runOnContext(v -> client.connect(connect).onComplete(ar -> {
      if (ar.failed()) {
        opened.fail(ar.cause());
        return;
      }
      WebSocket socket = ar.result();
      ws = socket;
      socket.textMessageHandler(this::onText);
      socket.exceptionHandler(err -> errors.add("socket: " + err));
      socket.closeHandler(x -> {
        if (!closing) {
          errors.add("closed by the server: " + socket.closeStatusCode() + " " + socket.closeReason());
        }
      });
      opened.complete();
    }));
    opened.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    await("session.created", null, 10_000);
  }

  void close() throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      closing = true;
      stopMicNow();
      WebSocket socket = ws;
      if (socket == null || socket.isClosed()) {
        done.complete(null);
      } else {
        socket.close().onComplete(ar -> done.complete(null));
      }
    });
    done.get(10, TimeUnit.SECONDS);
  }

  private void onText(String text) {
    long now = System.nanoTime();
    int head = Math.min(text.length(), 200);
    if (text.length() > 1000 && text.regionMatches(0, "{", 0, 1) && text.substring(0, head).contains(AUDIO_DELTA_PREFIX)) {
      inbox.add(new Event(AUDIO_DELTA, now, null, deltaBytes(text)));
      return;
    }
    JsonObject o;
    try {
      o = new JsonObject(text);
    } catch (RuntimeException e) {
      errors.add("unparseable event: " + text.substring(0, head));
      return;
    }
    String type = o.getString("type", "");
    if (type.equals(AUDIO_DELTA)) {
      inbox.add(new Event(type, now, null, deltaBytes(text)));
      return;
    }
    inbox.add(new Event(type, now, o, text.length()));
  }

  /** Decoded length of an audio delta's base64 {@code delta} field, without decoding it. */
  static int deltaBytes(String text) {
    int i = text.indexOf("\"delta\":\"");
    if (i < 0) {
      return 0;
    }
    int from = i + 9;
    int to = text.indexOf('"', from);
    int b64 = to - from;
    int pad = b64 > 0 && text.charAt(to - 1) == '=' ? (b64 > 1 && text.charAt(to - 2) == '=' ? 2 : 1) : 0;
    return b64 / 4 * 3 - pad;
  }

  /** Writes a client event on the socket's context; returns when it was handed to the socket (nanoTime). */
  long send(String json) throws Exception {
    CompletableFuture<Long> at = new CompletableFuture<>();
    context.runOnContext(v -> {
      long now = System.nanoTime();
      ws.writeTextMessage(json);
      at.complete(now);
    });
    return at.get(10, TimeUnit.SECONDS);
  }

  /** Index in {@link #seen} where the next consumed event will go. */
  int mark() {
    return seen.size();
  }

  /**
   * Consumes events until one of {@code type} matching {@code match} (null: any) arrives and returns
   * it; every consumed event is kept in {@link #seen}. An {@code error} event is recorded in {@link
   * #errors}.
   */
  Event await(String type, Predicate<Event> match, long timeoutMs) throws Exception {
    return awaitAny(e -> e.type().equals(type) && (match == null || match.test(e)), type, timeoutMs);
  }

  /** As {@link #await}, for the first event matching {@code match} ({@code what} names it in the timeout). */
  Event awaitAny(Predicate<Event> match, String what, long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = left <= 0 ? inbox.poll() : inbox.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new TimeoutException("session " + index + ": no " + what + " within " + timeoutMs + " ms");
      }
      seen.add(e);
      if (e.type().equals("error")) {
        errors.add("error event: " + e.body().encode());
      }
      if (match.test(e)) {
        return e;
      }
    }
  }

  /**
   * The events consumed since {@code mark}, one line: type@ms after the first, runs of audio deltas
   * collapsed ({@code audio×N@from-to}); for failure reports.
   */
  String timeline(int mark) {
    StringBuilder sb = new StringBuilder();
    if (mark >= seen.size()) {
      return "(nothing)";
    }
    long base = seen.get(mark).nanos();
    int run = 0;
    long runFrom = 0;
    long runTo = 0;
    for (int i = mark; i <= seen.size(); i++) {
      Event e = i < seen.size() ? seen.get(i) : null;
      if (e != null && e.type().equals(AUDIO_DELTA)) {
        if (run++ == 0) {
          runFrom = e.nanos();
        }
        runTo = e.nanos();
        continue;
      }
      if (run > 0) {
        sb.append(String.format(java.util.Locale.ROOT, " audio×%d@%d-%d", run, (runFrom - base) / 1_000_000,
            (runTo - base) / 1_000_000));
        run = 0;
      }
      if (e != null && !e.type().endsWith("transcript.delta") && !e.type().equals("rate_limits.updated")) {
        String status = e.str("/response/status");
        sb.append(' ').append(e.type().replace("input_audio_buffer.", "").replace("conversation.item.", "item."))
            .append(status == null ? "" : "(" + status + ")").append('@').append((e.nanos() - base) / 1_000_000);
      }
    }
    return sb.toString().trim();
  }

  /** Consumes whatever arrives within {@code ms} (keeps it in {@link #seen}). */
  void drain(long ms) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        return;
      }
      seen.add(e);
      if (e.type().equals("error")) {
        errors.add("error event: " + e.body().encode());
      }
    }
  }

  /** Consumes events until none arrived for {@code quietMs} (at most {@code maxMs}): lets a running response end. */
  void settle(long quietMs, long maxMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMs);
    while (System.nanoTime() < deadline) {
      Event e = inbox.poll(quietMs, TimeUnit.MILLISECONDS);
      if (e == null) {
        return;
      }
      seen.add(e);
    }
  }

  /** Forgets consumed events (between turns; keeps memory bounded). */
  void forget() {
    seen.clear();
  }

  // ---------------------------------------------------------------- microphone

  /** Starts the real-time microphone stream (silence until something is played). */
  void startMic() throws Exception {
    CompletableFuture<Void> started = new CompletableFuture<>();
    context.runOnContext(v -> {
      t0 = System.nanoTime();
      nextFrame = 0;
      micOn = true;
      tick();
      started.complete(null);
    });
    started.get(10, TimeUnit.SECONDS);
  }

  /** Stream time zero of the microphone (nanoTime): sample at stream time s ms is recorded at t0 + s. */
  long t0() {
    return t0;
  }

  /**
   * Queues a clip behind whatever is queued; returns the index of the frame its first sample goes out in
   * (its stream time is index × 20 ms).
   */
  long play(Clip clip) throws Exception {
    CompletableFuture<Long> at = new CompletableFuture<>();
    context.runOnContext(v -> {
      at.complete(nextFrame + queued.size());
      queued.addAll(Arrays.asList(clip.frames()));
    });
    return at.get(10, TimeUnit.SECONDS);
  }

  /** When frame {@code k} was actually written (nanoTime), or 0 if not yet. */
  long writtenAt(long k) throws Exception {
    CompletableFuture<Long> at = new CompletableFuture<>();
    context.runOnContext(v -> at.complete(k < nextFrame && k < written.length ? written[(int) k] : 0L));
    return at.get(10, TimeUnit.SECONDS);
  }

  /** Frames queued and not yet sent. */
  int queuedFrames() throws Exception {
    CompletableFuture<Integer> n = new CompletableFuture<>();
    context.runOnContext(v -> n.complete(queued.size()));
    return n.get(10, TimeUnit.SECONDS);
  }

  void stopMic() throws Exception {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    context.runOnContext(v -> {
      stopMicNow();
      stopped.complete(null);
    });
    stopped.get(10, TimeUnit.SECONDS);
  }

  private void stopMicNow() {
    micOn = false;
    if (micTimer >= 0) {
      vertx.cancelTimer(micTimer);
      micTimer = -1;
    }
  }

  private void tick() {
    micTimer = -1;
    WebSocket socket = ws;
    if (!micOn || socket == null || socket.isClosed()) {
      return;
    }
    long now = System.nanoTime();
    while (true) {
      long dueAt = t0 + (nextFrame + 1) * FRAME_NANOS;
      if (dueAt > now) {
        break;
      }
      String frame = queued.isEmpty() ? Clips.SILENCE_FRAME : queued.poll();
      socket.writeTextMessage(frame);
      if (nextFrame >= written.length) {
        written = Arrays.copyOf(written, written.length * 2);
      }
      written[(int) nextFrame] = now;
      sendLateness.add((now - dueAt) / 1e6);
      nextFrame++;
    }
    long dueAt = t0 + (nextFrame + 1) * FRAME_NANOS;
    micTimer = vertx.setTimer(Math.max(1, (dueAt - now + 999_999) / 1_000_000), id -> tick());
  }
}
