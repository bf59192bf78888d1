package org.voxmesh.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The ceiling: a bare Vert.x WebSocket server that sends every text frame straight back. Shaped
 * like the platform's edge (its own {@code Vertx} with default options, one verticle instance so one
 * event loop owns every socket, the same frame limits, no compression) but with no JSON, no
 * event bus, no VAD.
 */
final class EchoServer implements AutoCloseable {

  private final Vertx vertx;
  private final int port;

  private EchoServer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  static EchoServer start() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions());
    EchoVerticle verticle = new EchoVerticle();
    Bench.await(vertx.deployVerticle(verticle));
    return new EchoServer(vertx, verticle.server.actualPort());
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    Bench.await(vertx.close());
  }

  private static final class EchoVerticle extends VerticleBase {
    HttpServer server;

    @Override
    public Future<?> start() {
      HttpServerOptions options = new HttpServerOptions()
          .setHost("127.0.0.1")
          .setPort(0)
          .setMaxWebSocketFrameSize(24 * 1024 * 1024)
          .setMaxWebSocketMessageSize(24 * 1024 * 1024)
          .setPerMessageWebSocketCompressionSupported(false)
          .setPerFrameWebSocketCompressionSupported(false);
      return vertx.createHttpServer(options)
          .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
          .listen()
          .onSuccess(s -> server = s);
    }
  }
}
