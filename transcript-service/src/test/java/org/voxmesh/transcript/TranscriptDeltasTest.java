package org.voxmesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscriptDeltasTest {

  @Test
  void deltasAreWordsThatConcatenateToTheTranscript() {
    assertThat(TranscriptDeltas.split("turn on the lights")).containsExactly("turn", " on", " the", " lights");
    assertThat(String.join("", TranscriptDeltas.split("  odd  spacing here "))).isEqualTo("  odd  spacing here ");
  }

  @Test
  void emptyTranscriptHasNoDeltas() {
    assertThat(TranscriptDeltas.split("")).isEmpty();
  }
}
