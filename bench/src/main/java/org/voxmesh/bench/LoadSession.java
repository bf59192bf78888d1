package org.voxmesh.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated real-time client on one WebSocket: sends its {@link Program} as 20 ms
 * {@code input_audio_buffer.append} frames, each at the moment a microphone would have finished
 * recording it (frame {@code k} is due at {@code t0 + (k + 1) * 20 ms}), and timestamps what comes
 * back. Everything of one session runs on one event-loop context (the client's event loops take
 * sessions in turn), so there are no locks.
 *
 * <p>Against the echo server the k-th text frame received is the echo of the k-th frame sent
 * (WebSocket keeps order), so its lag is its arrival minus the moment it was written.
 */
final class LoadSession {

  static final long CHUNK_NANOS = Clips.CHUNK_MS * 1_000_000L;

  /** A server event the benchmarks look at. */
  record Event(String type, String itemId, long audioMs, long arrivalNanos, String transcript, long usageMillis,
      String code) {}

  static final String SPEECH_STARTED = "input_audio_buffer.speech_started";
  static final String SPEECH_STOPPED = "input_audio_buffer.speech_stopped";
  static final String COMPLETED = "conversation.item.input_audio_transcription.completed";
  static final String FAILED = "conversation.item.input_audio_transcription.failed";

  final int index;
  final Program program;
  private final Vertx vertx;
  private final WebSocketClient client;
  private final WebSocketConnectOptions connect;
  private final String sessionUpdate; // null: echo server
  private final Promise<Void> ready = Promise.promise();
  private final Promise<Void> streamed = Promise.promise();
  private final Promise<Void> closed = Promise.promise();
  private final Context context;
  private WebSocket ws;
  private boolean closing;

  /** Stream time zero (System.nanoTime): frame k is due at t0 + (k + 1) * 20 ms. */
  long t0;
  private int next;
  /** When each frame was actually written (System.nanoTime), 0 if not yet. */
  long[] sent = new long[0];
  private int echoes;

  final List<Event> events = new ArrayList<>();
  final Samples sendLateness = new Samples();
  final Samples echoLag = new Samples();
  final List<String> errors = new ArrayList<>();

  LoadSession(int index, Program program, Vertx vertx, Context context, WebSocketClient client, int port, String uri,
      String apiKey, String sessionUpdate) {
    this.index = index;
    this.context = context;
    this.program = program;
    this.vertx = vertx;
    this.client = client;
    this.sessionUpdate = sessionUpdate;
    this.connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri).setTimeout(30_000);
    if (apiKey != null) {
      connect.addHeader("Authorization", "Bearer " + apiKey);
    }
  }

  /** Connects (and sends session.update); completes when the server confirmed the settings. */
  Future<Void> open() {
    context.runOnContext(v -> client.connect(connect).onComplete(ar -> {
      ThreadCpu.registerClientThread();
      if (ar.failed()) {
        error("connect: " + ar.cause());
        ready.tryFail(ar.cause());
        return;
      }
      ws = ar.result();
      ws.textMessageHandler(this::onText);
      ws.exceptionHandler(err -> error("socket: " + err));
      ws.closeHandler(x -> {
        if (!closing) {
          error("closed by the server: " + ws.closeStatusCode() + " " + ws.closeReason());
          ready.tryFail("closed");
        }
        streamed.tryComplete();
        closed.tryComplete();
      });
      if (sessionUpdate == null) {
        ready.tryComplete();
      } else {
        ws.writeTextMessage(sessionUpdate);
      }
    }));
    return ready.future();
  }

  /** Starts streaming with stream time zero at {@code t0}; the future completes after the last frame. */
  Future<Void> stream(long streamZero) {
    context.runOnContext(v -> {
      t0 = streamZero;
      sent = new long[program.frames.length];
      tick();
    });
    return streamed.future();
  }

  Future<Void> close() {
    context.runOnContext(v -> {
      closing = true;
      if (ws == null || ws.isClosed()) {
        closed.tryComplete();
      } else {
        ws.close().onComplete(ar -> closed.tryComplete());
      }
    });
    return closed.future();
  }

  private void tick() {
    if (ws == null || ws.isClosed()) {
      streamed.tryComplete();
      return;
    }
    String[] frames = program.frames;
    long now = System.nanoTime();
    while (next < frames.length) {
      long dueAt = t0 + (next + 1) * CHUNK_NANOS;
      if (dueAt > now) {
        break;
      }
      ws.writeTextMessage(frames[next]);
      sent[next] = now;
      sendLateness.add((now - dueAt) / 1e6);
      next++;
    }
    if (next < frames.length) {
      long dueAt = t0 + (next + 1) * CHUNK_NANOS;
      vertx.setTimer(Math.max(1, (dueAt - now + 999_999) / 1_000_000), id -> tick());
    } else {
      streamed.tryComplete();
    }
  }

  private void onText(String text) {
    long now = System.nanoTime();
    if (sessionUpdate == null) {
      if (echoes < next) {
        echoLag.add((now - sent[echoes]) / 1e6);
      }
      echoes++;
      return;
    }
    JsonObject o;
    try {
      o = new JsonObject(text);
    } catch (RuntimeException e) {
      error("unparseable event: " + text);
      return;
    }
    String type = o.getString("type", "");
    switch (type) {
      case "session.updated" -> ready.tryComplete();
      case SPEECH_STARTED -> events.add(new Event(type, o.getString("item_id"), o.getLong("audio_start_ms", -1L), now,
          null, 0, null));
      case SPEECH_STOPPED -> events.add(new Event(type, o.getString("item_id"), o.getLong("audio_end_ms", -1L), now,
          null, 0, null));
      case COMPLETED -> {
        JsonObject usage = o.getJsonObject("usage");
        double seconds = usage == null ? -1 : usage.getDouble("seconds", -1.0);
        events.add(new Event(type, o.getString("item_id"), -1, now, o.getString("transcript", ""),
            Math.round(seconds * 1000), null));
      }
      case FAILED -> {
        JsonObject err = o.getJsonObject("error");
        events.add(new Event(type, o.getString("item_id"), -1, now, null, 0, err == null ? null : err.getString("code")));
      }
      case "error" -> {
        JsonObject err = o.getJsonObject("error");
        error("error event: " + (err == null ? text : err.getString("message")));
        ready.tryFail("error event before session.updated: " + text);
      }
      default -> { } // session.created, committed, conversation.item.*, deltas
    }
  }

  private void error(String message) {
    errors.add(message);
  }

  /** Frames due but not sent when streaming ended (the socket closed early). */
  int unsent() {
    return program.frames.length - next;
  }

  /** Echo frames sent but never received back. */
  int missingEchoes() {
    return Math.max(0, next - echoes);
  }
}
