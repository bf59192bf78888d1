package org.voxmesh.testkit.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.voxmesh.testkit.corpus.WordErrorRate.Alignment;
import org.voxmesh.testkit.corpus.WordErrorRate.Op;
import org.voxmesh.testkit.corpus.WordErrorRate.Pool;

class WordErrorRateTest {

  @Test
  void normalisesCasePunctuationApostrophesAndSpaces() {
    assertThat(WordErrorRate.normalize("  Turn on the LIGHTS,   in the kitchen!\n")).isEqualTo("turn on the lights in the kitchen");
    assertThat(WordErrorRate.normalize("Don't stop — it's twenty-one degrees.")).isEqualTo("dont stop its twenty one degrees");
    assertThat(WordErrorRate.normalize("I\u2019ll be late")).isEqualTo("ill be late");
    assertThat(WordErrorRate.normalize("?!")).isEmpty();
    assertThat(WordErrorRate.words("")).isEmpty();
    assertThat(WordErrorRate.words(null)).isEmpty();
  }

  @Test
  void identicalAfterNormalisationIsZero() {
    Alignment a = WordErrorRate.align("Turn on the lights in the kitchen.", "turn ON the lights, in the kitchen");
    assertThat(a.errors()).isZero();
    assertThat(a.referenceWords()).isEqualTo(7);
    assertThat(a.rate()).isZero();
  }

  @Test
  void substitutionAndDeletion() {
    Alignment a = WordErrorRate.align("the cat sat on the mat", "the cat sit on mat");
    assertThat(a.substitutions()).isEqualTo(1);
    assertThat(a.deletions()).isEqualTo(1);
    assertThat(a.insertions()).isZero();
    assertThat(a.referenceWords()).isEqualTo(6);
    assertThat(a.rate()).isCloseTo(2.0 / 6, within(1e-12));
    assertThat(a.edits()).extracting(WordErrorRate.Edit::op).containsExactly(
        Op.MATCH, Op.MATCH, Op.SUBSTITUTION, Op.MATCH, Op.DELETION, Op.MATCH);
    assertThat(a.describe()).startsWith("the cat [sat->sit] on (*the) mat");
  }

  @Test
  void insertions() {
    Alignment a = WordErrorRate.align("a b c", "x a b c y");
    assertThat(a.substitutions()).isZero();
    assertThat(a.deletions()).isZero();
    assertThat(a.insertions()).isEqualTo(2);
    assertThat(a.rate()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void mixedEdits() {
    // ref: what is the weather going to be like tomorrow morning (9 words)
    // hyp: what is weather gonna be like tomorrow morning please
    Alignment a = WordErrorRate.align("what is the weather going to be like tomorrow morning",
        "what is weather gonna be like tomorrow morning please");
    assertThat(a.referenceWords()).isEqualTo(10);
    assertThat(a.substitutions()).isEqualTo(1); // going -> gonna
    assertThat(a.deletions()).isEqualTo(2); // the, to
    assertThat(a.insertions()).isEqualTo(1); // please
    assertThat(a.errors()).isEqualTo(4);
  }

  @Test
  void allWrongCanExceedOne() {
    Alignment a = WordErrorRate.align("yes", "no no no");
    assertThat(a.substitutions()).isEqualTo(1);
    assertThat(a.insertions()).isEqualTo(2);
    assertThat(a.rate()).isEqualTo(3.0);
  }

  @Test
  void emptySides() {
    Alignment none = WordErrorRate.align("", "");
    assertThat(none.errors()).isZero();
    assertThat(none.rate()).isZero();
    Alignment ins = WordErrorRate.align("", "hello there");
    assertThat(ins.insertions()).isEqualTo(2);
    assertThat(ins.rate()).isEqualTo(1.0);
    Alignment del = WordErrorRate.align("hello there", "");
    assertThat(del.deletions()).isEqualTo(2);
    assertThat(del.rate()).isEqualTo(1.0);
  }

  @Test
  void pooledRateWeightsByReferenceLength() {
    Pool pool = WordErrorRate.pool();
    pool.add("s1", "one two three", "one two four"); // 1 error / 3
    pool.add("s2", "a b c d e f g", "a b c d e f g"); // 0 / 7
    assertThat(pool.pairs()).isEqualTo(2);
    assertThat(pool.referenceWords()).isEqualTo(10);
    assertThat(pool.substitutions()).isEqualTo(1);
    assertThat(pool.rate()).isCloseTo(0.1, within(1e-12)); // not the mean of 1/3 and 0
    assertThat(pool.report()).contains("s1: one two [three->four]").contains("pooled: pairs=2 N=10 S=1 D=0 I=0 WER=0.100");
    assertThat(WordErrorRate.pool().rate()).isZero();
  }
}
