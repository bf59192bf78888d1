package org.voxmesh.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.BusFailure;
import org.voxmesh.bus.message.AudioStreamReply;
import org.voxmesh.bus.message.AudioStreamRequest;
import org.voxmesh.bus.message.BusMessage;
import org.voxmesh.bus.message.IngestRequest;

/**
 * The event-bus API: serves {@link Addresses#AUDIO_STREAMS} (Start) and one address per open stream
 * (Chunk, End), {@link Addresses#audioStream}. A Chunk's reply comes only once the pipeline took it, so
 * a publisher that waits for its replies (or keeps at most {@code gateway.window} unanswered) never
 * overruns the pipeline; beyond the window plus {@code gateway.max.queued.chunks}, Chunks are refused
 * with {@code OVERLOADED}. Event-loop confined.
 */
final class BusAudioStreams {

  private static final Logger log = LoggerFactory.getLogger(BusAudioStreams.class);

  private final Vertx vertx;
  private final GatewayConfig config;
  private final String instanceId;
  private final Capacity capacity;
  private final Map<String, Stream> streams = new HashMap<>();
  private MessageConsumer<BusMessage> opener;

  private static final class Stream {
    final HeadlessSession session;
    final String address;
    MessageConsumer<BusMessage> consumer;
    long lastSeq = -1;
    long lastActivity = System.currentTimeMillis();
    boolean ending;

    Stream(HeadlessSession session, String address) {
      this.session = session;
      this.address = address;
    }
  }

  BusAudioStreams(Vertx vertx, GatewayConfig config, String instanceId, Capacity capacity) {
    this.vertx = vertx;
    this.config = config;
    this.instanceId = instanceId;
    this.capacity = capacity;
  }

  Future<Void> start() {
    opener = Addresses.AUDIO_STREAMS.serve(vertx, this::open);
    return opener.completion();
  }

  /** Aborts every stream (a turn in progress is not committed). */
  Future<Void> stop() {
    List<Future<?>> closing = new ArrayList<>();
    for (Stream s : List.copyOf(streams.values())) {
      remove(s);
      closing.add(s.session.abort());
    }
    Future<?> unregistered = opener == null ? Future.succeededFuture() : opener.unregister();
    return Future.join(closing).transform(ar -> unregistered).mapEmpty();
  }

  int size() {
    return streams.size();
  }

  /** Ends streams that sent nothing for {@code gateway.stream.idle.ms} (their open turn committed). */
  void endIdle(long now) {
    for (Stream s : List.copyOf(streams.values())) {
      if (!s.ending && s.session.pending() == 0 && now - s.lastActivity >= config.idleTimeoutMs()) {
        log.info("bus stream {} (session {}): no audio for {} ms, ending it", s.session.streamId(),
            s.session.sessionId(), now - s.lastActivity);
        end(s);
      }
    }
  }

  private Future<AudioStreamReply> open(AudioStreamRequest request) {
    if (!(request instanceof AudioStreamRequest.Start start)) {
      return Future.failedFuture(BusFailure.BAD_REQUEST.exception("voxmesh.audio.streams takes Start only; send "
          + request.getClass().getSimpleName() + " to the address the Started reply named"));
    }
    if (!StreamIds.valid(start.streamId())) {
      return Future.failedFuture(BusFailure.BAD_REQUEST.exception("invalid stream id '" + start.streamId()
          + "' (expected: 1-128 of [A-Za-z0-9_.:-])"));
    }
    Stream existing = streams.get(start.streamId());
    if (existing != null) {
      // A retried Start (its reply was lost): the same stream again.
      return Future.succeededFuture(
          new AudioStreamReply.Started(start.streamId(), existing.session.sessionId(), existing.address));
    }
    if (!capacity.tryAcquire()) {
      return Future.failedFuture(BusFailure.OVERLOADED.exception("audio gateway at capacity: " + capacity.open()
          + " streams (max: " + capacity.max() + ")"));
    }
    String sessionId = StreamIds.sessionId(start.streamId(), System.currentTimeMillis());
    IngestRequest.IngestSettings settings = new IngestRequest.IngestSettings(start.format(),
        start.turnDetection() != null ? start.turnDetection() : config.turn(),
        start.transcription() != null ? start.transcription() : config.transcription());
    String events = start.eventsAddress();
    HeadlessSession session = new HeadlessSession(vertx, start.streamId(), sessionId, settings, config.window(),
        config.maxQueuedChunks(), config.requestTimeoutMs(),
        input -> {
          if (events != null) {
            vertx.eventBus().send(events, input);
          }
        });
    var endpoint = Addresses.audioStream(instanceId, start.streamId());
    Stream stream = new Stream(session, endpoint.address());
    streams.put(start.streamId(), stream);
    stream.consumer = endpoint.serve(vertx, r -> onStreamRequest(stream, r));
    return session.open()
        .compose(v -> stream.consumer.completion())
        .<AudioStreamReply>map(v -> {
          log.info("bus stream {} opened as session {} ({} {} Hz)", start.streamId(), sessionId,
              start.format().encoding(), start.format().sampleRate());
          return new AudioStreamReply.Started(start.streamId(), sessionId, endpoint.address());
        })
        .recover(err -> {
          remove(stream);
          log.warn("bus stream {}: cannot open a pipeline: {}", start.streamId(), HeadlessSession.describe(err));
          BusFailure kind = BusFailure.of(err);
          return Future.failedFuture((kind != null ? kind : BusFailure.INTERNAL)
              .exception("cannot open an audio pipeline: " + err.getMessage()));
        });
  }

  private Future<AudioStreamReply> onStreamRequest(Stream stream, AudioStreamRequest request) {
    if (!stream.session.streamId().equals(request.streamId())) {
      return Future.failedFuture(BusFailure.BAD_REQUEST.exception("stream " + request.streamId()
          + " does not belong to this address"));
    }
    stream.lastActivity = System.currentTimeMillis();
    if (request instanceof AudioStreamRequest.Chunk chunk) {
      if (stream.ending) {
        return Future.failedFuture(BusFailure.SESSION_UNKNOWN.exception("stream " + chunk.streamId() + " is ending"));
      }
      if (chunk.seq() <= stream.lastSeq) {
        log.warn("bus stream {}: chunk seq {} dropped (duplicate or out of order; last taken {})", chunk.streamId(),
            chunk.seq(), stream.lastSeq);
        return Future.succeededFuture(new AudioStreamReply.ChunkTaken(chunk.streamId(), chunk.seq(), true));
      }
      Future<Void> taken = stream.session.audio(chunk.audio());
      if (!taken.failed()) { // refused at once (overloaded): the publisher may send the same seq again
        stream.lastSeq = chunk.seq();
      }
      return taken.map(v -> new AudioStreamReply.ChunkTaken(chunk.streamId(), chunk.seq(), false));
    } else if (request instanceof AudioStreamRequest.End) {
      return end(stream);
    }
    return Future.failedFuture(BusFailure.BAD_REQUEST.exception("a stream address takes Chunk and End, not "
        + request.getClass().getSimpleName()));
  }

  /** Detaches the stream at once (a new Start for its id opens a new session), then ends its session. */
  private Future<AudioStreamReply> end(Stream stream) {
    boolean first = !stream.ending;
    stream.ending = true;
    if (first && streams.remove(stream.session.streamId(), stream)) {
      stream.consumer.unregister();
      stream.session.end().onComplete(ar -> capacity.release());
    }
    return stream.session.end()
        .map(turns -> {
          log.info("bus stream {} (session {}) ended: {} turn(s)", stream.session.streamId(),
              stream.session.sessionId(), turns);
          return (AudioStreamReply) new AudioStreamReply.Ended(stream.session.streamId(), stream.session.sessionId(),
              turns);
        });
  }

  private void remove(Stream stream) {
    if (streams.remove(stream.session.streamId(), stream)) {
      capacity.release();
      if (stream.consumer != null) {
        stream.consumer.unregister();
      }
    }
  }
}
