package org.voxmesh.speech.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate as the corpus report computes it: lowercase, strip punctuation, Levenshtein
 * alignment over words; errors = substitutions + deletions + insertions. Accumulates over many
 * utterances so the rate is pooled (total errors / total reference words).
 */
public final class WordErrorRate {

  private long referenceWords;
  private long substitutions;
  private long deletions;
  private long insertions;

  public static List<String> normalise(String text) {
    String s = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}'\\s]", " ").replace("'", "");
    String t = s.trim();
    return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
  }

  /** Scores one utterance and adds it to the totals; returns its error count. */
  public int add(String reference, String hypothesis) {
    List<String> r = normalise(reference);
    List<String> h = normalise(hypothesis);
    int[][] d = new int[r.size() + 1][h.size() + 1];
    for (int i = 0; i <= r.size(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= h.size(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= r.size(); i++) {
      for (int j = 1; j <= h.size(); j++) {
        int sub = d[i - 1][j - 1] + (r.get(i - 1).equals(h.get(j - 1)) ? 0 : 1);
        d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
      }
    }
    // walk back to split the distance into S/D/I
    int i = r.size();
    int j = h.size();
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0
          && d[i][j] == d[i - 1][j - 1] + (r.get(i - 1).equals(h.get(j - 1)) ? 0 : 1)) {
        if (!r.get(i - 1).equals(h.get(j - 1))) {
          substitutions++;
        }
        i--;
        j--;
      } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
        deletions++;
        i--;
      } else {
        insertions++;
        j--;
      }
    }
    referenceWords += r.size();
    return d[r.size()][h.size()];
  }

  public void addAll(WordErrorRate other) {
    referenceWords += other.referenceWords;
    substitutions += other.substitutions;
    deletions += other.deletions;
    insertions += other.insertions;
  }

  public long errors() {
    return substitutions + deletions + insertions;
  }

  public long referenceWords() {
    return referenceWords;
  }

  public double rate() {
    return referenceWords == 0 ? 0 : errors() / (double) referenceWords;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "WER %.1f%% (%d/%d: S=%d D=%d I=%d)",
        100 * rate(), errors(), referenceWords, substitutions, deletions, insertions);
  }
}
