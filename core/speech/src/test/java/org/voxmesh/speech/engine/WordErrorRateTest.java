package org.voxmesh.speech.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordErrorRateTest {

  @Test
  void identicalTextAfterNormalisationHasNoErrors() {
    WordErrorRate w = new WordErrorRate();
    assertThat(w.add("Turn on the lights, please!", "turn on the lights please")).isZero();
    assertThat(w.rate()).isZero();
    assertThat(w.referenceWords()).isEqualTo(5);
  }

  @Test
  void countsSubstitutionsDeletionsAndInsertions() {
    WordErrorRate w = new WordErrorRate();
    // ref: a b c d ; hyp: a x c d e -> 1 substitution, 1 insertion
    assertThat(w.add("a b c d", "a x c d e")).isEqualTo(2);
    // ref: one two three ; hyp: one three -> 1 deletion
    assertThat(w.add("one two three", "one three")).isEqualTo(1);
    assertThat(w.errors()).isEqualTo(3);
    assertThat(w.referenceWords()).isEqualTo(7);
    assertThat(w.toString()).contains("S=1 D=1 I=1");
  }

  @Test
  void emptyHypothesisDeletesEverything() {
    WordErrorRate w = new WordErrorRate();
    assertThat(w.add("how do i reset my password", "")).isEqualTo(6);
    assertThat(w.rate()).isEqualTo(1.0);
  }
}
