package org.voxmesh.testkit.corpus;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, from a minimum
 * edit-distance (Levenshtein) alignment of normalised word sequences.
 *
 * <p>Normalisation: Unicode NFKC, lower case, apostrophes removed ({@code don't -> dont}), every
 * other character that is not a letter or digit becomes a space ({@code twenty-one -> twenty one}),
 * whitespace collapsed.
 *
 * <p>Among alignments of equal minimum cost the backtrace prefers, from the end, a match or
 * substitution, then a deletion, then an insertion; the error total is the same for all of them.
 */
public final class WordErrorRate {

  private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u2018\u02bc`]");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private WordErrorRate() {}

  public static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = APOSTROPHES.matcher(s).replaceAll("");
    s = NON_WORD.matcher(s).replaceAll(" ");
    return s.strip();
  }

  public static List<String> words(String text) {
    String n = normalize(text);
    return n.isEmpty() ? List.of() : Arrays.asList(n.split(" "));
  }

  /** The alignment of one reference/hypothesis pair. */
  public static Alignment align(String reference, String hypothesis) {
    return align(words(reference), words(hypothesis));
  }

  /** Aligns already-normalised word lists. */
  public static Alignment align(List<String> ref, List<String> hyp) {
    int n = ref.size();
    int m = hyp.size();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int diag = d[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
        d[i][j] = Math.min(diag, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
      }
    }
    List<Edit> edits = new ArrayList<>();
    int s = 0;
    int del = 0;
    int ins = 0;
    int i = n;
    int j = m;
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0) {
        boolean same = ref.get(i - 1).equals(hyp.get(j - 1));
        if (d[i][j] == d[i - 1][j - 1] + (same ? 0 : 1)) {
          edits.add(new Edit(same ? Op.MATCH : Op.SUBSTITUTION, ref.get(i - 1), hyp.get(j - 1)));
          if (!same) {
            s++;
          }
          i--;
          j--;
          continue;
        }
      }
      if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
        edits.add(new Edit(Op.DELETION, ref.get(i - 1), null));
        del++;
        i--;
      } else {
        edits.add(new Edit(Op.INSERTION, null, hyp.get(j - 1)));
        ins++;
        j--;
      }
    }
    Collections.reverse(edits);
    return new Alignment(n, s, del, ins, List.copyOf(edits));
  }

  /** Word error rate of one pair (see {@link Alignment#rate()}). */
  public static double rate(String reference, String hypothesis) {
    return align(reference, hypothesis).rate();
  }

  /** Starts a pooled measurement over many pairs. */
  public static Pool pool() {
    return new Pool();
  }

  public enum Op { MATCH, SUBSTITUTION, DELETION, INSERTION }

  /** One aligned position: {@code ref} is null for insertions, {@code hyp} null for deletions. */
  public record Edit(Op op, String ref, String hyp) {}

  /**
   * @param referenceWords N
   * @param substitutions S
   * @param deletions D
   * @param insertions I
   * @param edits the alignment, in order
   */
  public record Alignment(int referenceWords, int substitutions, int deletions, int insertions, List<Edit> edits) {

    public int errors() {
      return substitutions + deletions + insertions;
    }

    /** (S+D+I)/N; for an empty reference 0 when the hypothesis is empty too, else 1. */
    public double rate() {
      if (referenceWords == 0) {
        return errors() == 0 ? 0.0 : 1.0;
      }
      return (double) errors() / referenceWords;
    }

    /** E.g. {@code turn on the [lights->light] (*kitchen) [+now]} plus the counts. */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      for (Edit e : edits) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        switch (e.op()) {
          case MATCH -> sb.append(e.ref());
          case SUBSTITUTION -> sb.append('[').append(e.ref()).append("->").append(e.hyp()).append(']');
          case DELETION -> sb.append("(*").append(e.ref()).append(')');
          case INSERTION -> sb.append("[+").append(e.hyp()).append(']');
        }
      }
      return String.format(Locale.ROOT, "%s  (N=%d S=%d D=%d I=%d WER=%.3f)", sb, referenceWords, substitutions,
          deletions, insertions, rate());
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** Pooled WER over many pairs: total errors / total reference words. Not thread-safe. */
  public static final class Pool {
    private int pairs;
    private int referenceWords;
    private int substitutions;
    private int deletions;
    private int insertions;
    private final List<String> details = new ArrayList<>();

    private Pool() {}

    public Alignment add(String reference, String hypothesis) {
      return add(null, reference, hypothesis);
    }

    /** Adds one pair; {@code label} (e.g. an utterance key) appears in {@link #report()}. */
    public Alignment add(String label, String reference, String hypothesis) {
      Alignment a = align(reference, hypothesis);
      pairs++;
      referenceWords += a.referenceWords();
      substitutions += a.substitutions();
      deletions += a.deletions();
      insertions += a.insertions();
      details.add((label == null ? "" : label + ": ") + a.describe());
      return a;
    }

    public int pairs() {
      return pairs;
    }

    public int referenceWords() {
      return referenceWords;
    }

    public int substitutions() {
      return substitutions;
    }

    public int deletions() {
      return deletions;
    }

    public int insertions() {
      return insertions;
    }

    public int errors() {
      return substitutions + deletions + insertions;
    }

    /** Total errors over total reference words (0 when nothing was added). */
    public double rate() {
      if (referenceWords == 0) {
        return errors() == 0 ? 0.0 : 1.0;
      }
      return (double) errors() / referenceWords;
    }

    /** One line per pair plus a summary, for assertion messages. */
    public String report() {
      return String.join("\n", details) + String.format(Locale.ROOT,
          "%npooled: pairs=%d N=%d S=%d D=%d I=%d WER=%.3f", pairs, referenceWords, substitutions, deletions,
          insertions, rate());
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "WER %.3f (pairs=%d N=%d S=%d D=%d I=%d)", rate(), pairs, referenceWords,
          substitutions, deletions, insertions);
    }
  }
}
