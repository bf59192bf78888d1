package org.voxmesh.session.conversation;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.voxmesh.protocol.client.ConversationItemCreate;
import org.voxmesh.protocol.client.ConversationItemDelete;
import org.voxmesh.protocol.client.ConversationItemRetrieve;
import org.voxmesh.protocol.client.ConversationItemTruncate;
import org.voxmesh.protocol.client.ResponseCancel;
import org.voxmesh.protocol.client.ResponseCreate;
import org.voxmesh.protocol.client.ResponseCreateParams;
import org.voxmesh.protocol.error.ErrorCodes;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.item.ContentPart;
import org.voxmesh.protocol.item.Item;
import org.voxmesh.protocol.item.Role;
import org.voxmesh.protocol.response.Response;
import org.voxmesh.protocol.response.StatusDetails;
import org.voxmesh.protocol.server.ConversationItemAdded;
import org.voxmesh.protocol.server.ConversationItemDeleted;
import org.voxmesh.protocol.server.ConversationItemDone;
import org.voxmesh.protocol.server.ConversationItemRetrieved;
import org.voxmesh.protocol.server.ConversationItemTruncated;
import org.voxmesh.protocol.server.ServerEvent;
import org.voxmesh.protocol.session.AudioFormatSpec;
import org.voxmesh.protocol.session.RealtimeSessionConfig;
import org.voxmesh.protocol.session.TurnDetection;
import org.voxmesh.speech.responder.ResponseRequest;
import org.voxmesh.session.actor.SessionEvents;

/**
 * The conversation half of a {@code realtime} session: the default conversation, client item
 * events, responses (at most one in the default conversation; out-of-band ones may overlap),
 * automatic responses after a server-VAD turn, and barge-in. It sits between the audio side and the
 * wire: audio-side happenings pass through it ({@link SessionEvents}) so committed turns join the
 * conversation and transcripts fill in their items. Runs on the connection's context only.
 */
public final class ConversationSession implements SessionEvents {

  static final int MAX_ITEMS = 500;

  private final Context context;
  private final Engines engines;
  private final Consumer<ServerEvent> out;
  private final SessionEvents wire;
  private final Supplier<RealtimeSessionConfig> config;
  private final Supplier<Boolean> emitTranscription;
  private final Conversation conversation = new Conversation(MAX_ITEMS);
  private final String conversationId = Ids.conversationId();
  private final Map<String, Promise<Void>> awaitedTranscripts = new HashMap<>();
  private final List<ResponseRun> outOfBand = new ArrayList<>();
  private ResponseRun active;
  private boolean turnEndedBySpeech;
  private boolean idleTurn; // the next commit is the silence of an idle timeout: nothing to transcribe
  private boolean producedAudio;

  /**
   * @param wire maps audio-side happenings onto protocol events
   * @param emitTranscription whether the client asked for input transcription (the session always
   *     transcribes internally, because the responder reads text)
   */
  public ConversationSession(Context context, Engines engines, Consumer<ServerEvent> out, SessionEvents wire,
      Supplier<RealtimeSessionConfig> config, Supplier<Boolean> emitTranscription) {
    this.context = context;
    this.engines = engines;
    this.out = out;
    this.wire = wire;
    this.config = config;
    this.emitTranscription = emitTranscription;
  }

  /** True once the session produced audio output (its voice can no longer change). */
  public boolean producedAudio() {
    return producedAudio;
  }

  // ---- audio side ------------------------------------------------------------------------------

  @Override
  public void speechStarted(String itemId, long audioStartMs) {
    wire.speechStarted(itemId, audioStartMs);
    TurnDetection detection = config.get().audioInput().turnDetection();
    if (active != null && detection != null && detection.interruptsResponse()) {
      ResponseRun.SpokenAudio spoken = active.cancel(StatusDetails.Reason.TURN_DETECTED);
      if (spoken != null) {
        truncateAudio(spoken.itemId(), spoken.audioMs());
        out.accept(ConversationItemTruncated.of(spoken.itemId(), 0, spoken.audioMs()));
      }
    }
  }

  @Override
  public void speechStopped(String itemId, long audioEndMs) {
    turnEndedBySpeech = true;
    wire.speechStopped(itemId, audioEndMs);
  }

  @Override
  public void committed(String itemId, String previousItemId) {
    Item item = Item.Message.userAudio(itemId);
    String previous = conversation.insert(item, null).orElseThrow().previousItemId();
    if (!idleTurn) {
      awaitedTranscripts.put(itemId, Promise.promise());
    }
    idleTurn = false;
    wire.committed(itemId, previous);
    boolean bySpeech = turnEndedBySpeech;
    turnEndedBySpeech = false;
    TurnDetection detection = config.get().audioInput().turnDetection();
    if (bySpeech && detection != null && detection.createsResponse() && active == null) {
      startResponse(null, null);
    }
  }

  @Override
  public void cleared() {
    wire.cleared();
  }

  @Override
  public void idleTimeout(String itemId, long audioStartMs, long audioEndMs) {
    wire.idleTimeout(itemId, audioStartMs, audioEndMs);
    idleTurn = true;
    turnEndedBySpeech = true; // the committed silence gets a response, as after a spoken turn
  }

  @Override
  public void transcriptionDelta(String itemId, String delta) {
    if (emitTranscription.get()) {
      wire.transcriptionDelta(itemId, delta);
    }
  }

  @Override
  public void transcriptionCompleted(String itemId, String transcript, double audioSeconds) {
    conversation.find(itemId).ifPresent(item -> {
      if (item instanceof Item.Message m) {
        conversation.replace(withTranscript(m, transcript));
      }
    });
    if (emitTranscription.get()) {
      wire.transcriptionCompleted(itemId, transcript, audioSeconds);
    }
    transcriptArrived(itemId);
  }

  @Override
  public void transcriptionFailed(String itemId, String code, String message) {
    if (emitTranscription.get()) {
      wire.transcriptionFailed(itemId, code, message);
    }
    transcriptArrived(itemId);
  }

  @Override
  public void clientError(String code, String message, String param, String clientEventId) {
    wire.clientError(code, message, param, clientEventId);
  }

  @Override
  public void serverError(String message, String clientEventId) {
    wire.serverError(message, clientEventId);
  }

  // ---- client events ---------------------------------------------------------------------------

  /** {@code conversation.item.create}; returns the created item when its audio needs transcribing. */
  public Optional<Item> createItem(ConversationItemCreate event) {
    Item item = event.item();
    if (item instanceof Item.Reference) {
      clientError(ErrorCodes.INVALID_VALUE, "Item references are only allowed in response.input.", "item.type", event.eventId());
      return Optional.empty();
    }
    if (item instanceof Item.Message m && m.status() == null) {
      item = new Item.Message(m.id(), m.object(), org.voxmesh.protocol.item.ItemStatus.COMPLETED, m.role(), m.content());
    }
    if (item.id() == null) {
      item = item.withId(Ids.itemId());
    } else if (conversation.contains(item.id())) {
      clientError(ErrorCodes.INVALID_VALUE, "Item with id '" + item.id() + "' already exists in the conversation.",
          "item.id", event.eventId());
      return Optional.empty();
    }
    String problem = contentProblem(item);
    if (problem != null) {
      clientError(ErrorCodes.INVALID_VALUE, problem, "item.content", event.eventId());
      return Optional.empty();
    }
    if (item instanceof Item.FunctionCallOutput output && conversation.items().stream()
        .noneMatch(i -> i instanceof Item.FunctionCall call && call.callId().equals(output.callId()))) {
      clientError(ErrorCodes.INVALID_VALUE, "Invalid 'item.call_id': no function call with call_id '" + output.callId()
          + "' exists in the conversation.", "item.call_id", event.eventId());
      return Optional.empty();
    }
    Optional<Conversation.Entry> entry = conversation.insert(item, event.previousItemId());
    if (entry.isEmpty()) {
      clientError(ErrorCodes.INVALID_VALUE, "Invalid 'previous_item_id': no item with id '" + event.previousItemId()
          + "' exists in the conversation.", "previous_item_id", event.eventId());
      return Optional.empty();
    }
    Item shown = item.withoutAudio();
    out.accept(ConversationItemAdded.of(entry.get().previousItemId(), shown));
    out.accept(ConversationItemDone.of(entry.get().previousItemId(), shown));
    if (hasUntranscribedAudio(item)) {
      awaitedTranscripts.put(item.id(), Promise.promise());
      return Optional.of(item);
    }
    return Optional.empty();
  }

  public void retrieve(ConversationItemRetrieve event) {
    conversation.find(event.itemId()).ifPresentOrElse(
        item -> out.accept(ConversationItemRetrieved.of(item)),
        () -> notFound(event.itemId(), event.eventId()));
  }

  public void truncate(ConversationItemTruncate event) {
    Optional<Item> found = conversation.find(event.itemId());
    if (found.isEmpty()) {
      notFound(event.itemId(), event.eventId());
      return;
    }
    int contentIndex = event.contentIndex() == null ? 0 : event.contentIndex();
    if (!(found.get() instanceof Item.Message m) || m.role() != Role.ASSISTANT || contentIndex >= m.content().size()
        || !(m.content().get(contentIndex) instanceof ContentPart.OutputAudio audio)) {
      clientError(ErrorCodes.INVALID_VALUE, "Only model output audio messages can be truncated.", "item_id", event.eventId());
      return;
    }
    long endMs = event.audioEndMs() == null ? 0 : event.audioEndMs();
    long lengthMs = audio.audio() == null ? 0 : outputFormat().durationMs(audio.audio().length);
    if (endMs > lengthMs) {
      clientError(ErrorCodes.INVALID_VALUE, "Audio content of " + lengthMs + "ms is already shorter than " + endMs + "ms",
          "audio_end_ms", event.eventId());
      return;
    }
    truncateAudio(m.id(), endMs);
    out.accept(ConversationItemTruncated.of(m.id(), contentIndex, endMs));
  }

  public void delete(ConversationItemDelete event) {
    if (conversation.delete(event.itemId())) {
      out.accept(ConversationItemDeleted.of(event.itemId()));
    } else {
      notFound(event.itemId(), event.eventId());
    }
  }

  public void createResponse(ResponseCreate event) {
    ResponseCreateParams params = event.response();
    boolean outOfBandRequest = params != null && params.outOfBand();
    if (!outOfBandRequest && active != null) {
      clientError(ErrorCodes.CONVERSATION_ALREADY_HAS_ACTIVE_RESPONSE, "Conversation already has an active response in progress: "
          + active.id() + ". Wait until the response is finished before creating a new one.", null, event.eventId());
      return;
    }
    List<Item> context = null; // the live conversation, read when the response starts (transcripts may still arrive)
    if (params != null && params.input() != null) {
      context = new ArrayList<>();
      for (Item item : params.input()) {
        if (item instanceof Item.Reference ref) {
          Optional<Item> found = conversation.find(ref.id());
          if (found.isEmpty()) {
            notFound(ref.id(), event.eventId());
            return;
          }
          context.add(found.get());
        } else {
          context.add(item);
        }
      }
    }
    startResponse(params, context);
  }

  public void cancelResponse(ResponseCancel event) {
    ResponseRun target = active;
    if (event.responseId() != null) {
      target = active != null && active.id().equals(event.responseId()) ? active
          : outOfBand.stream().filter(r -> r.id().equals(event.responseId())).findFirst().orElse(null);
    }
    if (target == null) {
      clientError(ErrorCodes.RESPONSE_CANCEL_NOT_ACTIVE, "Cancellation failed: no active response found", null, event.eventId());
      return;
    }
    target.cancel(StatusDetails.Reason.CLIENT_CANCELLED);
  }

  /** Ends every running response (the session is closing). */
  public void close() {
    if (active != null) {
      active.cancel(StatusDetails.Reason.CLIENT_CANCELLED);
    }
    new ArrayList<>(outOfBand).forEach(r -> r.cancel(StatusDetails.Reason.CLIENT_CANCELLED));
  }

  // ---- responses -------------------------------------------------------------------------------

  private void startResponse(ResponseCreateParams params, List<Item> contextItems) {
    RealtimeSessionConfig session = config.get();
    Response response = Response.inProgress(Ids.responseId(), conversationId, session, params);
    boolean outOfBandResponse = response.outOfBand();
    AudioFormatSpec format = response.audio().output().format();
    double speed = session.audio().output().speed() == null ? 1.0 : session.audio().output().speed();
    ResponseRun run = new ResponseRun(context, engines, out, outOfBandResponse ? null : conversation, response,
        org.voxmesh.session.ws.AudioFormats.of(format), response.audio().output().voice(), speed, this::finished);
    if (outOfBandResponse) {
      outOfBand.add(run);
    } else {
      active = run;
    }
    if (response.outputModalities().stream().anyMatch(m -> m.wire().equals("audio"))) {
      producedAudio = true;
    }
    run.announce();
    List<Item> items = contextItems != null ? contextItems : conversation.items();
    // The responder reads text: wait (bounded) for the transcripts of the user audio it will see.
    List<Future<Void>> waits = new ArrayList<>();
    for (Item item : items) {
      Promise<Void> pending = awaitedTranscripts.get(item.id());
      if (pending != null) {
        waits.add(pending.future());
      }
    }
    Promise<Void> ready = Promise.promise();
    long timer = this.context.owner().setTimer(engines.transcriptWaitMs(), id -> ready.tryComplete());
    Future.join(waits).onComplete(ar -> {
      this.context.owner().cancelTimer(timer);
      ready.tryComplete();
    });
    // A transcript that misses this wait is not waited for again by later responses.
    ready.future().onComplete(ar -> items.forEach(item -> {
      Promise<Void> pending = awaitedTranscripts.get(item.id());
      if (pending != null && !pending.future().isComplete()) {
        awaitedTranscripts.remove(item.id());
      }
    }));
    ready.future().onComplete(ar -> run.start(request(session, params,
        contextItems != null ? contextItems : conversation.items())));
  }

  private ResponseRequest request(RealtimeSessionConfig session, ResponseCreateParams params, List<Item> items) {
    String instructions = params != null && params.instructions() != null ? params.instructions() : session.instructions();
    var tools = params != null && params.tools() != null ? params.tools() : session.tools();
    var toolChoice = params != null && params.toolChoice() != null ? params.toolChoice() : session.toolChoice();
    var maxTokens = params != null && params.maxOutputTokens() != null ? params.maxOutputTokens() : session.maxOutputTokens();
    return ResponseRequest.builder()
        .instructions(instructions)
        .conversation(ResponderInput.turns(items))
        .tools(ResponderInput.tools(tools))
        .toolChoice(ResponderInput.toolChoice(toolChoice))
        .maxOutputTokens(maxTokens == null ? null : maxTokens.limit())
        .metadata(params == null ? null : params.metadata())
        .build();
  }

  private void finished(ResponseRun run) {
    if (run == active) {
      active = null;
    }
    outOfBand.remove(run);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private void transcriptArrived(String itemId) {
    Promise<Void> pending = awaitedTranscripts.remove(itemId);
    if (pending != null) {
      pending.tryComplete();
    }
  }

  private void truncateAudio(String itemId, long endMs) {
    conversation.find(itemId).ifPresent(item -> {
      if (item instanceof Item.Message m && !m.content().isEmpty() && m.content().get(0) instanceof ContentPart.OutputAudio a
          && a.audio() != null) {
        int keep = (int) Math.min(a.audio().length, outputFormat().bytesFor(endMs));
        // The transcript goes (REALTIME_PROTOCOL §6), so the responder does not believe the user heard unplayed text.
        conversation.replace(new Item.Message(m.id(), m.object(), m.status(), m.role(),
            List.of(new ContentPart.OutputAudio(java.util.Arrays.copyOf(a.audio(), keep), ""))));
      }
    });
  }

  private org.voxmesh.audio.AudioFormat outputFormat() {
    return org.voxmesh.session.ws.AudioFormats.of(config.get().audio().output().format());
  }

  private void notFound(String itemId, String eventId) {
    clientError(ErrorCodes.INVALID_VALUE, "Item with item_id not found: " + itemId, "item_id", eventId);
  }

  private static Item.Message withTranscript(Item.Message m, String transcript) {
    List<ContentPart> parts = new ArrayList<>();
    for (ContentPart part : m.content()) {
      parts.add(part instanceof ContentPart.InputAudio a ? new ContentPart.InputAudio(a.audio(), transcript) : part);
    }
    return new Item.Message(m.id(), m.object(), m.status(), m.role(), parts);
  }

  private static boolean hasUntranscribedAudio(Item item) {
    return item instanceof Item.Message m && m.content().stream()
        .anyMatch(p -> p instanceof ContentPart.InputAudio a && a.audio() != null && a.transcript() == null);
  }

  /** Role/content combinations the API refuses, or null when the item is fine. */
  private static String contentProblem(Item item) {
    if (!(item instanceof Item.Message m)) {
      return null;
    }
    for (ContentPart part : m.content()) {
      boolean ok = switch (m.role()) {
        case USER -> part instanceof ContentPart.InputText || part instanceof ContentPart.InputAudio
            || part instanceof ContentPart.InputImage;
        case SYSTEM -> part instanceof ContentPart.InputText;
        // Assistant audio can only come from a response; clients may add assistant text.
        case ASSISTANT -> part instanceof ContentPart.OutputText;
      };
      if (!ok) {
        return "A " + m.role().wire() + " message cannot contain content of type '" + partType(part) + "'.";
      }
    }
    return null;
  }

  private static String partType(ContentPart part) {
    String simple = part.getClass().getSimpleName();
    return simple.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
