package org.voxmesh.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.Function;
import org.voxmesh.bus.message.BusMessage;

/**
 * A request/reply address that knows its message types, so nobody casts bus bodies by hand.
 *
 * @param <Q> request type
 * @param <R> reply type
 */
public record Endpoint<Q extends BusMessage, R extends BusMessage>(String address, Class<Q> requestType, Class<R> replyType) {

  public static <Q extends BusMessage, R extends BusMessage> Endpoint<Q, R> of(String address, Class<Q> q, Class<R> r) {
    return new Endpoint<>(address, q, r);
  }

  /** Sends a request; the future fails with a {@code ReplyException} on no handler, timeout or a refusal. */
  public Future<R> request(Vertx vertx, Q request, long timeoutMs) {
    return vertx.eventBus()
        .<BusMessage>request(address, request, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(reply -> replyType.cast(reply.body()));
  }

  /**
   * Serves the address on the caller's context. The handler's future becomes the reply; a failure
   * becomes a refusal carrying {@link BusFailure#codeOf(Throwable)}.
   */
  public MessageConsumer<BusMessage> serve(Vertx vertx, Function<Q, Future<? extends R>> handler) {
    return vertx.eventBus().<BusMessage>consumer(address, message -> answer(message, handler));
  }

  private void answer(Message<BusMessage> message, Function<Q, Future<? extends R>> handler) {
    Future<? extends R> reply;
    try {
      reply = handler.apply(requestType.cast(message.body()));
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(
        message::reply,
        failure -> message.fail(BusFailure.codeOf(failure), String.valueOf(failure.getMessage())));
  }
}
