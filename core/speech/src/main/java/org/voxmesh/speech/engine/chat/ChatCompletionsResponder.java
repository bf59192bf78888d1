package org.voxmesh.speech.engine.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.Timeout;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import com.openai.models.completions.CompletionUsage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import org.voxmesh.speech.responder.Responder;
import org.voxmesh.speech.responder.ResponderOverloadedException;
import org.voxmesh.speech.responder.ResponseChunk;
import org.voxmesh.speech.responder.ResponseChunk.Done;
import org.voxmesh.speech.responder.ResponseChunk.FunctionCallDelta;
import org.voxmesh.speech.responder.ResponseChunk.FunctionCallDone;
import org.voxmesh.speech.responder.ResponseChunk.TextDelta;
import org.voxmesh.speech.responder.ResponseChunk.Usage;
import org.voxmesh.speech.responder.ResponseRequest;
import org.voxmesh.speech.responder.ResponseStream;
import org.voxmesh.speech.responder.TokenEstimate;
import org.voxmesh.speech.responder.Tool;
import org.voxmesh.speech.responder.ToolChoice;
import org.voxmesh.speech.responder.Turn;

/**
 * Responses from an OpenAI-compatible Chat Completions server (vLLM, llama.cpp's llama-server,
 * Ollama, OpenAI, ...), through the official {@code com.openai:openai-java} client: one streamed
 * {@code POST {baseUrl}/chat/completions} per response, with {@code stream: true} and {@code
 * stream_options: {"include_usage": true}}.
 *
 * <p><b>Request.</b> The instructions become the first {@code system} message; then, in order:
 * {@link Turn.SystemText} → {@code system}; consecutive user turns → one {@code user} message
 * (plain text content, joined by newlines, or — when an image is among them — an array of {@code
 * text} and {@code image_url} parts in order; audio turns contribute their transcript, an
 * untranscribed one nothing, and a user message with nothing in it is left out); {@link
 * Turn.AssistantText}s and the {@link Turn.FunctionCall}s right after them → one {@code assistant}
 * message with {@code content} and {@code tool_calls} ({@code {id, type:"function", function:{name,
 * arguments}}}); {@link Turn.FunctionCallOutput} → a {@code tool} message with {@code
 * tool_call_id}. Tools become {@code {type:"function", function:{name, description, parameters}}};
 * {@code tool_choice} is sent only when there are tools ({@code "auto"}, {@code "none"}, {@code
 * "required"} or {@code {type:"function", function:{name}}}); {@code maxOutputTokens} becomes
 * {@code max_tokens} (the field every compatible server knows; OpenAI's reasoning models want
 * {@code max_completion_tokens} instead); {@code temperature} passes through; metadata is not sent.
 *
 * <p><b>Stream.</b> {@code delta.content} (and {@code delta.refusal}) → {@link TextDelta}; {@code
 * delta.tool_calls[]} fragments are gathered by {@code index}: the first fragment that names the
 * function yields an empty {@link FunctionCallDelta} announcing the call (with the upstream's
 * {@code id}, or a generated {@code call_...} when it sent none), every arguments fragment a {@link
 * FunctionCallDelta}, and when the choice finishes (or the stream ends) each call a {@link
 * FunctionCallDone} with its whole arguments. The final {@link Done} carries the upstream's {@code
 * finish_reason} and the {@code usage} of the last chunk (cached tokens from {@code
 * prompt_tokens_details}); a server that reports no usage gets {@link TokenEstimate} counts, marked
 * estimated.
 *
 * <p><b>Timing and failures.</b> {@link #respond} builds the request but does no I/O; the HTTP
 * request starts on the stream's first {@link ResponseStream#next()}. A non-2xx answer, an
 * unreachable server, a stall longer than the timeout, or a stream that breaks off before a {@code
 * finish_reason} throws {@link UpstreamResponderException} (with the HTTP status and the upstream's
 * error message) from {@code next()}. No retries: the caller decides. {@link
 * ResponseStream#cancel()} cancels the HTTP call, which closes its connection at once (the server
 * sees the client go away and stops generating); the blocked or next {@code next()} then returns
 * {@link Done#CANCELLED} with estimated usage.
 *
 * <p>At most {@link ChatCompletionsConfig#maxConcurrent()} responses stream at once; {@link
 * #respond} throws {@link ResponderOverloadedException} beyond. Thread-safe.
 */
public final class ChatCompletionsResponder implements Responder {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** The stream whose HTTP call the calling thread is about to make (see {@link #intercept}). */
  private static final ThreadLocal<Stream> STARTING = new ThreadLocal<>();

  private static final long ERROR_BODY_BYTES = 64 * 1024;
  private static final AtomicBoolean WARMED_UP = new AtomicBoolean();
  private static final String WARM_UP_CHUNK =
      """
      {"id":"c","object":"chat.completion.chunk","created":0,"model":"m",
       "choices":[{"index":0,"finish_reason":"stop","delta":{"content":"x","tool_calls":[
         {"index":0,"id":"call_0","type":"function","function":{"name":"f","arguments":"{}"}}]}}],
       "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,
                "prompt_tokens_details":{"cached_tokens":0}}}
      """;

  private final ChatCompletionsConfig config;
  private final OpenAIClient client;
  private final Semaphore permits;
  private volatile boolean closed;

  public ChatCompletionsResponder(ChatCompletionsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    Duration t = config.timeout();
    this.client =
        OpenAIOkHttpClient.builder()
            .baseUrl(config.baseUrl())
            // openai-java insists on a credential; without a key the interceptor drops the header
            .apiKey(config.apiKey() != null ? config.apiKey() : "no-key")
            .addInterceptor(this::intercept)
            .maxRetries(0)
            .disableTelemetry(true) // no X-Stainless-OS/-Arch/-Runtime headers to the upstream
            .timeout(Timeout.builder().connect(t).read(t).write(t).request(Duration.ZERO).build())
            .build();
    this.permits = new Semaphore(config.maxConcurrent());
    warmUpInBackground();
  }

  /**
   * openai-java's first request in a JVM spends seconds loading and introspecting its model classes
   * (measured here: ~3–4 s for the first serialization and chunk parse, ~30 ms afterwards). A
   * daemon thread does that once per JVM when the first responder is built, so the first caller
   * does not wait for it (class initialisation is thread-safe: a request racing the warm-up just
   * shares the work).
   */
  private void warmUpInBackground() {
    if (!WARMED_UP.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                ResponseRequest sample =
                    ResponseRequest.builder()
                        .instructions("i")
                        .add(new Turn.UserText("u"))
                        .add(new Turn.UserImage("data:image/png;base64,AA==", "image/png", "low"))
                        .add(new Turn.AssistantText("a"))
                        .add(new Turn.FunctionCall("call_0", "f", "{}"))
                        .add(new Turn.FunctionCallOutput("call_0", "o"))
                        .addTool(new Tool("f", "d", null))
                        .toolChoice(ToolChoice.function("f"))
                        .maxOutputTokens(1)
                        .temperature(0.5)
                        .build();
                var mapper = ObjectMappers.jsonMapper();
                mapper.writeValueAsString(params(sample)._body());
                ChatCompletionChunk c = mapper.readValue(WARM_UP_CHUNK, ChatCompletionChunk.class);
                new Stream(null, 0).handle(c);
              } catch (Exception | LinkageError e) {
                // only an optimisation: the first real request pays instead
              }
            },
            "voxmesh-chat-completions-warmup");
    t.setDaemon(true);
    t.start();
  }

  /** {@code openai-compatible/<configured model>}. */
  @Override
  public String name() {
    return "openai-compatible/" + config.model();
  }

  public ChatCompletionsConfig config() {
    return config;
  }

  /**
   * @throws ResponderOverloadedException when {@code maxConcurrent} responses are streaming
   */
  @Override
  public ResponseStream respond(ResponseRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw new IllegalStateException(name() + " responder is closed");
    }
    ChatCompletionCreateParams params = params(request);
    if (!permits.tryAcquire()) {
      throw new ResponderOverloadedException(
          name() + ": all " + config.maxConcurrent() + " upstream slots are busy");
    }
    return new Stream(params, TokenEstimate.input(request));
  }

  /** Refuses new responses and releases idle connections; open streams may finish. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      client.close();
    }
  }

  private okhttp3.Response intercept(Interceptor.Chain chain) throws IOException {
    Request req = chain.request();
    if (config.apiKey() == null) {
      req = req.newBuilder().removeHeader("Authorization").build();
    }
    Stream s = STARTING.get();
    if (s != null) {
      s.attach(chain.call());
    }
    okhttp3.Response resp = chain.proceed(req);
    if (s != null && !resp.isSuccessful()) {
      // openai-java keeps only a JSON error body; keep the raw text for plain-text/HTML errors
      s.errorBody = resp.peekBody(ERROR_BODY_BYTES).string();
    }
    return resp;
  }

  // ---------------------------------------------------------------------------------------------
  // Request mapping

  ChatCompletionCreateParams params(ResponseRequest r) {
    ChatCompletionCreateParams.Builder b =
        ChatCompletionCreateParams.builder()
            .model(config.model())
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
    if (r.instructions() != null) {
      b.addSystemMessage(r.instructions());
    }
    List<Turn> turns = r.conversation();
    for (int i = 0; i < turns.size(); ) {
      Turn t = turns.get(i);
      if (t instanceof Turn.SystemText s) {
        b.addSystemMessage(s.text());
        i++;
      } else if (t.fromUser()) {
        int j = i;
        while (j < turns.size() && turns.get(j).fromUser()) {
          j++;
        }
        userMessage(b, turns.subList(i, j));
        i = j;
      } else if (t instanceof Turn.AssistantText || t instanceof Turn.FunctionCall) {
        int j = i;
        StringBuilder text = new StringBuilder();
        while (j < turns.size() && turns.get(j) instanceof Turn.AssistantText a) {
          if (text.length() > 0 && !a.text().isEmpty()) {
            text.append('\n');
          }
          text.append(a.text());
          j++;
        }
        ChatCompletionAssistantMessageParam.Builder m =
            ChatCompletionAssistantMessageParam.builder();
        boolean calls = false;
        while (j < turns.size() && turns.get(j) instanceof Turn.FunctionCall f) {
          m.addToolCall(
              ChatCompletionMessageFunctionToolCall.builder()
                  .id(f.callId())
                  .function(
                      ChatCompletionMessageFunctionToolCall.Function.builder()
                          .name(f.name())
                          .arguments(f.arguments().isEmpty() ? "{}" : f.arguments())
                          .build())
                  .build());
          calls = true;
          j++;
        }
        if (text.length() > 0) {
          m.content(text.toString());
        }
        if (text.length() > 0 || calls) { // an empty assistant message (e.g. cut audio) is left out
          b.addMessage(m.build());
        }
        i = j;
      } else if (t instanceof Turn.FunctionCallOutput o) {
        b.addMessage(
            ChatCompletionToolMessageParam.builder()
                .toolCallId(o.callId())
                .content(o.output())
                .build());
        i++;
      } else {
        throw new IllegalArgumentException("unknown turn " + t);
      }
    }
    for (Tool tool : r.tools()) {
      FunctionDefinition.Builder f = FunctionDefinition.builder().name(tool.name());
      if (!tool.description().isEmpty()) {
        f.description(tool.description());
      }
      FunctionParameters.Builder p = FunctionParameters.builder();
      tool.schema()
          .fields()
          .forEachRemaining(
              e -> p.putAdditionalProperty(e.getKey(), JsonValue.fromJsonNode(e.getValue())));
      b.addFunctionTool(f.parameters(p.build()).build());
    }
    if (!r.tools().isEmpty()) {
      ToolChoice c = r.toolChoice();
      switch (c.mode()) {
        case AUTO -> b.toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO);
        case NONE -> b.toolChoice(ChatCompletionToolChoiceOption.Auto.NONE);
        case REQUIRED -> b.toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED);
        case FUNCTION ->
            b.toolChoice(
                ChatCompletionNamedToolChoice.builder()
                    .function(
                        ChatCompletionNamedToolChoice.Function.builder()
                            .name(c.functionName())
                            .build())
                    .build());
      }
    }
    if (r.maxOutputTokens() != null) {
      b.maxTokens(r.maxOutputTokens().longValue());
    }
    if (r.temperature() != null) {
      b.temperature(r.temperature());
    }
    return b.build();
  }

  private static void userMessage(ChatCompletionCreateParams.Builder b, List<Turn> group) {
    boolean image = group.stream().anyMatch(t -> t instanceof Turn.UserImage);
    if (!image) {
      StringBuilder text = new StringBuilder();
      for (Turn t : group) {
        String s = userText(t);
        if (s != null) {
          text.append(text.length() == 0 ? "" : "\n").append(s);
        }
      }
      if (text.length() > 0) {
        b.addUserMessage(text.toString());
      }
      return;
    }
    List<ChatCompletionContentPart> parts = new ArrayList<>();
    for (Turn t : group) {
      if (t instanceof Turn.UserImage img) {
        ChatCompletionContentPartImage.ImageUrl.Builder u =
            ChatCompletionContentPartImage.ImageUrl.builder().url(img.dataUrl());
        if (img.detail() != null) {
          u.detail(ChatCompletionContentPartImage.ImageUrl.Detail.of(img.detail()));
        }
        parts.add(
            ChatCompletionContentPart.ofImageUrl(
                ChatCompletionContentPartImage.builder().imageUrl(u.build()).build()));
      } else {
        String s = userText(t);
        if (s != null) {
          parts.add(
              ChatCompletionContentPart.ofText(
                  ChatCompletionContentPartText.builder().text(s).build()));
        }
      }
    }
    b.addMessage(
        ChatCompletionUserMessageParam.builder().contentOfArrayOfContentParts(parts).build());
  }

  private static String userText(Turn t) {
    String s =
        t instanceof Turn.UserText u
            ? u.text()
            : t instanceof Turn.UserAudio a ? a.transcript() : null;
    return s == null || s.isBlank() ? null : s;
  }

  // ---------------------------------------------------------------------------------------------
  // Streaming

  /** A tool call being gathered from its fragments. */
  private static final class PendingCall {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
    boolean announced;
  }

  private final class Stream implements ResponseStream {
    private final ChatCompletionCreateParams params;
    private final int estimatedInput;
    private final ArrayDeque<ResponseChunk> pending = new ArrayDeque<>();
    private final Map<Long, PendingCall> calls = new LinkedHashMap<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile boolean ended;
    private volatile Call call;
    private volatile StreamResponse<ChatCompletionChunk> response;
    private Iterator<ChatCompletionChunk> chunks;
    private String finishReason;
    private CompletionUsage usage;
    private final StringBuilder output = new StringBuilder();

    /** The raw body of a non-2xx answer (set by the interceptor). */
    volatile String errorBody;

    Stream(ChatCompletionCreateParams params, int estimatedInput) {
      this.params = params;
      this.estimatedInput = estimatedInput;
    }

    /** Called by the interceptor on the thread that starts the HTTP call. */
    void attach(Call c) {
      call = c;
      if (cancelled) {
        c.cancel();
      }
    }

    @Override
    public ResponseChunk next() {
      if (ended) {
        return null;
      }
      if (cancelled) {
        return finish(Done.CANCELLED);
      }
      if (!pending.isEmpty()) {
        return emit();
      }
      if (finishReason == null && chunks == null) {
        start();
        if (cancelled) {
          return finish(Done.CANCELLED);
        }
      }
      while (pending.isEmpty()) {
        boolean more;
        ChatCompletionChunk chunk = null;
        try {
          more = chunks.hasNext();
          if (more) {
            chunk = chunks.next();
          }
        } catch (RuntimeException e) {
          if (cancelled) {
            return finish(Done.CANCELLED);
          }
          throw fail(e);
        }
        if (cancelled) {
          return finish(Done.CANCELLED);
        }
        if (!more) {
          if (finishReason == null) {
            throw fail(
                new UpstreamResponderException(
                    "upstream chat completions at "
                        + config.baseUrl()
                        + " ended the stream before a finish_reason",
                    0,
                    null,
                    null));
          }
          closeCalls();
          pending.add(doneChunk(finishReason));
          break;
        }
        handle(chunk);
      }
      return emit();
    }

    private ResponseChunk emit() {
      ResponseChunk c = pending.poll();
      if (c instanceof Done) {
        ended = true;
        closeResponse();
        release();
      }
      return c;
    }

    private void start() {
      STARTING.set(this);
      try {
        response = client.chat().completions().createStreaming(params);
        chunks = response.stream().iterator();
      } catch (RuntimeException e) {
        if (cancelled) {
          return;
        }
        throw fail(e);
      } finally {
        STARTING.remove();
      }
    }

    private void handle(ChatCompletionChunk chunk) {
      Optional<CompletionUsage> u = chunk._usage().asKnown();
      if (u.isPresent()) {
        usage = u.get();
      }
      for (ChatCompletionChunk.Choice choice : chunk._choices().asKnown().orElse(List.of())) {
        if (choice._index().asKnown().orElse(0L) != 0L) {
          continue; // only one choice is asked for
        }
        Optional<ChatCompletionChunk.Choice.Delta> d = choice._delta().asKnown();
        if (d.isPresent()) {
          ChatCompletionChunk.Choice.Delta delta = d.get();
          text(delta._content().asKnown());
          text(delta._refusal().asKnown());
          for (ChatCompletionChunk.Choice.Delta.ToolCall tc :
              delta._toolCalls().asKnown().orElse(List.of())) {
            toolCall(tc);
          }
        }
        Optional<String> f =
            choice._finishReason().asKnown().map(r -> r.asString()).filter(r -> !r.isBlank());
        if (f.isPresent()) {
          finishReason = f.get();
          closeCalls();
        }
      }
    }

    private void text(Optional<String> t) {
      if (t.isPresent() && !t.get().isEmpty()) {
        output.append(t.get());
        pending.add(new TextDelta(t.get()));
      }
    }

    private void toolCall(ChatCompletionChunk.Choice.Delta.ToolCall tc) {
      long index = tc._index().asKnown().orElse((long) Math.max(0, calls.size() - 1));
      PendingCall c = calls.computeIfAbsent(index, k -> new PendingCall());
      tc._id()
          .asKnown()
          .filter(s -> !s.isEmpty())
          .ifPresent(
              id -> {
                if (c.id == null) {
                  c.id = id;
                }
              });
      var fn = tc._function().asKnown();
      String fragment = "";
      if (fn.isPresent()) {
        fn.get()
            ._name()
            .asKnown()
            .filter(s -> !s.isEmpty())
            .ifPresent(
                n -> {
                  if (c.name == null) {
                    c.name = n;
                  }
                });
        fragment = fn.get()._arguments().asKnown().orElse("");
      }
      c.arguments.append(fragment);
      output.append(fragment);
      if (!c.announced && c.name != null) {
        announce(c);
        if (c.arguments.length() > 0) {
          pending.add(new FunctionCallDelta(c.id, c.name, c.arguments.toString()));
        }
      } else if (c.announced && !fragment.isEmpty()) {
        pending.add(new FunctionCallDelta(c.id, c.name, fragment));
      }
    }

    private void announce(PendingCall c) {
      if (c.id == null) {
        c.id = callId();
      }
      if (c.name == null) {
        c.name = "";
      }
      c.announced = true;
      pending.add(new FunctionCallDelta(c.id, c.name, ""));
    }

    /** Ends every gathered call with its {@link FunctionCallDone}. */
    private void closeCalls() {
      for (PendingCall c : calls.values()) {
        if (!c.announced) {
          announce(c);
          if (c.arguments.length() > 0) {
            pending.add(new FunctionCallDelta(c.id, c.name, c.arguments.toString()));
          }
        }
        pending.add(new FunctionCallDone(c.id, c.name, c.arguments.toString()));
      }
      calls.clear();
    }

    private Done doneChunk(String reason) {
      Usage u;
      if (usage != null && !Done.CANCELLED.equals(reason)) {
        int cached =
            usage
                ._promptTokensDetails()
                .asKnown()
                .flatMap(p -> p._cachedTokens().asKnown())
                .map(Long::intValue)
                .orElse(0);
        u =
            new Usage(
                (int) usage._promptTokens().asKnown().orElse(0L).longValue(),
                (int) usage._completionTokens().asKnown().orElse(0L).longValue(),
                cached,
                false);
      } else {
        u = new Usage(estimatedInput, TokenEstimate.text(output.toString()), 0, true);
      }
      return new Done(reason, u);
    }

    private Done finish(String reason) {
      ended = true;
      pending.clear();
      closeResponse();
      release();
      return doneChunk(reason);
    }

    private UpstreamResponderException fail(Throwable e) {
      ended = true;
      pending.clear();
      closeResponse();
      release();
      return translate(e, errorBody);
    }

    @Override
    public void cancel() {
      if (ended) {
        return;
      }
      cancelled = true;
      Call c = call;
      if (c != null) {
        c.cancel(); // closes the socket: a blocked read fails at once and the server sees EOF
      }
    }

    @Override
    public void close() {
      cancel();
      ended = true;
      closeResponse(); // after cancel() the socket is gone, so this cannot block
      release();
    }

    private void closeResponse() {
      StreamResponse<ChatCompletionChunk> r = response;
      if (r != null) {
        try {
          r.close();
        } catch (RuntimeException ignored) {
          // the connection is gone anyway
        }
      }
    }

    private void release() {
      if (released.compareAndSet(false, true)) {
        permits.release();
      }
    }
  }

  /** Our exception for whatever openai-java (or the stream) threw. */
  private UpstreamResponderException translate(Throwable e, String rawErrorBody) {
    if (e instanceof UpstreamResponderException u) {
      return u;
    }
    String where = "upstream chat completions at " + config.baseUrl();
    if (e instanceof OpenAIServiceException s) {
      String msg = errorMessage(s.body(), rawErrorBody);
      return new UpstreamResponderException(
          where + " answered HTTP " + s.statusCode() + ": " + msg, s.statusCode(), msg, e);
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SocketTimeoutException
          || (c instanceof InterruptedIOException && "timeout".equals(c.getMessage()))) {
        return new UpstreamResponderException(
            where + " timed out after " + config.timeout().toMillis() + " ms", 0, null, e);
      }
    }
    Throwable shown =
        (e instanceof OpenAIIoException || e instanceof UncheckedIOException)
                && e.getCause() != null
            ? e.getCause()
            : e;
    return new UpstreamResponderException(where + " failed: " + shown, 0, null, e);
  }

  /**
   * The upstream's error text: from the JSON error body openai-java parsed, OpenAI/vLLM {@code
   * {"error":{"message":...}}} (openai-java may hand over just the inner object), a plain {@code
   * {"error":"..."}}, FastAPI's {@code {"detail":...}}, or {@code {"message":...}}; else the raw
   * body (shortened), e.g. a proxy's plain-text or HTML page.
   */
  static String errorMessage(JsonValue body, String raw) {
    JsonNode json;
    try {
      json = body == null ? null : body.convert(JsonNode.class);
    } catch (RuntimeException e) {
      json = null;
    }
    if (json != null && json.isObject()) {
      JsonNode error = json.get("error");
      if (error != null && error.isObject() && error.hasNonNull("message")) {
        return error.get("message").asText();
      }
      if (error != null && error.isTextual()) {
        return error.asText();
      }
      JsonNode detail = json.get("detail");
      if (detail != null && !detail.isNull()) {
        return detail.isTextual() ? detail.asText() : detail.toString();
      }
      if (json.hasNonNull("message")) {
        return json.get("message").asText();
      }
    }
    String s =
        raw != null && !raw.isBlank()
            ? raw.strip()
            : json == null || json.isNull() || json.isMissingNode()
                ? ""
                : json.isTextual() ? json.asText().strip() : json.toString();
    return s.isEmpty() ? "(empty body)" : s.length() > 500 ? s.substring(0, 500) + "..." : s;
  }

  /** {@code call_} and 16 random letters and digits, for upstreams that send no call id. */
  static String callId() {
    StringBuilder sb = new StringBuilder("call_");
    for (int i = 0; i < 16; i++) {
      sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }
}
