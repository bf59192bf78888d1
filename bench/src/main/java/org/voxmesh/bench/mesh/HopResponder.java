package org.voxmesh.bench.mesh;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.voxmesh.bus.Endpoint;
import org.voxmesh.bus.message.BusMessage;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;
import org.voxmesh.runtime.ServiceMain;

/**
 * The far end of the bus-hop benchmark: the audio-ingest service's bus shape without its work. An
 * {@code Open} on {@link #OPEN} registers a per-session address (as {@code voxmesh.ingest.<instance>.<session>}
 * does) that acknowledges every {@code Audio} at once, so a round trip measures only the event bus:
 * codec, cluster transport and event-loop hand-offs.
 */
public final class HopResponder extends VerticleBase {

  static final Endpoint<IngestRequest, IngestReply> OPEN =
      Endpoint.of("bench.hop.open", IngestRequest.class, IngestReply.class);

  private final String instance = "hop-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, MessageConsumer<BusMessage>> sessions = new HashMap<>();

  static Endpoint<IngestRequest, IngestReply> session(String instance, String sessionId) {
    return Endpoint.of("bench.hop." + instance + "." + sessionId, IngestRequest.class, IngestReply.class);
  }

  @Override
  public Future<?> start() {
    return OPEN.serve(vertx, this::open).completion();
  }

  private Future<IngestReply> open(IngestRequest request) {
    if (!(request instanceof IngestRequest.Open open)) {
      return Future.failedFuture(new IllegalArgumentException("expected Open, got " + request));
    }
    Endpoint<IngestRequest, IngestReply> address = session(instance, open.sessionId());
    MessageConsumer<BusMessage> consumer = address.serve(vertx, r -> answer(open.sessionId(), r));
    sessions.put(open.sessionId(), consumer);
    // reply once the registration is visible cluster-wide, as a real owner must before it is used
    return consumer.completion().map(v -> new IngestReply.Opened(address.address(), instance));
  }

  private Future<IngestReply> answer(String sessionId, IngestRequest request) {
    if (request instanceof IngestRequest.Audio audio) {
      return Future.succeededFuture(new IngestReply.ChunkAck(audio.seq()));
    }
    if (request instanceof IngestRequest.Close) {
      MessageConsumer<BusMessage> c = sessions.remove(sessionId);
      return (c == null ? Future.<Void>succeededFuture() : c.unregister()).map(v -> new IngestReply.Ack());
    }
    return Future.succeededFuture(new IngestReply.Ack());
  }

  /** The responder as its own clustered JVM (settings from -Dvoxmesh.*, like every service). */
  public static void main(String[] args) {
    ServiceMain.run("hop-responder", 0, (vertx, settings) -> vertx.deployVerticle(new HopResponder()));
  }
}
