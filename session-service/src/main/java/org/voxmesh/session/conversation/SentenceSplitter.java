package org.voxmesh.session.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cuts a reply that arrives token by token into sentences that can be spoken on their own, so the
 * first sentence is synthesised while the rest is still being written. A sentence ends at . ! ? or
 * a newline followed by whitespace, except after common abbreviations and inside numbers; a run-on
 * longer than {@link #MAX_CHARS} is cut at its last comma or space.
 */
final class SentenceSplitter {

  static final int MAX_CHARS = 200;
  private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st",
      "vs", "etc", "e.g", "i.e", "no", "approx", "fig", "inc", "ltd");

  private final StringBuilder pending = new StringBuilder();

  /** Adds text; returns the sentences it completed (possibly none). */
  List<String> offer(String token) {
    pending.append(token);
    List<String> sentences = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < pending.length(); i++) {
      char c = pending.charAt(i);
      boolean end = c == '\n'
          || ((c == '.' || c == '!' || c == '?') && i + 1 < pending.length() && Character.isWhitespace(pending.charAt(i + 1))
              && !(c == '.' && isAbbreviationOrNumber(start, i)));
      if (end) {
        add(sentences, pending.substring(start, i + 1));
        start = i + 1;
      } else if (i - start >= MAX_CHARS) {
        int cut = Math.max(pending.lastIndexOf(",", i), pending.lastIndexOf(" ", i));
        if (cut > start) {
          add(sentences, pending.substring(start, cut + 1));
          start = cut + 1;
        }
      }
    }
    pending.delete(0, start);
    return sentences;
  }

  /** The unfinished rest at the end of the reply (may be empty). */
  String flush() {
    String rest = pending.toString().trim();
    pending.setLength(0);
    return rest;
  }

  private boolean isAbbreviationOrNumber(int sentenceStart, int dot) {
    int wordStart = dot;
    while (wordStart > sentenceStart && !Character.isWhitespace(pending.charAt(wordStart - 1))) {
      wordStart--;
    }
    String word = pending.substring(wordStart, dot).toLowerCase(java.util.Locale.ROOT);
    return ABBREVIATIONS.contains(word) || (word.length() == 1 && Character.isLetter(word.charAt(0)));
  }

  private static void add(List<String> out, String sentence) {
    String s = sentence.trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
