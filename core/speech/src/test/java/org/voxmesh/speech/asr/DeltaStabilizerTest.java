package org.voxmesh.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaStabilizerTest {

  /** Feeds the partials and the final; returns every non-empty delta in order. */
  private static List<String> run(DeltaStabilizer s, String finalText, String... partials) {
    List<String> deltas = new ArrayList<>();
    for (String p : partials) {
      String d = s.onPartial(p);
      if (!d.isEmpty()) {
        deltas.add(d);
      }
    }
    String last = s.onFinal(finalText);
    if (!last.isEmpty()) {
      deltas.add(last);
    }
    return deltas;
  }

  @Test
  void growingHypothesisIsEmittedWordByWordAndCompletedByTheFinal() {
    DeltaStabilizer s = new DeltaStabilizer(2, 0);
    List<String> deltas =
        run(
            s,
            "turn on the lights in the kitchen",
            "turn",
            "turn on",
            "turn on the",
            "turn on the light",
            "turn on the lights",
            "turn on the lights in");
    assertThat(deltas).containsExactly("turn", " on", " the", " lights", " in the kitchen");
    assertThat(String.join("", deltas)).isEqualTo("turn on the lights in the kitchen");
    assertThat(s.emitted()).isEqualTo("turn on the lights in the kitchen");
    assertThat(s.diverged()).isFalse();
  }

  @Test
  void aWordIsOnlyEmittedOnceEnoughPartialsAgreeOnIt() {
    DeltaStabilizer s = new DeltaStabilizer(3, 0);
    assertThat(s.onPartial("set")).isEmpty();
    assertThat(s.onPartial("set an")).isEmpty(); // "set" seen twice only
    assertThat(s.onPartial("set an alarm")).isEqualTo("set");
    assertThat(s.onPartial("set an alarm for")).isEqualTo(" an");
  }

  @Test
  void defaultHoldsBackTheNewestTwoWords() {
    DeltaStabilizer s = new DeltaStabilizer();
    assertThat(s.onPartial("what time does the")).isEmpty();
    assertThat(s.onPartial("what time does the")).isEmpty();
    // three identical partials agree on all four words, but the last two are held back
    assertThat(s.onPartial("what time does the")).isEqualTo("what time");
    assertThat(s.onFinal("what time does the train leave")).isEqualTo(" does the train leave");
  }

  @Test
  void neverRetractsAndWaitsWhileHypothesesDisagreeWithWhatWasEmitted() {
    DeltaStabilizer s = new DeltaStabilizer(2, 0);
    assertThat(s.onPartial("how many")).isEmpty();
    assertThat(s.onPartial("how many co")).isEqualTo("how many");
    // the decoder changes its mind about an emitted word: nothing is emitted meanwhile
    assertThat(s.onPartial("alma nicola")).isEmpty();
    assertThat(s.onPartial("alma nicola is")).isEmpty();
    // it comes back to agree with the emitted prefix: emission resumes after it
    assertThat(s.onPartial("how many kilometers")).isEmpty();
    assertThat(s.onPartial("how many kilometers is")).isEqualTo(" kilometers");
    assertThat(s.emitted()).isEqualTo("how many kilometers");
    assertThat(s.onFinal("how many kilometers is it from paris to berlin"))
        .isEqualTo(" is it from paris to berlin");
  }

  @Test
  void finalThatDivergesStopsTheDeltas() {
    DeltaStabilizer s = new DeltaStabilizer(2, 0);
    String emitted =
        String.join(
            "",
            s.onPartial("ted you"),
            s.onPartial("ted you repeat"),
            s.onPartial("ted you repeat that"));
    assertThat(emitted).isEqualTo("ted you repeat");
    assertThat(s.onFinal("could you repeat that a little more slowly please")).isEmpty();
    assertThat(s.diverged()).isTrue();
    assertThat(s.emitted()).isEqualTo("ted you repeat");
  }

  @Test
  void finalMustExtendAtAWordBoundary() {
    DeltaStabilizer s = new DeltaStabilizer(2, 0);
    s.onPartial("turn on the light");
    assertThat(s.onPartial("turn on the light in")).isEqualTo("turn on the light");
    // "light" became "lights": a string prefix, but not the same words
    assertThat(s.onFinal("turn on the lights in the kitchen")).isEmpty();
    assertThat(s.diverged()).isTrue();
  }

  @Test
  void finalEqualToWhatWasEmittedAddsNothing() {
    DeltaStabilizer s = new DeltaStabilizer(1, 0);
    assertThat(s.onPartial("yes that sounds good")).isEqualTo("yes that sounds good");
    assertThat(s.onFinal("yes that sounds good")).isEmpty();
    assertThat(s.diverged()).isFalse();
  }

  @Test
  void withoutStablePartialsTheFinalIsOneDelta() {
    DeltaStabilizer s = new DeltaStabilizer();
    assertThat(s.onPartial(null)).isEmpty();
    assertThat(s.onPartial("  ")).isEmpty();
    assertThat(s.onFinal("  open the garage door \n")).isEqualTo("open the garage door");
    assertThat(s.emitted()).isEqualTo("open the garage door");
  }

  @Test
  void emptyFinalAfterEmittedWordsIsADivergence() {
    DeltaStabilizer s = new DeltaStabilizer(1, 0);
    assertThat(s.onPartial("hello")).isEqualTo("hello");
    assertThat(s.onFinal("")).isEmpty();
    assertThat(s.diverged()).isTrue();
  }

  @Test
  void extraWhitespaceInPartialsIsNormalisedToSingleSpaces() {
    DeltaStabilizer s = new DeltaStabilizer(2, 0);
    s.onPartial("  send   a ");
    assertThat(s.onPartial("send a\tmessage")).isEqualTo("send a");
    assertThat(s.onFinal("send a message to john")).isEqualTo(" message to john");
  }

  @Test
  void rejectsUseAfterFinalAndBadSettings() {
    DeltaStabilizer s = new DeltaStabilizer();
    s.onFinal("done");
    assertThatThrownBy(() -> s.onPartial("more")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.onFinal("again")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new DeltaStabilizer(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeltaStabilizer(1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
