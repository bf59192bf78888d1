package org.voxmesh.session.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import org.voxmesh.runtime.log.SessionLog;
import org.voxmesh.session.lifecycle.SessionLifecycle;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.BusFailure;
import org.voxmesh.bus.message.BusMessage;
import org.voxmesh.bus.message.IngestRequest;
import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.client.ConversationItemCreate;
import org.voxmesh.protocol.client.ConversationItemDelete;
import org.voxmesh.protocol.client.ConversationItemRetrieve;
import org.voxmesh.protocol.client.ConversationItemTruncate;
import org.voxmesh.protocol.client.ResponseCancel;
import org.voxmesh.protocol.client.ResponseCreate;
import org.voxmesh.protocol.item.ContentPart;
import org.voxmesh.protocol.item.Item;
import org.voxmesh.protocol.session.RealtimeSessionConfig;
import org.voxmesh.session.actor.SessionEvents;
import org.voxmesh.session.conversation.ConversationSession;
import org.voxmesh.session.conversation.Engines;
import org.voxmesh.protocol.client.InputAudioBufferAppend;
import org.voxmesh.protocol.client.InputAudioBufferClear;
import org.voxmesh.protocol.client.InputAudioBufferCommit;
import org.voxmesh.protocol.client.SessionUpdate;
import org.voxmesh.protocol.error.ErrorCodes;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.json.ParseResult;
import org.voxmesh.protocol.json.RealtimeJson;
import org.voxmesh.protocol.server.ServerEvent;
import org.voxmesh.protocol.server.SessionCreated;
import org.voxmesh.protocol.server.SessionUpdated;
import org.voxmesh.protocol.session.SessionConfig;
import org.voxmesh.protocol.session.SessionUpdateResult;
import org.voxmesh.protocol.session.SessionUpdates;
import org.voxmesh.session.SessionServiceConfig;
import org.voxmesh.session.actor.TranscriptionSession;
import org.voxmesh.session.link.IngestLink;

/**
 * One Realtime WebSocket: frames in, protocol records to the session, server events out. The only
 * class that sees wire JSON on the session side. Everything runs on the socket's event loop.
 *
 * <p>Two things pause reading from the client: the audio credit window is full (the pipeline is
 * behind) or our outgoing queue is full (the client does not read). Either way the client feels TCP
 * back-pressure and no buffer here grows.
 */
final class RealtimeConnection {

  private final Vertx vertx;
  private final SessionLog log;
  private final SessionLifecycle lifecycle;
  private SessionLifecycle.Tracker usage;
  private Integer closeCode;
  private String closeReason;
  private final ServerWebSocket socket;
  private final SessionServiceConfig config;
  private final RealtimeJson json;
  private final ProtocolEvents wireEvents;
  private final Engines engines;
  private final String requestedModel;
  private final Runnable onClose;
  private SessionEvents events;
  private ConversationSession conversation; // realtime sessions only
  private SessionConfig session;
  private IngestLink ingest;
  private TranscriptionSession audio;
  private MessageConsumer<BusMessage> inbox;
  private long maxDurationTimer = -1;
  private boolean pausedForCredit;
  private boolean pausedForWrites;
  private boolean closed;
  private Future<Void> released = Future.succeededFuture();

  RealtimeConnection(Vertx vertx, ServerWebSocket socket, SessionServiceConfig config, SessionConfig initial,
      Engines engines, org.voxmesh.protocol.json.Dialect dialect, String requestedModel, SessionLifecycle lifecycle,
      Runnable onClose) {
    this.vertx = vertx;
    this.log = SessionLog.of(RealtimeConnection.class, initial.id());
    this.lifecycle = lifecycle;
    this.requestedModel = requestedModel;
    this.json = RealtimeJson.of(dialect);
    this.socket = socket;
    this.config = config;
    this.session = initial;
    this.engines = engines;
    this.onClose = onClose;
    this.wireEvents = new ProtocolEvents(this::send, true);
    this.events = wireEvents;
  }

  String sessionId() {
    return session.id();
  }

  /** What the client asked for, else the transcription model of a transcription session. */
  private String modelName() {
    if (requestedModel != null) {
      return requestedModel;
    }
    var transcription = session.audioInput().transcription();
    return transcription != null ? transcription.model() : null;
  }

  void start() {
    String inboxAddress = Addresses.sessionInbox(session.id());
    inbox = vertx.eventBus().consumer(inboxAddress, message -> {
      if (!closed && message.body() instanceof SessionInput input) {
        if (input instanceof SessionInput.TranscriptCompleted) {
          usage.transcribed();
        }
        audio.onInput(input);
      }
    });
    ingest = IngestLink.open(vertx, new IngestRequest.Open(session.id(), inboxAddress, IngestSettingsMapper.of(session)),
        config.audioWindow(), config.busTimeoutMs());
    if (session instanceof RealtimeSessionConfig && engines != null) {
      conversation = new ConversationSession(vertx.getOrCreateContext(), engines, this::send, wireEvents,
          () -> (RealtimeSessionConfig) session, () -> session.audioInput().transcription() != null);
      events = conversation;
    }
    audio = new TranscriptionSession(events, ingest, Ids::itemId, IngestSettingsMapper.format(session.audioInput().format()));
    ingest.opened().onFailure(this::pipelineUnavailable);
    ingest.listen(new IngestLink.Listener() {
      @Override
      public void moved(String why) {
        // The client's turn in flight (if any) died with the instance; later audio goes to the new one.
        events.serverError("The session's audio pipeline was moved to another instance (" + why
            + "): audio sent just before was lost, and a turn in progress will not be transcribed.", null);
      }

      @Override
      public void unavailable(Throwable cause) {
        pipelineUnavailable(cause);
      }
    });

    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(this::onBinary);
    socket.exceptionHandler(this::onSocketError);
    socket.closeHandler(v -> cleanUp());
    socket.drainHandler(v -> {
      pausedForWrites = false;
      updateReading();
    });
    maxDurationTimer = vertx.setTimer(config.maxSessionDuration().toMillis(), id -> {
      long minutes = config.maxSessionDuration().toMinutes();
      close((short) 1001, "Your session hit the maximum duration of "
          + (minutes > 0 ? minutes + " minutes." : config.maxSessionDuration().toSeconds() + " seconds."));
    });
    send(SessionCreated.of(session));
    usage = lifecycle.opened(session.id(), session.sessionType(), modelName());
    log.info("session started ({}, {})", session.sessionType(), modelName());
  }

  private void onText(String frame) {
    if (closed) {
      return;
    }
    ParseResult result = json.parse(frame);
    if (result instanceof ParseResult.Failed failed) {
      send(org.voxmesh.protocol.server.ErrorEvent.of(failed.error()));
      return;
    }
    ClientEvent event = ((ParseResult.Parsed) result).event();
    if (event instanceof InputAudioBufferAppend append) {
      onAppend(append);
    } else if (event instanceof SessionUpdate update) {
      onSessionUpdate(update);
    } else if (event instanceof InputAudioBufferCommit commit) {
      audio.commit(commit.eventId());
    } else if (event instanceof InputAudioBufferClear clear) {
      audio.clear(clear.eventId());
    } else if (conversation != null && onConversationEvent(event)) {
      return;
    } else {
      String type = json.names().client().get(event.getClass());
      events.clientError(ErrorCodes.INVALID_VALUE,
          "'" + type + "' is not supported in a " + session.sessionType() + " session on this server.",
          "type", event.eventId());
    }
  }

  private void onSocketError(Throwable err) {
    log.debug("socket error: {}", err.toString());
    // Vert.x drops a message above maxWebSocketMessageSize that passed the frame-size check (it arrived
    // compressed, or in fragments) and keeps the socket open: the client would never learn that its
    // event was not read. Close as for an oversize frame instead.
    if (err instanceof IllegalStateException && String.valueOf(err.getMessage()).contains("max message size")) {
      close((short) 1009, "The message is larger than the server accepts.");
    }
  }

  /** Conversation events of realtime sessions; false when the event is not one of them. */
  private boolean onConversationEvent(ClientEvent event) {
    if (event instanceof ConversationItemCreate create) {
      conversation.createItem(create).ifPresent(item -> transcribe(item));
    } else if (event instanceof ConversationItemRetrieve retrieve) {
      conversation.retrieve(retrieve);
    } else if (event instanceof ConversationItemTruncate truncate) {
      conversation.truncate(truncate);
    } else if (event instanceof ConversationItemDelete delete) {
      conversation.delete(delete);
    } else if (event instanceof ResponseCreate create) {
      conversation.createResponse(create);
    } else if (event instanceof ResponseCancel cancel) {
      conversation.cancelResponse(cancel);
    } else {
      return false;
    }
    return true;
  }

  /** Client-supplied user audio is transcribed like a spoken turn, so the responder can read it. */
  private void transcribe(Item item) {
    for (ContentPart part : ((Item.Message) item).content()) {
      if (part instanceof ContentPart.InputAudio audioPart && audioPart.audio() != null) {
        audio.expectTranscriptFor(item.id());
        ingest.request(new IngestRequest.TranscribeItem(item.id(), audioPart.audio()))
            .onFailure(err -> events.transcriptionFailed(item.id(), "transcription_unavailable", err.getMessage()));
      }
    }
  }

  private void onBinary(Buffer frame) {
    events.clientError(ErrorCodes.INVALID_JSON,
        "Binary frames are not supported: send each event as a JSON object in a text frame.", null, null);
  }

  private void onAppend(InputAudioBufferAppend append) {
    byte[] bytes = append.audio();
    String problem = AudioChecks.problem(bytes, session.audioInput().format(), config.maxAppendBytes());
    if (problem != null) {
      events.clientError(ErrorCodes.INVALID_VALUE, problem, "audio", append.eventId());
      return;
    }
    audio.append(bytes);
    usage.audio(IngestSettingsMapper.format(session.audioInput().format()).durationMs(bytes.length));
    if (!ingest.writable() && !pausedForCredit) {
      pausedForCredit = true;
      updateReading();
      ingest.onWritable(() -> {
        pausedForCredit = false;
        updateReading();
      });
    }
  }

  private void onSessionUpdate(SessionUpdate update) {
    SessionUpdateResult result = SessionUpdates.apply(session, ModelName.withoutRequested(update.session(), requestedModel),
        conversation != null && conversation.producedAudio(), update.eventId());
    if (result instanceof SessionUpdateResult.Rejected rejected) {
      send(org.voxmesh.protocol.server.ErrorEvent.of(rejected.error()));
      return;
    }
    SessionConfig previous = session;
    session = ((SessionUpdateResult.Applied) result).config();
    send(SessionUpdated.of(session));
    if (!IngestSettingsMapper.of(previous).equals(IngestSettingsMapper.of(session))) {
      audio.reconfigure(IngestSettingsMapper.of(session))
          .onFailure(err -> events.serverError("The audio pipeline did not take the new settings: " + err.getMessage(),
              update.eventId()));
    }
  }

  private void pipelineUnavailable(Throwable err) {
    BusFailure kind = BusFailure.of(err);
    String why = BusFailure.isNoHandler(err) ? "no audio-ingest service is running"
        : kind == BusFailure.OVERLOADED ? "the audio-ingest service is at capacity" : err.getMessage();
    events.serverError("The session's audio pipeline could not be opened: " + why + ".", null);
    // 1013 "try again later": the python SDK's reconnect logic treats it as recoverable.
    close((short) 1013, "audio pipeline unavailable");
  }

  private void send(ServerEvent event) {
    if (closed || socket.isClosed()) {
      return;
    }
    // One GA event sequence for both dialects: events the beta shape does not have are skipped.
    json.writeIfEmitted(event).ifPresent(socket::writeTextMessage);
    if (socket.writeQueueFull() && !pausedForWrites) {
      pausedForWrites = true;
      updateReading();
    }
  }

  private void updateReading() {
    if (closed) {
      return;
    }
    if (pausedForCredit || pausedForWrites) {
      socket.pause();
    } else {
      socket.resume();
    }
  }

  /**
   * Closes the socket and ends the session. The future completes once the ingest took the session's
   * close (or the request failed): a draining process waits for it before it leaves the cluster.
   */
  Future<Void> close(short code, String reason) {
    if (closeCode == null) {
      closeCode = (int) code;
      closeReason = reason;
    }
    if (!socket.isClosed()) {
      socket.close(code, reason);
      // Reading may be paused (back-pressure); the client's close reply must still be read, or the
      // connection stays up until the WebSocket closing timeout. Frames after this are ignored.
      socket.resume();
    }
    cleanUp();
    return released;
  }

  private void cleanUp() {
    if (closed) {
      return;
    }
    if (conversation != null) {
      conversation.close();
    }
    closed = true;
    vertx.cancelTimer(maxDurationTimer);
    if (inbox != null) {
      inbox.unregister();
    }
    if (ingest != null) {
      released = ingest.request(new IngestRequest.Close())
          .onFailure(err -> log.debug("ingest close: {}", err.toString()))
          .<Void>mapEmpty().otherwiseEmpty();
    }
    if (closeCode == null && socket.closeStatusCode() != null) {
      closeCode = (int) socket.closeStatusCode();
      closeReason = socket.closeReason();
    }
    if (usage != null) {
      usage.closed(closeCode, closeReason != null ? closeReason : closeCode == null ? "connection lost" : "closed by the client");
    }
    log.info("session ended (close code {})", closeCode == null ? "none" : closeCode);
    onClose.run();
  }
}
