package org.voxmesh.protocol.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.client.ConversationItemCreate;
import org.voxmesh.protocol.client.ResponseCreate;
import org.voxmesh.protocol.client.SessionUpdate;
import org.voxmesh.protocol.error.ProtocolErrors;
import org.voxmesh.protocol.error.ProtocolException;
import org.voxmesh.protocol.error.RealtimeError;
import org.voxmesh.protocol.server.ConversationItemAdded;
import org.voxmesh.protocol.server.ConversationItemInputAudioTranscriptionCompleted;
import org.voxmesh.protocol.server.ConversationItemRetrieved;
import org.voxmesh.protocol.server.ErrorEvent;
import org.voxmesh.protocol.server.ResponseCreated;
import org.voxmesh.protocol.server.ResponseDone;
import org.voxmesh.protocol.server.ResponseFunctionCallArgumentsDone;
import org.voxmesh.protocol.server.ResponseOutputItemAdded;
import org.voxmesh.protocol.server.ResponseOutputItemDone;
import org.voxmesh.protocol.server.ServerEvent;
import org.voxmesh.protocol.server.SessionCreated;
import org.voxmesh.protocol.server.SessionUpdated;
import org.voxmesh.protocol.session.RealtimeSessionConfig;
import org.voxmesh.protocol.session.SessionConfig;
import org.voxmesh.protocol.session.SessionUpdateResult;
import org.voxmesh.protocol.session.SessionUpdates;
import org.voxmesh.protocol.session.TranscriptionSessionConfig;

/**
 * The only place that turns wire JSON into protocol records and back, one immutable, thread-safe instance per
 * dialect, built once. {@link #parse} reads a frame once on the success path; only on failure is the frame
 * re-read leniently to recover the client's {@code event_id} for {@code error.event_id}.
 *
 * <p><b>Dialects.</b> The records are GA in both dialects. {@code RealtimeJson.of(Dialect.BETA)} parses beta
 * client frames into the same GA records ({@link BetaAdapter} converts the few frames whose shape differs: a beta
 * {@code session.update} / {@code transcription_session.update} becomes a {@link SessionUpdate} whose patch is GA,
 * with {@code session.type} {@code realtime} / {@code transcription}, ready for {@code SessionUpdates.apply}) and
 * writes server records with beta names and shapes.
 *
 * <p><b>Events that do not exist in a dialect</b> ({@code conversation.item.done}, {@code timeout_triggered},
 * {@code transcription segment} in beta; {@code conversation.created} in GA) are never written: the session
 * emits through {@link #writeIfEmitted} (empty = "not part of this dialect, send nothing") or asks
 * {@link #emits} first; {@link #write} throws {@link IllegalArgumentException} for them. So the session can emit
 * the GA sequence unconditionally — e.g. {@code conversation.item.added} + {@code conversation.item.done} — and a
 * beta client sees exactly one {@code conversation.item.created}.
 */
public final class RealtimeJson {

  private static final RealtimeJson GA = new RealtimeJson(EventNames.of(Dialect.GA));
  private static final RealtimeJson BETA = new RealtimeJson(EventNames.of(Dialect.BETA));

  /** Server events whose beta shape differs from the GA one beyond the name (written through a tree). */
  private static final Set<Class<? extends ServerEvent>> RESHAPED_IN_BETA = Set.of(SessionCreated.class,
      SessionUpdated.class, ConversationItemAdded.class, ConversationItemRetrieved.class, ResponseCreated.class,
      ResponseDone.class, ResponseOutputItemAdded.class, ResponseOutputItemDone.class,
      ResponseFunctionCallArgumentsDone.class, ConversationItemInputAudioTranscriptionCompleted.class);

  private final EventNames names;
  private final boolean beta;
  private final List<String> clientNames;
  private final JsonMapper mapper;
  private final ObjectReader clientReader;
  private final ObjectWriter clientWriter;
  private final ObjectReader serverReader;
  private final ObjectWriter serverWriter;

  private RealtimeJson(EventNames names) {
    this.names = names;
    this.beta = names.dialect() == Dialect.BETA;
    this.clientNames = List.copyOf(names.clientNames());
    this.mapper = Mappers.newStrictMapper();
    names.client().forEach((type, name) -> mapper.registerSubtypes(new NamedType(type, name)));
    names.server().forEach((type, name) -> mapper.registerSubtypes(new NamedType(type, name)));
    this.clientReader = mapper.readerFor(ClientEvent.class);
    this.clientWriter = mapper.writerFor(ClientEvent.class);
    this.serverReader = mapper.readerFor(ServerEvent.class);
    this.serverWriter = mapper.writerFor(ServerEvent.class);
  }

  /** The codec of a dialect (both are singletons). */
  public static RealtimeJson of(Dialect dialect) {
    requireNonNull(dialect, "dialect");
    return switch (dialect) {
      case GA -> GA;
      case BETA -> BETA;
    };
  }

  public Dialect dialect() { return names.dialect(); }

  public EventNames names() { return names; }

  /**
   * Parses one client frame (a WebSocket text message or data-channel message). Never throws: every failure is
   * a {@link ParseResult.Failed} carrying the precise protocol error. In beta, errors name beta paths.
   */
  public ParseResult parse(String frame) {
    if (frame == null) {
      return new ParseResult.Failed(ProtocolErrors.invalidJson("the frame is empty; expected a JSON object.", null,
          null));
    }
    if (beta) {
      String type = EventIdSniffer.sniff(frame, "type");
      if (type != null && BetaAdapter.RESHAPED_CLIENT.contains(type)) {
        return parseReshaped(frame, type);
      }
    }
    try {
      ClientEvent event = clientReader.readValue(frame);
      if (event == null) {
        return new ParseResult.Failed(ProtocolErrors.invalidJson(
            "the frame must be a JSON object, but got null.", null, null));
      }
      return new ParseResult.Parsed(event);
    } catch (JsonProcessingException e) {
      return failed(frame, e);
    } catch (RuntimeException e) {
      return new ParseResult.Failed(RealtimeError.serverError("The server failed to read the event: " + e)
          .withEventId(EventIdSniffer.sniff(frame)));
    }
  }

  private ParseResult failed(String frame, JsonProcessingException e) {
    JsonToken first = EventIdSniffer.firstToken(frame);
    if (first != null && first != JsonToken.START_OBJECT) {
      return new ParseResult.Failed(ProtocolErrors.invalidJson(
          "the frame must be a JSON object, but got " + ProtocolErrors.describe(first) + ".", null, null));
    }
    return new ParseResult.Failed(errorFor(e, EventIdSniffer.sniff(frame)));
  }

  /** Beta frames whose shape differs: tree → {@link BetaAdapter} → the GA record, errors with beta paths. */
  private ParseResult parseReshaped(String frame, String type) {
    String eventId = null;
    try {
      JsonNode tree;
      try {
        tree = mapper.readTree(frame);
      } catch (StreamReadException e) {
        return failed(frame, withParserPath(e));
      }
      if (!(tree instanceof ObjectNode object)) {
        // cannot happen after a top-level "type" was seen, but keep the GA path's precise error
        return new ParseResult.Failed(ProtocolErrors.invalidJson("the frame must be a JSON object.", null, null));
      }
      JsonNode id = object.get("event_id");
      eventId = id != null && id.isTextual() ? id.textValue() : null;
      ObjectNode ga = BetaAdapter.clientFrameToGa(object);
      ClientEvent event;
      try {
        event = clientReader.readValue(ga);
      } catch (JsonProcessingException treeError) {
        // failure path only: re-read the converted frame as text, so that the error describes the offending
        // token as the streaming GA path does (a tree parser reports less)
        JsonProcessingException e = treeError;
        try {
          clientReader.readValue(mapper.writeValueAsString(ga));
        } catch (JsonProcessingException textError) {
          e = textError;
        }
        RealtimeError error = errorFor(e, eventId);
        return new ParseResult.Failed(type.equals("response.create") ? BetaAdapter.responseErrorToBeta(error)
            : type.endsWith("session.update") ? BetaAdapter.sessionErrorToBeta(error) : error);
      }
      if (event instanceof SessionUpdate update) {
        RealtimeError error = probe(update);
        if (error != null) {
          return new ParseResult.Failed(BetaAdapter.sessionErrorToBeta(error));
        }
      }
      return new ParseResult.Parsed(event);
    } catch (ProtocolException e) {
      return new ParseResult.Failed(e.toError("", eventId));
    } catch (JsonProcessingException e) {
      return failed(frame, e);
    } catch (IOException | RuntimeException e) {
      return new ParseResult.Failed(RealtimeError.serverError("The server failed to read the event: " + e)
          .withEventId(EventIdSniffer.sniff(frame)));
    }
  }

  /**
   * A syntax error from reading a tree carries no databind path; add the parser's (for the param of a duplicate
   * key, as the GA path reports it).
   */
  private static JsonProcessingException withParserPath(StreamReadException e) {
    JsonParser parser = e.getProcessor();
    if (parser == null) {
      return e;
    }
    JsonMappingException wrapped = JsonMappingException.from(parser, e.getOriginalMessage(), e);
    JsonStreamContext ctx = parser.getParsingContext();
    // ctx is the container being read when the error occurred; its own current name is the offending key
    for (JsonStreamContext c = ctx == null ? null : ctx.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject()) {
        wrapped.prependPath(null, c.getCurrentName());
      } else if (c.inArray()) {
        wrapped.prependPath(null, c.getCurrentIndex());
      }
    }
    return wrapped;
  }

  /**
   * Checks a converted beta session patch against the initial config of its type, so that value errors are
   * reported at parse time with beta paths (the session applies the same patch to its real config later).
   */
  private static RealtimeError probe(SessionUpdate update) {
    SessionConfig initial = SessionConfig.TRANSCRIPTION.equals(update.sessionType())
        ? TranscriptionSessionConfig.initial("sess_probe", 0L)
        : RealtimeSessionConfig.initial("sess_probe", null, 0L, "");
    SessionUpdateResult result = SessionUpdates.apply(initial, update);
    return result instanceof SessionUpdateResult.Rejected rejected ? rejected.error() : null;
  }

  /** Maps a Jackson failure on a client frame to its protocol error (exposed for adapters and tests). */
  public RealtimeError errorFor(JsonProcessingException e, String clientEventId) {
    return ProtocolErrors.fromJackson(e, "", clientEventId, ClientEvent.class,
        base -> base == ClientEvent.class ? clientNames : ProtocolErrors.TypeIdNames.ANNOTATED.namesOf(base));
  }

  /** True when {@code event} exists in this dialect and is written by {@link #write}. */
  public boolean emits(ServerEvent event) {
    requireNonNull(event, "event");
    return names.nameOf(event) != null;
  }

  /**
   * Serialises a server event to a JSON text frame, or returns empty when the event does not exist in this
   * dialect (send nothing): {@code conversation.item.done}, {@code input_audio_buffer.timeout_triggered} and
   * transcription segments in beta, {@code conversation.created} in GA.
   */
  public Optional<String> writeIfEmitted(ServerEvent event) {
    return emits(event) ? Optional.of(write(event)) : Optional.empty();
  }

  /**
   * Serialises a server event to a JSON text frame.
   *
   * @throws IllegalArgumentException when the event does not exist in this dialect (see {@link #writeIfEmitted})
   */
  public String write(ServerEvent event) {
    String name = nameOrThrow(event);
    try {
      return reshaped(event) ? mapper.writeValueAsString(betaTree(event, name))
          : serverWriter.writeValueAsString(forDialect(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
    }
  }

  /** Serialises a server event to UTF-8 bytes ({@link IllegalArgumentException} as {@link #write}). */
  public byte[] writeBytes(ServerEvent event) {
    String name = nameOrThrow(event);
    try {
      return reshaped(event) ? mapper.writeValueAsBytes(betaTree(event, name))
          : serverWriter.writeValueAsBytes(forDialect(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
    }
  }

  /** Streams a server event as UTF-8 JSON; the stream is not closed ({@link IllegalArgumentException} as write). */
  public void write(ServerEvent event, OutputStream out) {
    String name = nameOrThrow(event);
    try {
      ObjectWriter writer = serverWriter.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      if (reshaped(event)) {
        mapper.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, betaTree(event, name));
      } else {
        writer.writeValue(out, forDialect(event));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server event as a JSON tree in this dialect (tests, adapters). */
  public JsonNode toTree(ServerEvent event) {
    String name = nameOrThrow(event);
    return reshaped(event) ? betaTree(event, name) : mapper.valueToTree(forDialect(event));
  }

  /**
   * Serialises a client event (test clients, load generators). {@code event_id} is omitted when null. In beta the
   * frame is beta-shaped: a transcription {@link SessionUpdate} becomes {@code transcription_session.update}.
   */
  public String write(ClientEvent event) {
    requireNonNull(event, "event");
    try {
      if (beta && (event instanceof SessionUpdate || event instanceof ConversationItemCreate
          || event instanceof ResponseCreate)) {
        return mapper.writeValueAsString(betaClientTree(event));
      }
      return clientWriter.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads a server event strictly (test clients and golden tests). In beta, beta names and shapes are read back
   * into the GA records.
   */
  public ServerEvent readServerEvent(String json) throws JsonProcessingException {
    if (!beta) {
      return serverReader.readValue(json);
    }
    JsonNode tree = mapper.readTree(json);
    String type = tree == null ? null : tree.path("type").asText(null);
    Class<? extends ServerEvent> cls = type == null ? null : names.serverClassOf(type);
    try {
      if (cls == null || !RESHAPED_IN_BETA.contains(cls)) {
        return serverReader.readValue(tree);
      }
      ObjectNode ga = BetaAdapter.serverEventToGa((ObjectNode) tree, GA.names.server().get(cls));
      return GA.serverReader.readValue(ga);
    } catch (ProtocolException e) {
      throw JsonMappingException.from((com.fasterxml.jackson.core.JsonParser) null, e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String nameOrThrow(ServerEvent event) {
    requireNonNull(event, "event");
    String name = names.nameOf(event);
    if (name == null) {
      throw new IllegalArgumentException(event.getClass().getSimpleName() + " does not exist in the "
          + names.dialect() + " dialect and must not be sent; use writeIfEmitted (empty = send nothing)");
    }
    return name;
  }

  private boolean reshaped(ServerEvent event) {
    return beta && RESHAPED_IN_BETA.contains(event.getClass());
  }

  /** The record as written directly in this dialect (beta error params rewritten). */
  private ServerEvent forDialect(ServerEvent event) {
    if (beta && event instanceof ErrorEvent error) {
      RealtimeError mapped = BetaAdapter.errorToBeta(error.error());
      return mapped == error.error() ? event : new ErrorEvent(error.eventId(), mapped);
    }
    return event;
  }

  private ObjectNode betaTree(ServerEvent event, String name) {
    return BetaAdapter.serverEventToBeta((ObjectNode) GA.mapper.valueToTree(event), name);
  }

  private ObjectNode betaClientTree(ClientEvent event) {
    ObjectNode tree = GA.mapper.valueToTree(event);
    if (event instanceof SessionUpdate update) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.put("type", SessionConfig.TRANSCRIPTION.equals(update.sessionType())
          ? "transcription_session.update" : "session.update");
      if (update.eventId() != null) {
        out.put("event_id", update.eventId());
      }
      out.set("session", BetaAdapter.sessionPatchToBeta(update.session()));
      return out;
    }
    if (event instanceof ConversationItemCreate && tree.has("item")) {
      tree.set("item", BetaAdapter.itemToBeta(tree.get("item")));
    }
    if (event instanceof ResponseCreate && tree.has("response")) {
      tree.set("response", BetaAdapter.responseParamsToBeta(tree.get("response")));
    }
    return tree;
  }
}
