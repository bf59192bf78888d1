package org.voxmesh.speech.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Cuts streaming text (an LLM reply arriving token by token) into speakable sentences as soon as
 * each one closes, so the first audio need not wait for the whole reply.
 *
 * <p>Feed text with {@link #offer(String)}, which returns the sentences that became complete; call
 * {@link #flush()} at the end for the rest. The tokens may split the text anywhere (inside words,
 * between a period and the digits of a decimal): the result does not depend on how the text was cut
 * into tokens. Rules:
 *
 * <ul>
 *   <li>A sentence ends after {@code . ! ?} (any run of them, plus closing quotes and brackets)
 *       followed by whitespace, after CJK {@code 。！？} directly, and at a line break (paragraphs,
 *       list items). A terminator at the very end of the text so far is decided when the next
 *       character arrives (or at {@code flush}).
 *   <li>A period does not end a sentence inside a number ({@code 3.14}), a domain or a file name
 *       ({@code example.com}), after a title or a Latin abbreviation ({@code Dr. Mr. Mrs. Ms. Prof.
 *       St. vs. e.g. i.e. cf.} and the like), after an initial ({@code J. K. Rowling}), or after a
 *       list number at the start of a sentence ({@code 1. First}).
 *   <li>After abbreviations that may also end a sentence ({@code etc. Inc. Jr. a.m. U.S.}, dotted
 *       acronyms) and after an ellipsis ({@code ...} or {@code …}), the sentence ends only if the
 *       next word starts with a capital letter (or a line break follows).
 *   <li>A run-on longer than {@code maxChars} (default {@value #DEFAULT_MAX_CHARS}) is cut at its
 *       last clause break ({@code , ; :} or a dash, followed by a space) within the limit, else at its
 *       last space, else (one huge token) at the limit.
 * </ul>
 *
 * <p>Sentences come out stripped of surrounding whitespace; pieces without a letter or digit (a lone
 * {@code "..."}, stray markup) are dropped. Not thread-safe: one splitter per reply.
 */
public final class SentenceSplitter {

  public static final int DEFAULT_MAX_CHARS = 200;
  private static final int MIN_MAX_CHARS = 20;

  /** Abbreviations after which a period never ends a sentence (lower case, without the final dot). */
  private static final Set<String> NEVER_END =
      Set.of(
          "mr", "mrs", "ms", "mx", "dr", "prof", "rev", "hon", "fr", "st", "mt", "ft", "gen", "col",
          "capt", "cpt", "lt", "sgt", "cmdr", "adm", "gov", "sen", "rep", "pres", "supt", "vs",
          "e.g", "i.e", "cf", "viz", "approx", "ca", "fig", "figs", "vol", "vols", "chap", "eq",
          "pp", "dept", "univ", "assn", "ave", "blvd", "tel", "ext");

  /**
   * Abbreviations that may end a sentence: the period ends it only if the next word is capitalised.
   * Dotted acronyms ({@code U.S.}, {@code a.m.}) are treated the same way without being listed.
   */
  private static final Set<String> MAYBE_END =
      Set.of(
          "etc", "inc", "ltd", "co", "corp", "llc", "plc", "bros", "jr", "sr", "al", "esq", "phd",
          "no", "nos", "ch", "sec", "rd", "min", "max", "avg", "est", "ref", "jan", "feb", "mar",
          "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");

  private final int maxChars;
  private final StringBuilder buf = new StringBuilder();

  public SentenceSplitter() {
    this(DEFAULT_MAX_CHARS);
  }

  /** @param maxChars the longest sentence before a run-on is cut (at least 20) */
  public SentenceSplitter(int maxChars) {
    if (maxChars < MIN_MAX_CHARS) {
      throw new IllegalArgumentException("maxChars must be >= " + MIN_MAX_CHARS + ", got " + maxChars);
    }
    this.maxChars = maxChars;
  }

  /** Splits a whole text at once: the sentences {@code offer(text)} and {@code flush()} give. */
  public static List<String> split(String text) {
    return split(text, DEFAULT_MAX_CHARS);
  }

  public static List<String> split(String text, int maxChars) {
    SentenceSplitter s = new SentenceSplitter(maxChars);
    List<String> out = new ArrayList<>(s.offer(text));
    String rest = s.flush();
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  /**
   * Appends a piece of text.
   *
   * @return the sentences completed by it, in order; often empty
   */
  public List<String> offer(String token) {
    Objects.requireNonNull(token, "token");
    buf.append(token);
    List<String> out = new ArrayList<>(1);
    drain(out);
    return out;
  }

  /**
   * Ends the text: returns what is left as the last sentence (stripped; empty if nothing speakable
   * is left) and resets the splitter for another text.
   */
  public String flush() {
    // offer() already emitted every decided sentence and cut run-ons: the rest is one sentence
    String rest = buf.toString().strip();
    buf.setLength(0);
    return hasLetterOrDigit(rest, 0, rest.length()) ? rest : "";
  }

  /** Characters held back, waiting for the end of their sentence. */
  public int pendingChars() {
    return buf.length();
  }

  private void drain(List<String> out) {
    while (true) {
      int lead = 0;
      while (lead < buf.length() && Character.isWhitespace(buf.charAt(lead))) {
        lead++;
      }
      buf.delete(0, lead);
      int end = boundary();
      if (buf.length() > maxChars && (end < 0 || end > maxChars)) {
        // too long: cut within the limit (also when the sentence ends only past it, so the result
        // does not depend on how much text the last token brought)
        end = runOnCut();
      }
      if (end < 0) {
        return;
      }
      String sentence = buf.substring(0, end).strip();
      buf.delete(0, end);
      if (hasLetterOrDigit(sentence, 0, sentence.length())) {
        out.add(sentence);
      }
    }
  }

  private enum Decision {
    END,
    NOT_END,
    NEED_MORE
  }

  /** The end (exclusive) of the first complete sentence in the buffer, or -1 when none is yet. */
  private int boundary() {
    int n = buf.length();
    for (int i = 0; i < n; i++) {
      char c = buf.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
        if (hasLetterOrDigit(buf, 0, i)) {
          return i;
        }
        continue;
      }
      if (isCjkTerminal(c)) {
        int j = i + 1;
        while (j < n && (isCjkTerminal(buf.charAt(j)) || isCloser(buf.charAt(j)))) {
          j++;
        }
        if (j == n) {
          return -1; // more closers may follow
        }
        return j;
      }
      if (!isTerminal(c)) {
        continue;
      }
      int runEnd = i;
      while (runEnd < n && isTerminal(buf.charAt(runEnd))) {
        runEnd++;
      }
      int j = runEnd;
      while (j < n && isCloser(buf.charAt(j))) {
        j++;
      }
      if (j == n) {
        return -1; // undecided until the next character arrives (flush keeps the rest whole)
      }
      if (!Character.isWhitespace(buf.charAt(j))) {
        i = j - 1; // "3.14", "example.com", "?!x": not a boundary
        continue;
      }
      Decision d = decide(i, runEnd, j);
      if (d == Decision.END) {
        return j;
      }
      if (d == Decision.NEED_MORE) {
        return -1;
      }
      i = j - 1;
    }
    return -1;
  }

  /**
   * Decides a terminator run {@code [start, runEnd)} followed (after closers) by whitespace at
   * {@code ws}.
   */
  private Decision decide(int start, int runEnd, int ws) {
    boolean question = false;
    boolean ellipsis = false;
    int dots = 0;
    for (int k = start; k < runEnd; k++) {
      char c = buf.charAt(k);
      if (c == '!' || c == '?' || c == '\u203c' || c == '\u2047' || c == '\u2048' || c == '\u2049') {
        question = true;
      } else if (c == '\u2026') {
        ellipsis = true;
      } else if (c == '.') {
        dots++;
      }
    }
    if (question) {
      return Decision.END;
    }
    if (ellipsis || dots >= 2) {
      return nextWordCapitalised(ws);
    }
    // a single period: look at the word it ends
    int wordStart = start;
    while (wordStart > 0 && !Character.isWhitespace(buf.charAt(wordStart - 1))) {
      wordStart--;
    }
    while (wordStart < start && isOpener(buf.charAt(wordStart))) {
      wordStart++;
    }
    if (wordStart == start) {
      return Decision.END;
    }
    String word = buf.substring(wordStart, start);
    String lower = word.toLowerCase(Locale.ROOT);
    if (NEVER_END.contains(lower)) {
      return Decision.NOT_END;
    }
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return Decision.NOT_END; // an initial: "J. K. Rowling"
    }
    if (isDigits(word) && !hasLetterOrDigit(buf, 0, wordStart)) {
      return Decision.NOT_END; // a list number starting the sentence: "1. First"
    }
    if (MAYBE_END.contains(lower) || word.length() == 1 || word.indexOf('.') >= 0) {
      return nextWordCapitalised(ws);
    }
    return Decision.END;
  }

  /** END if the next word starts with a capital (or a line break comes first), else NOT_END. */
  private Decision nextWordCapitalised(int ws) {
    int n = buf.length();
    int k = ws;
    while (k < n && Character.isWhitespace(buf.charAt(k))) {
      char c = buf.charAt(k);
      if (c == '\n' || c == '\r') {
        return Decision.END;
      }
      k++;
    }
    while (k < n && isOpener(buf.charAt(k))) {
      k++;
    }
    if (k == n) {
      return Decision.NEED_MORE;
    }
    return Character.isUpperCase(buf.charAt(k)) ? Decision.END : Decision.NOT_END;
  }

  /** Where to cut a run-on: the last clause break, else the last space, within {@code maxChars}. */
  private int runOnCut() {
    int limit = maxChars; // the buffer is longer and starts with a non-space
    int min = maxChars / 4;
    for (int k = limit - 1; k > min; k--) {
      char c = buf.charAt(k - 1);
      if ((c == ',' || c == ';' || c == ':' || c == '\u2014' || c == '\u2013' || c == '-')
          && Character.isWhitespace(buf.charAt(k))
          && (c != '-' || Character.isWhitespace(buf.charAt(k - 2)))) {
        return k;
      }
    }
    for (int k = limit; k > 0; k--) {
      if (Character.isWhitespace(buf.charAt(k - 1))) {
        return k;
      }
    }
    return limit;
  }

  private static boolean isTerminal(char c) {
    return c == '.' || c == '!' || c == '?' || c == '\u2026' || c == '\u203c' || c == '\u2047'
        || c == '\u2048' || c == '\u2049';
  }

  private static boolean isCjkTerminal(char c) {
    return c == '\u3002' || c == '\uff01' || c == '\uff1f' || c == '\uff0e';
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '\u201d'
        || c == '\u2019' || c == '\u00bb' || c == '\u203a' || c == '\u300d' || c == '\u300f'
        || c == '\uff09' || c == '*' || c == '_';
  }

  private static boolean isOpener(char c) {
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '\u201c'
        || c == '\u2018' || c == '\u00ab' || c == '\u2039' || c == '*' || c == '_';
  }

  private static boolean isDigits(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (!Character.isDigit(s.charAt(k))) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static boolean hasLetterOrDigit(CharSequence s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (Character.isLetterOrDigit(s.charAt(k))) {
        return true;
      }
    }
    return false;
  }
}
