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
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;

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

  /*
   * Wire layout: an int, then the body. A length >= 0 is followed by that many bytes of CBOR envelope. The
   * two messages of the audio hot path (every 20 ms chunk and its ack) skip Jackson: a negative marker,
   * then their fields. Profiling the cross-process hop put half of the receiver's CPU in CBOR for them.
   */
  private static final int AUDIO = -1;
  private static final int CHUNK_ACK = -2;

  @Override
  public void encodeToWire(Buffer buffer, BusMessage message) {
    if (message instanceof IngestRequest.Audio audio) {
      buffer.appendInt(AUDIO).appendLong(audio.seq()).appendInt(audio.audio().length).appendBytes(audio.audio());
    } else if (message instanceof IngestReply.ChunkAck ack) {
      buffer.appendInt(CHUNK_ACK).appendLong(ack.seq());
    } else {
      byte[] bytes = write(message);
      buffer.appendInt(bytes.length).appendBytes(bytes);
    }
  }

  @Override
  public BusMessage decodeFromWire(int pos, Buffer buffer) {
    int head = buffer.getInt(pos);
    if (head == AUDIO) {
      int length = buffer.getInt(pos + 12);
      return new IngestRequest.Audio(buffer.getLong(pos + 4), buffer.getBytes(pos + 16, pos + 16 + length));
    } else if (head == CHUNK_ACK) {
      return new IngestReply.ChunkAck(buffer.getLong(pos + 4));
    } else if (head < 0) {
      throw new IllegalArgumentException("unknown bus message marker " + head);
    }
    return read(buffer.getBytes(pos + 4, pos + 4 + head));
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
