package org.voxmesh.speech.responder;

import java.util.Objects;

/**
 * One piece of a streamed response. A stream yields, in order: any number of {@link TextDelta}s and
 * function calls, then exactly one {@link Done}. Each function call is a run of {@link
 * FunctionCallDelta}s (same {@code callId}) closed by one {@link FunctionCallDone} carrying the
 * whole arguments; text may come before the calls (a preamble). A cancelled stream ends with a
 * {@link Done} whose reason is {@link Done#CANCELLED} right away, without closing an open call.
 */
public sealed interface ResponseChunk {

  /** More assistant text; concatenating every delta gives the reply (spaces included). */
  record TextDelta(String text) implements ResponseChunk {
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * More arguments of a function call. The first delta of a call may carry an empty {@code
   * argumentsDelta} (it announces the call).
   */
  record FunctionCallDelta(String callId, String name, String argumentsDelta)
      implements ResponseChunk {
    public FunctionCallDelta {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(name, "name");
      argumentsDelta = argumentsDelta == null ? "" : argumentsDelta;
    }
  }

  /**
   * A function call is complete. {@code arguments} is the concatenation of its deltas: a JSON
   * object string, unless the response was cut short ({@link Done#LENGTH}).
   */
  record FunctionCallDone(String callId, String name, String arguments) implements ResponseChunk {
    public FunctionCallDone {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(name, "name");
      arguments = arguments == null ? "" : arguments;
    }
  }

  /**
   * The response ended; the stream yields nothing after it.
   *
   * @param finishReason {@link #STOP}, {@link #LENGTH}, {@link #TOOL_CALLS}, {@link #CANCELLED},
   *     {@link #CONTENT_FILTER}, or whatever other reason an upstream reported
   * @param usage the tokens the response used (estimated when {@link Usage#estimated()})
   */
  record Done(String finishReason, Usage usage) implements ResponseChunk {
    /** The reply ended naturally. */
    public static final String STOP = "stop";

    /**
     * {@code maxOutputTokens} was reached (Realtime status {@code incomplete}, reason {@code
     * max_output_tokens}).
     */
    public static final String LENGTH = "length";

    /** The reply ended with function calls. */
    public static final String TOOL_CALLS = "tool_calls";

    /** {@link ResponseStream#cancel()} stopped it. */
    public static final String CANCELLED = "cancelled";

    /** An upstream's content filter stopped it. */
    public static final String CONTENT_FILTER = "content_filter";

    public Done {
      Objects.requireNonNull(finishReason, "finishReason");
      Objects.requireNonNull(usage, "usage");
    }
  }

  /**
   * Token counts of one response, as in Realtime {@code response.usage} (text tokens only: speech
   * synthesis and recognition are counted by their own engines).
   *
   * @param inputTokens tokens of the whole context the engine read (instructions, tools,
   *     conversation)
   * @param outputTokens tokens the engine produced (text and function-call arguments)
   * @param cachedInputTokens the part of {@code inputTokens} an upstream served from its cache
   * @param estimated true when the counts are estimates ({@link TokenEstimate}) rather than an
   *     engine's own tokenizer counts
   */
  record Usage(int inputTokens, int outputTokens, int cachedInputTokens, boolean estimated) {
    public Usage {
      if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
        throw new IllegalArgumentException("token counts must not be negative");
      }
    }

    public int totalTokens() {
      return inputTokens + outputTokens;
    }
  }
}
