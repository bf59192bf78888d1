package org.voxmesh.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  /** LLM-like tokens: words with their leading space, punctuation separately. */
  private static final Pattern TOKEN = Pattern.compile("\\s*[\\p{L}\\p{N}']+|\\s*[^\\p{L}\\p{N}'\\s]|\\s+");

  private static List<String> llmTokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int end = 0;
    while (m.find()) {
      out.add(m.group());
      end = m.end();
    }
    assertThat(end).isEqualTo(text.length());
    assertThat(String.join("", out)).isEqualTo(text);
    return out;
  }

  private static List<String> chars(String text) {
    List<String> out = new ArrayList<>();
    text.codePoints().forEach(cp -> out.add(Character.toString(cp)));
    return out;
  }

  private static List<String> randomCuts(String text, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int n = Math.min(text.length() - i, 1 + r.nextInt(7));
      out.add(text.substring(i, i + n));
      i += n;
    }
    return out;
  }

  /** Feeds the tokens one by one; returns each sentence with the index of the token that closed it. */
  private static List<String> feed(List<String> tokens) {
    SentenceSplitter s = new SentenceSplitter();
    List<String> out = new ArrayList<>();
    for (String t : tokens) {
      out.addAll(s.offer(t));
    }
    String rest = s.flush();
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  /** The same sentences whatever the tokenisation, and equal to the expectation. */
  private static void assertSplits(String text, String... expected) {
    assertThat(feed(llmTokens(text))).as("LLM tokens of: " + text).containsExactly(expected);
    assertThat(feed(chars(text))).as("chars of: " + text).containsExactly(expected);
    for (long seed = 0; seed < 5; seed++) {
      assertThat(feed(randomCuts(text, seed))).as("random cuts of: " + text).containsExactly(expected);
    }
    assertThat(feed(List.of(text))).as("whole: " + text).containsExactly(expected);
    assertThat(SentenceSplitter.split(text)).containsExactly(expected);
  }

  @Test
  void sentencesCloseAsSoonAsTheNextWordBegins() {
    SentenceSplitter s = new SentenceSplitter();
    assertThat(s.offer("Hello")).isEmpty();
    assertThat(s.offer(" there")).isEmpty();
    assertThat(s.offer(".")).isEmpty(); // could still be "there.com" or "..."
    assertThat(s.offer(" How")).containsExactly("Hello there.");
    assertThat(s.offer(" are you")).isEmpty();
    assertThat(s.offer("?")).isEmpty();
    assertThat(s.offer(" I")).containsExactly("How are you?");
    assertThat(s.offer(" am fine")).isEmpty();
    assertThat(s.flush()).isEqualTo("I am fine");
    assertThat(s.flush()).isEmpty();
    assertThat(s.pendingChars()).isZero();
  }

  @Test
  void plainSentences() {
    assertSplits(
        "Sure! I can help with that. What time works for you? Let me know.",
        "Sure!", "I can help with that.", "What time works for you?", "Let me know.");
    assertSplits("Really?! That is great!!! Wow.", "Really?!", "That is great!!!", "Wow.");
    assertSplits("No punctuation at the end", "No punctuation at the end");
    assertSplits("", new String[0]);
    assertSplits("   ", new String[0]);
  }

  @Test
  void abbreviationsAndInitialsDoNotEndSentences() {
    assertSplits(
        "Dr. Smith and Mrs. Jones met Prof. Lee at St. Mary's. They talked.",
        "Dr. Smith and Mrs. Jones met Prof. Lee at St. Mary's.", "They talked.");
    assertSplits(
        "Bring fruit, e.g. apples, i.e. the red ones. Thanks.",
        "Bring fruit, e.g. apples, i.e. the red ones.", "Thanks.");
    assertSplits("J. K. Rowling wrote it. Mr. T agreed.", "J. K. Rowling wrote it.", "Mr. T agreed.");
    assertSplits("It was Smith vs. Jones. Jones won.", "It was Smith vs. Jones.", "Jones won.");
  }

  @Test
  void abbreviationsThatMayEndASentenceLookAtTheNextWord() {
    assertSplits(
        "We sell apples, pears, etc. and more. We open at 9 a.m. Come early.",
        "We sell apples, pears, etc. and more.", "We open at 9 a.m.", "Come early.");
    assertSplits(
        "She moved to the U.S. last year. She works at Acme Inc. Her boss is nice.",
        "She moved to the U.S. last year.", "She works at Acme Inc.", "Her boss is nice.");
    assertSplits("See No. 5 on the list. The answer is no. Sorry.",
        "See No. 5 on the list.", "The answer is no.", "Sorry.");
  }

  @Test
  void decimalsDomainsAndListNumbers() {
    assertSplits(
        "Pi is about 3.14 and e is 2.718. Version 2.0.1 is out. Visit example.com today.",
        "Pi is about 3.14 and e is 2.718.", "Version 2.0.1 is out.", "Visit example.com today.");
    assertSplits("It costs $4.99. That is cheap.", "It costs $4.99.", "That is cheap.");
    assertSplits("The year was 1999. Then came 2000.", "The year was 1999.", "Then came 2000.");
    assertSplits(
        "Steps:\n1. Open the app.\n2. Tap start. It loads.\n",
        "Steps:", "1. Open the app.", "2. Tap start.", "It loads.");
  }

  @Test
  void ellipses() {
    assertSplits(
        "Well... I think so. Wait\u2026 What? Hmm... maybe later.",
        "Well...", "I think so.", "Wait\u2026", "What?", "Hmm... maybe later.");
    assertSplits("And then... nothing.", "And then... nothing.");
  }

  @Test
  void newlinesEndSentencesAndEmptyLinesVanish() {
    assertSplits(
        "Here is a list:\n- milk\n- eggs\n\nThat's all\nfor now",
        "Here is a list:", "- milk", "- eggs", "That's all", "for now");
    assertSplits("Line one\r\nLine two", "Line one", "Line two");
  }

  @Test
  void quotesAndBracketsStayWithTheirSentence() {
    assertSplits(
        "He said \"Stop.\" Then he left. (It was late.) We slept.",
        "He said \"Stop.\"", "Then he left.", "(It was late.)", "We slept.");
    assertSplits("It is **done.** Next step.", "It is **done.**", "Next step.");
  }

  @Test
  void piecesWithoutWordsAreDropped() {
    assertSplits("... !!! ?", new String[0]);
    assertSplits("Okay. ... Next.", "Okay.", "Next.");
  }

  @Test
  void cjkTerminatorsNeedNoSpace() {
    assertSplits("\u4f60\u597d\u3002\u6211\u5f88\u597d\uff01\u8c22\u8c22", "\u4f60\u597d\u3002", "\u6211\u5f88\u597d\uff01", "\u8c22\u8c22");
  }

  @Test
  void longRunOnsAreCutAtAClauseBreakOrASpace() {
    String clause = "and then we walked along the river for a while, ";
    String runOn = "So " + clause.repeat(8) + "and that was it.";
    List<String> parts = feed(llmTokens(runOn));
    assertThat(parts).hasSizeGreaterThan(1);
    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(SentenceSplitter.DEFAULT_MAX_CHARS));
    assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(p -> assertThat(p).endsWith(","));
    assertThat(String.join(" ", parts)).isEqualTo(runOn.strip());
    assertThat(feed(chars(runOn))).isEqualTo(parts);

    String noCommas = "word ".repeat(100).strip();
    List<String> spaced = feed(llmTokens(noCommas));
    assertThat(spaced).hasSizeGreaterThan(2);
    assertThat(spaced).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(200));
    assertThat(String.join(" ", spaced)).isEqualTo(noCommas);

    String huge = "x".repeat(450);
    List<String> hard = feed(chars(huge));
    assertThat(hard).containsExactly("x".repeat(200), "x".repeat(200), "x".repeat(50));
  }

  @Test
  void theFirstSentenceIsOutBeforeTheReplyEnds() {
    String reply = "Sure thing. " + "Here is a much longer explanation that keeps going. ".repeat(20);
    SentenceSplitter s = new SentenceSplitter();
    List<String> tokens = llmTokens(reply);
    int firstAt = -1;
    for (int i = 0; i < tokens.size(); i++) {
      if (!s.offer(tokens.get(i)).isEmpty()) {
        firstAt = i;
        break;
      }
    }
    assertThat(firstAt).isEqualTo(3); // "Sure", " thing", ".", then " Here" closes it
  }

  @Test
  void badArguments() {
    assertThatThrownBy(() -> new SentenceSplitter(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SentenceSplitter().offer(null)).isInstanceOf(NullPointerException.class);
  }
}
