package org.voxmesh.session.conversation;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxmesh.audio.AudioFormat;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.item.ContentPart;
import org.voxmesh.protocol.item.Item;
import org.voxmesh.protocol.item.ItemStatus;
import org.voxmesh.protocol.item.Role;
import org.voxmesh.protocol.response.Response;
import org.voxmesh.protocol.response.ResponsePart;
import org.voxmesh.protocol.response.StatusDetails;
import org.voxmesh.protocol.response.Usage;
import org.voxmesh.protocol.server.ConversationItemAdded;
import org.voxmesh.protocol.server.ConversationItemDone;
import org.voxmesh.protocol.server.RateLimitsUpdated;
import org.voxmesh.protocol.server.ResponseContentPartAdded;
import org.voxmesh.protocol.server.ResponseContentPartDone;
import org.voxmesh.protocol.server.ResponseCreated;
import org.voxmesh.protocol.server.ResponseDone;
import org.voxmesh.protocol.server.ResponseFunctionCallArgumentsDelta;
import org.voxmesh.protocol.server.ResponseFunctionCallArgumentsDone;
import org.voxmesh.protocol.server.ResponseOutputAudioDelta;
import org.voxmesh.protocol.server.ResponseOutputAudioDone;
import org.voxmesh.protocol.server.ResponseOutputAudioTranscriptDelta;
import org.voxmesh.protocol.server.ResponseOutputAudioTranscriptDone;
import org.voxmesh.protocol.server.ResponseOutputItemAdded;
import org.voxmesh.protocol.server.ResponseOutputItemDone;
import org.voxmesh.protocol.server.ResponseOutputTextDelta;
import org.voxmesh.protocol.server.ResponseOutputTextDone;
import org.voxmesh.protocol.server.ServerEvent;
import org.voxmesh.speech.responder.ResponseChunk;
import org.voxmesh.speech.responder.ResponseRequest;
import org.voxmesh.speech.responder.ResponseStream;
import org.voxmesh.speech.tts.SentenceSplitter;
import org.voxmesh.speech.tts.SynthesisRequest;
import org.voxmesh.speech.tts.SynthesisStream;

/**
 * One response, from {@code response.created} to {@code response.done}: pulls the responder's
 * chunks on a worker, turns them into output items and their events, and — for audio output —
 * speaks each finished sentence while the reply is still being written, so the first audio does
 * not wait for the whole text. Every event is emitted on the session's context; every engine call
 * runs on the engines' worker pool.
 *
 * <p>Whatever ends the response (done, cancel, failure), every opened part and item is closed
 * before the one {@code response.done}.
 */
final class ResponseRun {

  private static final Logger log = LoggerFactory.getLogger(ResponseRun.class);
  /** Assistant audio kept per item for conversation.item.retrieve (about 2 minutes of 24 kHz PCM16). */
  static final int MAX_KEPT_AUDIO_BYTES = 6 * 1024 * 1024;

  private final Context context;
  private final Engines engines;
  private final Consumer<ServerEvent> out;
  private final Conversation conversation; // null for out-of-band responses
  private final Consumer<ResponseRun> onFinished;
  private final boolean speak;
  private final AudioFormat outputFormat;
  private final String voice;
  private final double speed;
  private Response response;

  private final List<Item> output = new ArrayList<>();
  private final Map<String, Call> calls = new LinkedHashMap<>();
  private Message message;
  private ResponseStream stream;
  private volatile SynthesisStream speaking;
  private Future<Void> speech = Future.succeededFuture();
  private SentenceSplitter sentences;
  private OutputAudioEncoder encoder;
  private boolean finished;
  private ResponseChunk.Usage usage;

  ResponseRun(Context context, Engines engines, Consumer<ServerEvent> out, Conversation conversation, Response response,
      AudioFormat outputFormat, String voice, double speed, Consumer<ResponseRun> onFinished) {
    this.context = context;
    this.engines = engines;
    this.out = out;
    this.conversation = conversation;
    this.response = response;
    this.speak = response.outputModalities().stream().anyMatch(m -> m.wire().equals("audio"));
    this.outputFormat = outputFormat;
    this.voice = voice;
    this.speed = speed;
    this.onFinished = onFinished;
  }

  String id() {
    return response.id();
  }

  boolean outOfBand() {
    return conversation == null;
  }

  /** Emits {@code response.created}; the engine starts once {@link #start} gets its request. */
  void announce() {
    out.accept(ResponseCreated.of(response));
  }

  void start(ResponseRequest request) {
    if (finished) {
      return;
    }
    engines.workers().executeBlocking(() -> engines.responder().respond(request), false).onComplete(ar -> {
      if (ar.failed()) {
        fail("responder_unavailable", ar.cause());
      } else if (finished) {
        ar.result().close();
      } else {
        stream = ar.result();
        pull();
      }
    });
  }

  /** The assistant audio item being spoken and how much audio was sent, for truncation on barge-in. */
  record SpokenAudio(String itemId, long audioMs) {}

  /**
   * Stops the response now ({@code reason}: turn_detected or client_cancelled), closing what is open.
   *
   * @return the audio item that was being spoken, if any
   */
  SpokenAudio cancel(StatusDetails.Reason reason) {
    if (finished) {
      return null;
    }
    stopEngines();
    SpokenAudio spoken = message != null && speak ? new SpokenAudio(message.itemId, message.sentMs()) : null;
    closeOpenItems(ItemStatus.INCOMPLETE);
    finish(response.cancelled(reason, output, usage()));
    return spoken;
  }

  private void pull() {
    engines.workers().executeBlocking(stream::next, false).onComplete(ar -> {
      if (finished) {
        return;
      }
      if (ar.failed()) {
        fail("responder_error", ar.cause());
        return;
      }
      ResponseChunk chunk = ar.result();
      if (chunk == null) {
        onDone(null);
        return;
      }
      if (chunk instanceof ResponseChunk.TextDelta text) {
        onText(text.text());
      } else if (chunk instanceof ResponseChunk.FunctionCallDelta delta) {
        call(delta.callId(), delta.name()).onDelta(delta.argumentsDelta());
      } else if (chunk instanceof ResponseChunk.FunctionCallDone done) {
        call(done.callId(), done.name()).onDone(done.name(), done.arguments());
      } else if (chunk instanceof ResponseChunk.Done done) {
        onDone(done);
        return;
      }
      pull();
    });
  }

  private void onText(String delta) {
    if (message == null) {
      message = new Message(nextIndex());
    }
    message.append(delta);
    if (speak) {
      for (String sentence : sentences.offer(delta)) {
        say(sentence);
      }
    }
  }

  private void onDone(ResponseChunk.Done done) {
    usage = done == null ? null : done.usage();
    if (speak && sentences != null) {
      String rest = sentences.flush();
      if (rest != null && !rest.isBlank()) {
        say(rest);
      }
    }
    // The reply is written; the response ends once its last sentence was spoken.
    speech.onComplete(ar -> {
      if (finished) {
        return;
      }
      closeOpenItems(ItemStatus.COMPLETED);
      boolean truncated = done != null && ResponseChunk.Done.LENGTH.equals(done.finishReason());
      finish(truncated ? response.incomplete(StatusDetails.Reason.MAX_OUTPUT_TOKENS, output, usage())
          : response.completed(output, usage()));
    });
  }

  private void fail(String code, Throwable cause) {
    if (finished) {
      return;
    }
    log.warn("response {} failed: {}", response.id(), cause.toString());
    stopEngines();
    closeOpenItems(ItemStatus.INCOMPLETE);
    finish(response.failed(new StatusDetails.Error("server_error", code, String.valueOf(cause.getMessage())), output, usage()));
  }

  private void finish(Response done) {
    finished = true;
    response = done;
    out.accept(ResponseDone.of(done));
    out.accept(RateLimitsUpdated.of());
    onFinished.accept(this);
  }

  private void stopEngines() {
    if (stream != null) {
      stream.cancel();
      ResponseStream s = stream;
      engines.workers().executeBlocking(() -> {
        s.close();
        return null;
      }, false);
    }
    SynthesisStream tts = speaking;
    if (tts != null) {
      tts.cancel();
    }
  }

  /** Speaks one sentence after the ones before it; synthesis and encoding run on a worker. */
  private void say(String sentence) {
    if (engines.synthesizer() == null) {
      return; // no speech engine configured: the transcript deltas still carry the reply
    }
    Message target = message;
    speech = speech.compose(v -> finished ? Future.<Void>succeededFuture() : engines.workers().<Void>executeBlocking(() -> {
      long asked = System.nanoTime();
      try (SynthesisStream tts = engines.synthesizer().synthesize(new SynthesisRequest(sentence, voice, speed))) {
        speaking = tts;
        if (encoder == null) {
          encoder = new OutputAudioEncoder(engines.synthesizer().sampleRate(), outputFormat);
        }
        short[] first = tts.next();
        if (first != null) {
          engines.speechLatency().record(System.nanoTime() - asked, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        for (short[] pcm = first; pcm != null && !finished; pcm = tts.next()) {
          byte[] bytes = encoder.encode(pcm);
          if (bytes.length > 0) {
            context.runOnContext(x -> target.audio(bytes));
          }
        }
        speaking = null;
      }
      return null;
    }, false)).recover(err -> {
      log.warn("response {}: speech synthesis failed: {}", response.id(), err.toString());
      return Future.succeededFuture();
    });
  }

  private int nextIndex() {
    output.add(null);
    return output.size() - 1;
  }

  private void closeOpenItems(ItemStatus status) {
    if (message != null && !message.closed) {
      message.close(status);
    }
    for (Call call : calls.values()) {
      if (!call.closed) {
        call.close(status, call.name, call.arguments.toString());
      }
    }
    output.removeIf(java.util.Objects::isNull);
  }

  private Usage usage() {
    int outputAudio = message != null && speak && encoder != null ? (int) (encoder.durationMs(message.audioBytes) / 50) : 0;
    if (usage == null) {
      return Usage.of(0, 0, 0, outputAudio);
    }
    return Usage.of(usage.inputTokens(), 0, usage.outputTokens(), outputAudio);
  }

  private void added(Item item) {
    if (conversation != null) {
      Conversation.Entry entry = conversation.insert(item, null).orElseThrow();
      out.accept(ConversationItemAdded.of(entry.previousItemId(), item));
    }
  }

  private void done(Item item) {
    if (conversation != null) {
      conversation.replace(item);
      out.accept(ConversationItemDone.of(conversation.previousOf(item.id()), item));
    }
  }

  private Call call(String callId, String name) {
    return calls.computeIfAbsent(callId, id -> new Call(nextIndex(), id, name));
  }

  /** The assistant message being written (and spoken). */
  private final class Message {
    final String itemId = Ids.itemId();
    final int index;
    final StringBuilder text = new StringBuilder();
    final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    long audioBytes;
    boolean closed;

    Message(int index) {
      this.index = index;
      Item item = new Item.Message(itemId, null, ItemStatus.IN_PROGRESS, Role.ASSISTANT, List.of());
      output.set(index, item);
      out.accept(ResponseOutputItemAdded.of(response.id(), index, item));
      added(item);
      if (speak) {
        sentences = new SentenceSplitter();
      }
      out.accept(ResponseContentPartAdded.of(response.id(), itemId, index, 0, speak ? ResponsePart.audio() : ResponsePart.text()));
    }

    void append(String delta) {
      text.append(delta);
      out.accept(speak ? ResponseOutputAudioTranscriptDelta.of(response.id(), itemId, index, 0, delta)
          : ResponseOutputTextDelta.of(response.id(), itemId, index, 0, delta));
    }

    void audio(byte[] bytes) {
      if (finished || closed) {
        return;
      }
      audioBytes += bytes.length;
      if (audio.size() + bytes.length <= MAX_KEPT_AUDIO_BYTES) {
        audio.writeBytes(bytes);
      }
      out.accept(ResponseOutputAudioDelta.of(response.id(), itemId, index, 0, bytes));
    }

    /**
     * The audio actually sent. On a WebSocket the server cannot know what was played; the client's own
     * truncate (agents-js sends one) then cuts further, and never beyond what it received.
     */
    long sentMs() {
      return audioBytes == 0 || encoder == null ? 0 : encoder.durationMs(audioBytes);
    }

    void close(ItemStatus status) {
      closed = true;
      String content = text.toString();
      ContentPart part;
      if (speak) {
        out.accept(ResponseOutputAudioDone.of(response.id(), itemId, index, 0));
        out.accept(ResponseOutputAudioTranscriptDone.of(response.id(), itemId, index, 0, content));
        out.accept(ResponseContentPartDone.of(response.id(), itemId, index, 0, new ResponsePart.Audio(content)));
        part = new ContentPart.OutputAudio(audio.toByteArray(), content);
      } else {
        out.accept(ResponseOutputTextDone.of(response.id(), itemId, index, 0, content));
        out.accept(ResponseContentPartDone.of(response.id(), itemId, index, 0, new ResponsePart.Text(content)));
        part = new ContentPart.OutputText(content);
      }
      Item item = new Item.Message(itemId, null, status, Role.ASSISTANT, List.of(part));
      output.set(index, item);
      out.accept(ResponseOutputItemDone.of(response.id(), index, item));
      done(item);
    }
  }

  /** A function call being written. */
  private final class Call {
    final String itemId = Ids.itemId();
    final int index;
    final String callId;
    String name;
    final StringBuilder arguments = new StringBuilder();
    boolean closed;

    Call(int index, String callId, String name) {
      this.index = index;
      this.callId = callId;
      this.name = name;
      Item item = new Item.FunctionCall(itemId, null, ItemStatus.IN_PROGRESS, callId, name, "");
      output.set(index, item);
      out.accept(ResponseOutputItemAdded.of(response.id(), index, item));
      added(item);
    }

    void onDelta(String delta) {
      if (delta != null && !delta.isEmpty()) {
        arguments.append(delta);
        out.accept(ResponseFunctionCallArgumentsDelta.of(response.id(), itemId, index, callId, delta));
      }
    }

    void onDone(String finalName, String finalArguments) {
      close(ItemStatus.COMPLETED, finalName != null ? finalName : name, finalArguments != null ? finalArguments : arguments.toString());
    }

    void close(ItemStatus status, String finalName, String finalArguments) {
      closed = true;
      name = finalName;
      out.accept(ResponseFunctionCallArgumentsDone.of(response.id(), itemId, index, callId, finalName, finalArguments));
      Item item = new Item.FunctionCall(itemId, null, status, callId, finalName, finalArguments);
      output.set(index, item);
      out.accept(ResponseOutputItemDone.of(response.id(), index, item));
      done(item);
    }
  }
}
