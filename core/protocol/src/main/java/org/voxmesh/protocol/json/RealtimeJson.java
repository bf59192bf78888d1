package org.voxmesh.protocol.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.error.ProtocolErrors;
import org.voxmesh.protocol.error.RealtimeError;
import org.voxmesh.protocol.server.ServerEvent;

/**
 * The only place that turns wire JSON into protocol records and back, one immutable, thread-safe instance per
 * dialect, built once. {@link #parse} reads a frame once on the success path; only on failure is the frame
 * re-read leniently to recover the client's {@code event_id} for {@code error.event_id}.
 */
public final class RealtimeJson {

  private static final RealtimeJson GA = new RealtimeJson(EventNames.of(Dialect.GA));

  private final EventNames names;
  private final List<String> clientNames;
  private final JsonMapper mapper;
  private final ObjectReader clientReader;
  private final ObjectWriter clientWriter;
  private final ObjectReader serverReader;
  private final ObjectWriter serverWriter;

  private RealtimeJson(EventNames names) {
    this.names = names;
    this.clientNames = List.copyOf(names.clientNames());
    this.mapper = Mappers.newStrictMapper();
    names.client().forEach((type, name) -> mapper.registerSubtypes(new NamedType(type, name)));
    names.server().forEach((type, name) -> mapper.registerSubtypes(new NamedType(type, name)));
    this.clientReader = mapper.readerFor(ClientEvent.class);
    this.clientWriter = mapper.writerFor(ClientEvent.class);
    this.serverReader = mapper.readerFor(ServerEvent.class);
    this.serverWriter = mapper.writerFor(ServerEvent.class);
  }

  /** The codec of a dialect. BETA throws {@link UnsupportedOperationException} for now. */
  public static RealtimeJson of(Dialect dialect) {
    requireNonNull(dialect, "dialect");
    return switch (dialect) {
      case GA -> GA;
      case BETA -> throw new UnsupportedOperationException("dialect: BETA (expected: GA; beta is not yet supported)");
    };
  }

  public Dialect dialect() { return names.dialect(); }

  public EventNames names() { return names; }

  /**
   * Parses one client frame (a WebSocket text message or data-channel message). Never throws: every failure is
   * a {@link ParseResult.Failed} carrying the precise protocol error.
   */
  public ParseResult parse(String frame) {
    if (frame == null) {
      return new ParseResult.Failed(ProtocolErrors.invalidJson("the frame is empty; expected a JSON object.", null,
          null));
    }
    try {
      ClientEvent event = clientReader.readValue(frame);
      if (event == null) {
        return new ParseResult.Failed(ProtocolErrors.invalidJson(
            "the frame must be a JSON object, but got null.", null, null));
      }
      return new ParseResult.Parsed(event);
    } catch (JsonProcessingException e) {
      JsonToken first = EventIdSniffer.firstToken(frame);
      if (first != null && first != JsonToken.START_OBJECT) {
        return new ParseResult.Failed(ProtocolErrors.invalidJson(
            "the frame must be a JSON object, but got " + ProtocolErrors.describe(first) + ".", null, null));
      }
      return new ParseResult.Failed(errorFor(e, EventIdSniffer.sniff(frame)));
    } catch (RuntimeException e) {
      return new ParseResult.Failed(RealtimeError.serverError("The server failed to read the event: " + e)
          .withEventId(EventIdSniffer.sniff(frame)));
    }
  }

  /** Maps a Jackson failure on a client frame to its protocol error (exposed for adapters and tests). */
  public RealtimeError errorFor(JsonProcessingException e, String clientEventId) {
    return ProtocolErrors.fromJackson(e, "", clientEventId, ClientEvent.class,
        base -> base == ClientEvent.class ? clientNames : ProtocolErrors.TypeIdNames.ANNOTATED.namesOf(base));
  }

  /** Serialises a server event to a JSON text frame. */
  public String write(ServerEvent event) {
    requireNonNull(event, "event");
    try {
      return serverWriter.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
    }
  }

  /** Serialises a server event to UTF-8 bytes. */
  public byte[] writeBytes(ServerEvent event) {
    requireNonNull(event, "event");
    try {
      return serverWriter.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
    }
  }

  /** Streams a server event as UTF-8 JSON; the stream is not closed. */
  public void write(ServerEvent event, OutputStream out) {
    requireNonNull(event, "event");
    try {
      serverWriter.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server event as a JSON tree (tests, adapters). */
  public JsonNode toTree(ServerEvent event) {
    return mapper.valueToTree(event);
  }

  /** Serialises a client event (test clients, load generators). {@code event_id} is omitted when null. */
  public String write(ClientEvent event) {
    requireNonNull(event, "event");
    try {
      return clientWriter.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
    }
  }

  /** Reads a server event strictly (test clients and golden tests). */
  public ServerEvent readServerEvent(String json) throws JsonProcessingException {
    return serverReader.readValue(json);
  }
}
