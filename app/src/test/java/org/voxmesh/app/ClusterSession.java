package org.voxmesh.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.voxmesh.testkit.corpus.SessionFormat;

/**
 * A Realtime transcription client over a plain Vert.x WebSocket: server VAD, PCM16 24 kHz, audio
 * paced at {@code speed} times real time in {@code chunkMs} appends, a list of utterances streamed
 * round and round (each followed by silence) until {@link #finish()} asks it to stop at the next
 * gap. Every server event is kept with the time it arrived.
 */
final class ClusterSession {

  /** One server event and when it arrived ({@link System#nanoTime()}). */
  record Event(long atNanos, JsonObject json) {
    String type() {
      return json.getString("type");
    }

    String itemId() {
      return json.getString("item_id");
    }
  }

  private static final SessionFormat FORMAT = SessionFormat.PCM16;

  private final Vertx vertx;
  private final String name;
  private final List<byte[]> utterances;
  private final int gapMs;
  private final int chunkMs;
  private final double speed;
  private final List<Event> events = new ArrayList<>();
  private WebSocketClient client;
  private WebSocket socket;
  private long timer = -1;
  private volatile boolean finishing;
  private volatile boolean finished;
  private byte[] current;
  private int offset;
  private int next;
  private boolean inSpeech;
  private double sentMs;
  private long startNanos;
  private volatile Short closeCode;
  private volatile String closeReason;
  private volatile long closedAtNanos;

  ClusterSession(Vertx vertx, String name, List<byte[]> utterances, int gapMs, int chunkMs, double speed) {
    this.vertx = vertx;
    this.name = name;
    this.utterances = utterances;
    this.gapMs = gapMs;
    this.chunkMs = chunkMs;
    this.speed = speed;
  }

  /** Connects, configures the session and starts streaming once {@code session.updated} arrives. */
  Future<Void> start(int port, String apiKey) {
    client = vertx.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI("/v1/realtime?intent=transcription")
        .addHeader("Authorization", "Bearer " + apiKey)
        .addSubProtocol("realtime");
    return client.connect(options).compose(ws -> {
      socket = ws;
      io.vertx.core.Promise<Void> updated = io.vertx.core.Promise.promise();
      ws.textMessageHandler(text -> {
        JsonObject json = new JsonObject(text);
        synchronized (events) {
          events.add(new Event(System.nanoTime(), json));
        }
        if ("session.updated".equals(json.getString("type"))) {
          updated.tryComplete();
        }
      });
      ws.closeHandler(v -> {
        closedAtNanos = System.nanoTime();
        closeCode = ws.closeStatusCode();
        closeReason = ws.closeReason();
        finished = true;
        updated.tryFail(name + ": closed before session.updated");
      });
      ws.writeTextMessage(new JsonObject()
          .put("type", "session.update")
          .put("session", new JsonObject()
              .put("type", "transcription")
              .put("audio", new JsonObject().put("input", new JsonObject()
                  .put("format", new JsonObject().put("type", "audio/pcm").put("rate", FORMAT.sampleRate()))
                  .put("transcription", new JsonObject().put("model", "gpt-4o-transcribe").put("language", "en"))
                  .put("turn_detection", new JsonObject().put("type", "server_vad").put("silence_duration_ms", 500)))))
          .encode());
      return updated.future();
    }).onSuccess(v -> {
      current = FORMAT.silence(300);
      startNanos = System.nanoTime();
      timer = vertx.setPeriodic(20, id -> tick());
    });
  }

  /** Sends the audio that is due by now (pacing by audio time sent); pauses while the socket's queue is full. */
  private void tick() {
    if (finished || socket.isClosed()) {
      vertx.cancelTimer(timer);
      finished = true;
      return;
    }
    double dueMs = (System.nanoTime() - startNanos) / 1e6 * speed;
    int chunkBytes = chunkMs * FORMAT.bytesPerMs();
    while (sentMs < dueMs && !socket.writeQueueFull()) {
      if (offset >= current.length) {
        if (!advance()) {
          vertx.cancelTimer(timer);
          finished = true;
          return;
        }
        continue;
      }
      int n = Math.min(chunkBytes, current.length - offset);
      byte[] chunk = java.util.Arrays.copyOfRange(current, offset, offset + n);
      offset += n;
      sentMs += (double) n / FORMAT.bytesPerMs();
      socket.writeTextMessage(new JsonObject().put("type", "input_audio_buffer.append")
          .put("audio", Base64.getEncoder().encodeToString(chunk)).encode());
    }
    if (socket.writeQueueFull()) {
      // The server pushes back: do not build up a backlog to burst later.
      startNanos += 20_000_000L;
    }
  }

  /** Next piece: utterance after silence, silence after utterance; false when finishing at a gap. */
  private boolean advance() {
    offset = 0;
    if (inSpeech) {
      inSpeech = false;
      current = FORMAT.silence(gapMs);
      return true;
    }
    if (finishing) {
      return false;
    }
    inSpeech = true;
    current = utterances.get(next % utterances.size());
    next++;
    return true;
  }

  /** Stops streaming after the current utterance and its gap. */
  void finish() {
    finishing = true;
  }

  boolean finished() {
    return finished;
  }

  Future<Void> close() {
    vertx.cancelTimer(timer);
    finished = true;
    Future<Void> closed = socket == null || socket.isClosed() ? Future.succeededFuture() : socket.close();
    return closed.eventually(() -> client == null ? Future.succeededFuture() : client.close());
  }

  String name() {
    return name;
  }

  /** The close code the server sent (null while open, or if the connection just dropped). */
  Short closeCode() {
    return closeCode;
  }

  String closeReason() {
    return closeReason;
  }

  /** When the socket closed ({@link System#nanoTime()}), 0 while open. */
  long closedAtNanos() {
    return closedAtNanos;
  }

  List<Event> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  Optional<String> sessionId() {
    return events().stream().filter(e -> "session.created".equals(e.type()))
        .map(e -> e.json().getJsonObject("session").getString("id")).findFirst();
  }

  List<Event> ofType(String type) {
    return events().stream().filter(e -> type.equals(e.type())).toList();
  }

  /** Final outcome per committed item: "completed", "failed", or null while unresolved. */
  Map<String, String> outcomes() {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Event e : events()) {
      switch (e.type()) {
        case "input_audio_buffer.committed" -> outcomes.putIfAbsent(e.itemId(), null);
        case "conversation.item.input_audio_transcription.completed" -> outcomes.merge(e.itemId(), "completed", ClusterSession::both);
        case "conversation.item.input_audio_transcription.failed" -> outcomes.merge(e.itemId(), "failed", ClusterSession::both);
        default -> { }
      }
    }
    return outcomes;
  }

  private static String both(String a, String b) {
    return a == null ? b : a + "+" + b;
  }

  /** Completed transcripts whose commit arrived after {@code nanos}. */
  long completedCommittedAfter(long nanos) {
    List<Event> all = events();
    java.util.Set<String> late = new java.util.HashSet<>();
    for (Event e : all) {
      if ("input_audio_buffer.committed".equals(e.type()) && e.atNanos() > nanos) {
        late.add(e.itemId());
      }
    }
    return all.stream().filter(e -> "conversation.item.input_audio_transcription.completed".equals(e.type())
        && late.contains(e.itemId())).count();
  }

  long completedCount() {
    return ofType("conversation.item.input_audio_transcription.completed").size();
  }

  @Override
  public String toString() {
    return name + " " + sessionId().orElse("(no session)");
  }
}
