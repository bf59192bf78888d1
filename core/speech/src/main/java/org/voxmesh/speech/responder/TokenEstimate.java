package org.voxmesh.speech.responder;

/**
 * Approximate token counts, for engines without a tokenizer of their own (the {@link
 * RuleResponder}, and an upstream that reports no usage or was cancelled before it could).
 *
 * <p>The rule is OpenAI's published rule of thumb for English: <b>one token per four characters</b>
 * (Unicode code points, rounded up; empty text is 0 tokens). On top of that, each conversation turn
 * and the instructions cost {@value #PER_MESSAGE} tokens of message framing, each image {@value
 * #PER_IMAGE} tokens (the fixed cost of a low-detail image), each tool its name, description and
 * schema text plus {@value #PER_MESSAGE}, and the reply's priming {@value #PER_MESSAGE}. Real
 * tokenizers differ by roughly ±30% on ordinary English and more on code, numbers and other
 * scripts; counts built from these are marked {@link ResponseChunk.Usage#estimated()}.
 */
public final class TokenEstimate {

  /** Framing cost of one message (role markers and separators). */
  public static final int PER_MESSAGE = 3;

  /** Cost of one image (a low-detail image's fixed cost). */
  public static final int PER_IMAGE = 85;

  private TokenEstimate() {}

  /** Tokens of a piece of text: code points / 4, rounded up. */
  public static int text(String s) {
    if (s == null || s.isEmpty()) {
      return 0;
    }
    int cps = s.codePointCount(0, s.length());
    return (cps + 3) / 4;
  }

  /** Tokens of everything an engine reads for {@code request}. */
  public static int input(ResponseRequest request) {
    long n = PER_MESSAGE; // priming of the reply
    if (request.instructions() != null) {
      n += PER_MESSAGE + text(request.instructions());
    }
    for (Tool t : request.tools()) {
      n += PER_MESSAGE + text(t.name()) + text(t.description()) + text(t.parameters());
    }
    for (Turn turn : request.conversation()) {
      n += PER_MESSAGE;
      n += turnTokens(turn);
    }
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /** Tokens of one turn's content (without the framing). */
  public static int turnTokens(Turn turn) {
    if (turn instanceof Turn.UserText u) {
      return text(u.text());
    } else if (turn instanceof Turn.UserAudio a) {
      return text(a.transcript());
    } else if (turn instanceof Turn.UserImage) {
      return PER_IMAGE;
    } else if (turn instanceof Turn.AssistantText a) {
      return text(a.text());
    } else if (turn instanceof Turn.SystemText s) {
      return text(s.text());
    } else if (turn instanceof Turn.FunctionCall f) {
      return text(f.name()) + text(f.arguments());
    } else if (turn instanceof Turn.FunctionCallOutput o) {
      return text(o.output());
    }
    throw new IllegalArgumentException("unknown turn " + turn);
  }
}
