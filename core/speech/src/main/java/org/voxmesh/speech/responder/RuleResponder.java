package org.voxmesh.speech.responder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.voxmesh.speech.responder.ResponseChunk.Done;
import org.voxmesh.speech.responder.ResponseChunk.FunctionCallDelta;
import org.voxmesh.speech.responder.ResponseChunk.FunctionCallDone;
import org.voxmesh.speech.responder.ResponseChunk.TextDelta;
import org.voxmesh.speech.responder.ResponseChunk.Usage;

/**
 * The embedded responder, {@value #NAME}: a handful of fixed rules, so that a Voxmesh voice loop
 * answers out of the box without a language model. <b>It is not an LLM</b> and does not pretend to
 * be one: it ignores the instructions and understands nothing beyond the rules below.
 *
 * <p>It looks at the end of the conversation (system turns are skipped) and applies the first rule
 * that fits:
 *
 * <ol>
 *   <li><b>Forced tool.</b> With tools declared and {@code tool_choice} naming a function, it calls
 *       that function; with {@code tool_choice: required}, it calls the tool the user's last
 *       message mentions, else the first tool. (As with a real model, a forced choice calls a tool
 *       every time, also right after a tool's output.)
 *   <li><b>Tool output.</b> When the conversation ends with {@code function_call_output}s, it says
 *       "The &lt;name&gt; tool returned: &lt;output&gt;." for each (the name comes from the
 *       matching {@code function_call}).
 *   <li><b>Pending call.</b> When it ends with a function call that has no output yet: "I'm waiting
 *       for the result of the &lt;name&gt; tool."
 *   <li><b>Mentioned tool.</b> With tools declared and {@code tool_choice: auto}, when the user's
 *       last message mentions a tool, it calls that tool. A tool is mentioned when its name's words
 *       appear in order as whole words, ignoring case and punctuation: {@code get_weather}, {@code
 *       getWeather} and {@code get-weather} all match "get weather" (and "getweather"); when the
 *       name starts with a verb (get, fetch, find, search, lookup, look, check, query, read, list,
 *       show) the rest alone also matches, so "what's the weather in Paris?" calls {@code
 *       get_weather}. With several mentioned, the first declared wins.
 *   <li><b>No user message.</b> An empty conversation gets a short introduction; a user message
 *       with no words (an untranscribed audio turn) gets "Sorry, I didn't catch that."; a message
 *       that is only an image gets an honest "I can't look at images".
 *   <li><b>Time and date.</b> "what time is it", "what's the time", "tell me the time", "current
 *       time" get "It's 3:07 PM." in the configured zone; "what day is it", "what's the date",
 *       "today's date" get "Today is Tuesday, November 25, 2025."
 *   <li><b>Greeting.</b> A message starting with hello, hi, hey, hiya, howdy, greetings, good
 *       morning/afternoon/evening/day gets a greeting that says what this responder is.
 *   <li><b>Echo.</b> Anything else: "You said: &lt;text&gt;" (plus "I can't see images, though."
 *       when an image came with it).
 * </ol>
 *
 * <p><b>Function arguments.</b> A call's arguments are a JSON object built from the tool's JSON
 * Schema: only the {@code required} properties of type string (or with an all-string {@code enum})
 * are filled, and only when the user's last message makes the value obvious:
 *
 * <ul>
 *   <li>"&lt;property&gt; is X", "&lt;property&gt;: X" or "&lt;property&gt; = X" (the property's
 *       words as in tool names; X runs to the next punctuation mark or " and ");
 *   <li>else, for an enum, the first enum value the message contains as a whole word;
 *   <li>else, when it is the only required string property (and not an enum): the words after the
 *       first of "in, for, about, at, to, of, on, from, near, called, named" that follows the tool
 *       mention ("weather in Paris" gives {@code "Paris"}), else the words after the mention ("get
 *       weather Paris"), else the whole message; a trailing "please" and punctuation are dropped.
 * </ul>
 *
 * Properties that are not obvious are left out (the client's tool sees them missing rather than
 * invented). Optional and non-string properties are never filled.
 *
 * <p><b>Streaming.</b> Text comes as one {@link TextDelta} per word (later words carry their
 * leading space), function arguments as {@link FunctionCallDelta}s of at most {@value
 * #ARGUMENT_PIECE} characters after an empty announcing delta, then a {@link FunctionCallDone}.
 * Optionally each piece waits {@link RuleResponderConfig#wordDelay()}, interrupted at once by
 * {@link ResponseStream#cancel()}.
 *
 * <p><b>Tokens.</b> Counted with {@link TokenEstimate} (four characters per token), so usage is
 * marked estimated. {@code maxOutputTokens} cuts the reply at {@code 4 × max} characters (possibly
 * mid-word; a call counts its name and arguments, and its arguments are cut) and the response ends
 * with {@link Done#LENGTH}. {@code tool_choice: none} never calls a tool; with no tools declared,
 * {@code required} is ignored.
 *
 * <p>Thread-safe; {@code respond} never blocks.
 */
public final class RuleResponder implements Responder {

  public static final String NAME = "voxmesh-embedded-responder";
  static final int ARGUMENT_PIECE = 8;

  static final String INTRO =
      "Hello! I'm the Voxmesh embedded responder, a simple rule-based assistant, not a language"
          + " model. I can tell you the time, or repeat what you say.";
  static final String GREETING =
      "Hello! I'm the Voxmesh embedded responder. I'm a simple rule-based assistant, not a"
          + " language model: I can tell you the time, or repeat what you say.";
  static final String NOT_HEARD = "Sorry, I didn't catch that.";
  static final String IMAGE_ONLY =
      "I received an image, but I can't look at images: I'm a simple rule-based responder.";
  static final String IMAGE_TOO = "I can't see images, though.";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Set<String> VERBS =
      Set.of(
          "get", "fetch", "find", "search", "lookup", "look", "check", "query", "read", "list",
          "show");
  private static final Pattern GREETING_START =
      Pattern.compile(
          "^(hello|hi|hey|hiya|howdy|greetings|good (morning|afternoon|evening|day))( .*)?$");
  private static final Pattern TIME_QUESTION =
      Pattern.compile(
          "\\b(what time is it|whats the time|what is the time|tell me the time|current time"
              + "|the time now|time is it)\\b");
  private static final Pattern DATE_QUESTION =
      Pattern.compile(
          "\\b(what day is it|what day is today|whats the date|what is the date|todays date"
              + "|what is today|whats today|the date today)\\b");
  private static final Pattern PREPOSITION =
      Pattern.compile(
          "(?i)\\b(in|for|about|at|to|of|on|from|near|called|named)\\s+(\\S.*)$", Pattern.DOTALL);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);

  private final RuleResponderConfig config;
  private final Clock clock;
  private final Semaphore permits;
  private volatile boolean closed;

  public RuleResponder() {
    this(RuleResponderConfig.defaults());
  }

  public RuleResponder(RuleResponderConfig config) {
    this(config, Clock.system(config.timeZone()));
  }

  /** With an explicit clock (its zone is ignored: answers use the config's zone). */
  public RuleResponder(RuleResponderConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.permits = new Semaphore(config.maxConcurrent());
  }

  @Override
  public String name() {
    return NAME;
  }

  public RuleResponderConfig config() {
    return config;
  }

  /**
   * @throws ResponderOverloadedException when {@code maxConcurrent} responses are streaming
   */
  @Override
  public ResponseStream respond(ResponseRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw new IllegalStateException(NAME + " is closed");
    }
    if (!permits.tryAcquire()) {
      throw new ResponderOverloadedException(
          NAME + ": all " + config.maxConcurrent() + " response slots are busy");
    }
    try {
      return new Stream(plan(request), TokenEstimate.input(request));
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  // ---------------------------------------------------------------------------------------------
  // What to answer

  /** The decision: either text or one function call. */
  sealed interface Reply {}

  record TextReply(String text) implements Reply {}

  record CallReply(String name, String arguments) implements Reply {}

  /** Decides what to answer (exposed to tests). */
  Reply decide(ResponseRequest request) {
    List<Turn> turns = new ArrayList<>();
    for (Turn t : request.conversation()) {
      if (!(t instanceof Turn.SystemText)) {
        turns.add(t);
      }
    }
    Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);

    // the user's message at the end of the conversation, if it ends with one
    StringBuilder said = new StringBuilder();
    boolean image = false;
    boolean userLast = last != null && last.fromUser();
    for (int i = turns.size() - 1; userLast && i >= 0 && turns.get(i).fromUser(); i--) {
      Turn t = turns.get(i);
      String piece =
          t instanceof Turn.UserText u
              ? u.text()
              : t instanceof Turn.UserAudio a ? a.transcript() : null;
      if (t instanceof Turn.UserImage) {
        image = true;
      }
      if (piece != null && !piece.isBlank()) {
        said.insert(0, said.length() == 0 ? piece.strip() : piece.strip() + " ");
      }
    }
    String text = said.toString();

    boolean tools = !request.tools().isEmpty();
    ToolChoice.Mode mode = request.toolChoice().mode();
    if (tools && mode == ToolChoice.Mode.FUNCTION) {
      Tool tool = request.tool(request.toolChoice().functionName());
      return new CallReply(tool.name(), arguments(tool, text));
    }
    if (tools && mode == ToolChoice.Mode.REQUIRED) {
      Tool tool = mentioned(request.tools(), text);
      tool = tool == null ? request.tools().get(0) : tool;
      return new CallReply(tool.name(), arguments(tool, text));
    }
    if (last instanceof Turn.FunctionCallOutput) {
      int first = turns.size() - 1;
      while (first > 0 && turns.get(first - 1) instanceof Turn.FunctionCallOutput) {
        first--;
      }
      StringBuilder sb = new StringBuilder();
      for (int i = first; i < turns.size(); i++) {
        Turn.FunctionCallOutput o = (Turn.FunctionCallOutput) turns.get(i);
        String out = o.output().strip();
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append("The ")
            .append(callName(turns, o.callId()))
            .append(" tool returned: ")
            .append(out.isEmpty() ? "nothing" : out);
        if (!endsSentence(sb)) {
          sb.append('.');
        }
      }
      return new TextReply(sb.toString());
    }
    if (last instanceof Turn.FunctionCall f) {
      return new TextReply("I'm waiting for the result of the " + f.name() + " tool.");
    }
    if (tools && mode == ToolChoice.Mode.AUTO && !text.isEmpty()) {
      Tool tool = mentioned(request.tools(), text);
      if (tool != null) {
        return new CallReply(tool.name(), arguments(tool, text));
      }
    }
    if (!userLast) {
      return new TextReply(INTRO);
    }
    if (text.isEmpty()) {
      return new TextReply(image ? IMAGE_ONLY : NOT_HEARD);
    }
    String norm = normalize(text);
    ZonedDateTime now = clock.instant().atZone(config.timeZone());
    if (TIME_QUESTION.matcher(norm).find()) {
      return new TextReply("It's " + TIME.format(now) + ".");
    }
    if (DATE_QUESTION.matcher(norm).find()) {
      return new TextReply("Today is " + DATE.format(now) + ".");
    }
    if (GREETING_START.matcher(norm).matches()) {
      return new TextReply(GREETING);
    }
    return new TextReply("You said: " + text + (image ? " " + IMAGE_TOO : ""));
  }

  private static String callName(List<Turn> turns, String callId) {
    for (int i = turns.size() - 1; i >= 0; i--) {
      if (turns.get(i) instanceof Turn.FunctionCall f && f.callId().equals(callId)) {
        return f.name();
      }
    }
    return "function";
  }

  private static boolean endsSentence(CharSequence s) {
    char c = s.charAt(s.length() - 1);
    return c == '.' || c == '!' || c == '?';
  }

  /**
   * Lower case, apostrophes dropped, everything but letters and digits turned into single spaces.
   */
  static String normalize(String s) {
    String t = s.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
    return t.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /**
   * A name's words: {@code get_weather}, {@code getWeather}, {@code get-weather} → [get, weather].
   */
  static List<String> words(String name) {
    String spaced = name.replaceAll("([\\p{Ll}\\p{N}])(\\p{Lu})", "$1 $2");
    String n = normalize(spaced);
    return n.isEmpty() ? List.of() : List.of(n.split(" "));
  }

  /** The first declared tool the text mentions (see the class doc), or null. */
  static Tool mentioned(List<Tool> tools, String text) {
    String norm = " " + normalize(text) + " ";
    if (norm.isBlank()) {
      return null;
    }
    for (Tool t : tools) {
      List<String> w = words(t.name());
      if (!w.isEmpty()
          && (norm.contains(" " + String.join(" ", w) + " ")
              || norm.contains(" " + String.join("", w) + " "))) {
        return t;
      }
    }
    for (Tool t : tools) {
      List<String> w = words(t.name());
      if (w.size() >= 2 && VERBS.contains(w.get(0))) {
        String rest = String.join(" ", w.subList(1, w.size()));
        if (norm.contains(" " + rest + " ")) {
          return t;
        }
      }
    }
    return null;
  }

  /** The arguments JSON for a call of {@code tool} prompted by {@code text} (see the class doc). */
  static String arguments(Tool tool, String text) {
    ObjectNode args = JSON.createObjectNode();
    JsonNode schema = tool.schema();
    JsonNode props = schema.path("properties");
    List<String> strings = new ArrayList<>();
    for (JsonNode r : schema.path("required")) {
      if (r.isTextual() && isString(props.path(r.asText()))) {
        strings.add(r.asText());
      }
    }
    for (String p : strings) {
      JsonNode prop = props.path(p);
      String value = explicit(p, text);
      if (value == null && prop.path("enum").isArray()) {
        value = enumMentioned(prop.path("enum"), text);
      } else if (value == null && strings.size() == 1) {
        value = subject(tool, text);
      }
      if (value != null && !value.isEmpty()) {
        args.put(p, value);
      }
    }
    try {
      return JSON.writeValueAsString(args);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isString(JsonNode prop) {
    JsonNode type = prop.path("type");
    if (type.isTextual()) {
      return type.asText().equals("string");
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (t.asText().equals("string")) {
          return true;
        }
      }
      return false;
    }
    JsonNode e = prop.path("enum");
    if (e.isArray() && e.size() > 0) {
      for (JsonNode v : e) {
        if (!v.isTextual()) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** "city is Paris", "city: Paris", "city = Paris". */
  private static String explicit(String property, String text) {
    List<String> w = words(property);
    if (w.isEmpty()) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    for (String s : w) {
      name.append(name.length() == 0 ? "" : "[\\s_-]*").append(Pattern.quote(s));
    }
    Matcher m =
        Pattern.compile(
                "(?i)\\b" + name + "\\s*(?:\\bis\\b|:|=)\\s*(.+?)(?=\\s+and\\s|[.,;!?]|$)",
                Pattern.DOTALL)
            .matcher(text);
    return m.find() ? clean(m.group(1)) : null;
  }

  private static String enumMentioned(JsonNode values, String text) {
    String norm = " " + normalize(text) + " ";
    for (JsonNode v : values) {
      String n = normalize(v.asText());
      if (!n.isEmpty() && norm.contains(" " + n + " ")) {
        return v.asText();
      }
    }
    return null;
  }

  /** The words after the first preposition following the tool mention, etc. (see the class doc). */
  private static String subject(Tool tool, String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return null;
    }
    int after = mentionEnd(tool, t);
    Matcher m = PREPOSITION.matcher(t);
    String value;
    if (m.find(Math.max(0, after))) {
      value = m.group(2); // the first preposition after the mention
    } else if (after >= 0 && !t.substring(after).isBlank()) {
      value = t.substring(after);
    } else if (m.find(0)) {
      value = m.group(2);
    } else {
      value = t;
    }
    return clean(value);
  }

  /** Where the tool's mention ends in {@code text} (a char index), or -1. */
  private static int mentionEnd(Tool tool, String text) {
    List<String> w = words(tool.name());
    List<List<String>> forms = new ArrayList<>();
    forms.add(w);
    forms.add(List.of(String.join("", w)));
    if (w.size() >= 2 && VERBS.contains(w.get(0))) {
      forms.add(w.subList(1, w.size()));
    }
    for (List<String> form : forms) {
      StringBuilder re = new StringBuilder("(?i)\\b");
      for (int i = 0; i < form.size(); i++) {
        re.append(i == 0 ? "" : "[^\\p{L}\\p{N}]+").append(Pattern.quote(form.get(i)));
      }
      re.append("\\b");
      Matcher m = Pattern.compile(re.toString()).matcher(text);
      if (m.find()) {
        return m.end();
      }
    }
    return -1;
  }

  /** Strips quotes, a trailing "please", and surrounding punctuation and spaces. */
  private static String clean(String v) {
    String trailing = "[\\s\"'\u201d\u2019.,;:!?]+$";
    String s = v.strip().replaceAll("^[\\s\"'\u201c\u2018:,;-]+", "").replaceAll(trailing, "");
    s = s.replaceAll("(?i)[\\s,]+please$", "").replaceAll(trailing, "");
    return s.strip();
  }

  // ---------------------------------------------------------------------------------------------
  // Streaming

  private record Planned(ResponseChunk chunk, int outputTokensAfter) {}

  private record Plan(List<Planned> chunks, String finishReason) {}

  private Plan plan(ResponseRequest request) {
    Reply reply = decide(request);
    Integer max = request.maxOutputTokens();
    List<Planned> out = new ArrayList<>();
    if (reply instanceof TextReply t) {
      String text = t.text();
      boolean cut = max != null && TokenEstimate.text(text) > max;
      if (cut) {
        text = prefix(text, 4L * max);
      }
      StringBuilder so = new StringBuilder();
      String[] words = text.split(" ", -1);
      for (int i = 0; i < words.length; i++) {
        String piece = i == 0 ? words[i] : " " + words[i];
        if (piece.isEmpty()) {
          continue;
        }
        so.append(piece);
        out.add(new Planned(new TextDelta(piece), TokenEstimate.text(so.toString())));
      }
      return new Plan(out, cut ? Done.LENGTH : Done.STOP);
    }
    CallReply c = (CallReply) reply;
    String callId = callId();
    int nameTokens = TokenEstimate.text(c.name());
    String args = c.arguments();
    boolean cut = max != null && nameTokens + TokenEstimate.text(args) > max;
    if (cut) {
      args = prefix(args, 4L * Math.max(0, max - nameTokens));
    }
    out.add(new Planned(new FunctionCallDelta(callId, c.name(), ""), nameTokens));
    for (int i = 0; i < args.length(); ) {
      int end = Math.min(args.length(), i + ARGUMENT_PIECE);
      if (end < args.length() && Character.isHighSurrogate(args.charAt(end - 1))) {
        end++;
      }
      out.add(
          new Planned(
              new FunctionCallDelta(callId, c.name(), args.substring(i, end)),
              nameTokens + TokenEstimate.text(args.substring(0, end))));
      i = end;
    }
    out.add(
        new Planned(
            new FunctionCallDone(callId, c.name(), args), nameTokens + TokenEstimate.text(args)));
    return new Plan(out, cut ? Done.LENGTH : Done.TOOL_CALLS);
  }

  private static String prefix(String s, long codePoints) {
    if (codePoints >= s.codePointCount(0, s.length())) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, (int) codePoints));
  }

  /** {@code call_} and 16 random letters and digits, like OpenAI's call ids. */
  static String callId() {
    StringBuilder sb = new StringBuilder("call_");
    for (int i = 0; i < 16; i++) {
      sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  private final class Stream implements ResponseStream {
    private final Plan plan;
    private final int inputTokens;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean ended;
    private int next;
    private int outputTokens;

    Stream(Plan plan, int inputTokens) {
      this.plan = plan;
      this.inputTokens = inputTokens;
    }

    @Override
    public ResponseChunk next() {
      if (ended) {
        return null;
      }
      if (cancelled.getCount() == 0) {
        return end(Done.CANCELLED);
      }
      if (next < plan.chunks().size()) {
        if (next > 0 && !config.wordDelay().isZero()) {
          try {
            if (cancelled.await(config.wordDelay().toNanos(), TimeUnit.NANOSECONDS)) {
              return end(Done.CANCELLED);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return end(Done.CANCELLED);
          }
        }
        Planned p = plan.chunks().get(next++);
        outputTokens = p.outputTokensAfter();
        return p.chunk();
      }
      return end(plan.finishReason());
    }

    private Done end(String reason) {
      ended = true;
      release();
      return new Done(reason, new Usage(inputTokens, outputTokens, 0, true));
    }

    @Override
    public void cancel() {
      cancelled.countDown();
    }

    @Override
    public void close() {
      cancelled.countDown();
      ended = true;
      release();
    }

    private void release() {
      if (released.compareAndSet(false, true)) {
        permits.release();
      }
    }
  }
}
