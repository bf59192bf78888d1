package org.voxmesh.bus;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.voxmesh.bus.message.BusMessage;

/**
 * The one codec for every {@link BusMessage}: CBOR on the wire (byte arrays stay raw bytes), the
 * same instance on local delivery (records are immutable, so nothing is copied).
 */
public final class BusRecordCodec implements MessageCodec<BusMessage, BusMessage> {

  public static final String NAME = "voxmesh-record";

  private static final ObjectMapper CBOR = buildMapper();

  /** Registers the codec and makes it the default for every BusMessage. Call once per Vertx. */
  public static void install(EventBus eventBus) {
    eventBus.registerCodec(new BusRecordCodec());
    eventBus.codecSelector(body -> body instanceof BusMessage ? NAME : null);
  }

  static byte[] write(BusMessage message) {
    try {
      return CBOR.writeValueAsBytes(new Envelope(message));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + message.getClass().getName(), e);
    }
  }

  static BusMessage read(byte[] bytes) {
    try {
      return CBOR.readValue(bytes, Envelope.class).message();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a bus message of " + bytes.length + " bytes", e);
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, BusMessage message) {
    byte[] bytes = write(message);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  @Override
  public BusMessage decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return read(buffer.getBytes(pos + 4, pos + 4 + length));
  }

  @Override
  public BusMessage transform(BusMessage message) {
    return message;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  /** Wraps the message so the type name travels with it, without annotating every record. */
  record Envelope(@JsonTypeInfo(use = JsonTypeInfo.Id.NAME) BusMessage message) {}

  private static ObjectMapper buildMapper() {
    CBORMapper mapper = CBORMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer senders may add fields
        .build();
    // Name every concrete record by its simple nested name, e.g. "IngestRequest.Audio".
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.add(BusMessage.class);
    while (!todo.isEmpty()) {
      Class<?> type = todo.pop();
      if (type.isSealed()) {
        for (Class<?> sub : type.getPermittedSubclasses()) {
          todo.add(sub);
        }
      } else {
        String name = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
        mapper.registerSubtypes(new NamedType(type, name));
      }
    }
    return mapper;
  }
}
