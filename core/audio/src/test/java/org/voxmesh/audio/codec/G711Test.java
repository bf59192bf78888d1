package org.voxmesh.audio.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxmesh.audio.Signals.snrDb;

import org.junit.jupiter.api.Test;
import org.voxmesh.audio.Corpus;

class G711Test {

  @Test
  void referenceCodesDecodeToTheStandardLevels() {
    assertThat(G711.decodeUlaw((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(G711.decodeUlaw((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(G711.decodeUlaw((byte) 0x00)).isEqualTo((short) -32124);
    assertThat(G711.decodeAlaw((byte) 0xD5)).isEqualTo((short) 8);
    assertThat(G711.decodeAlaw((byte) 0x55)).isEqualTo((short) -8);
    assertThat(G711.decodeAlaw((byte) 0xAA)).isEqualTo((short) 32256);
    assertThat(G711.decodeAlaw((byte) 0x2A)).isEqualTo((short) -32256);
    assertThat(G711.encodeUlaw((short) 0)).isEqualTo((byte) 0xFF);
    assertThat(G711.encodeAlaw((short) 0)).isEqualTo((byte) 0xD5);
  }

  @Test
  void everyCodeSurvivesDecodeThenEncode() {
    for (int code = 0; code < 256; code++) {
      byte b = (byte) code;
      // µ-law's "negative zero" 0x7F decodes to 0, which encodes as the positive zero 0xFF.
      byte expectedUlaw = code == 0x7F ? (byte) 0xFF : b;
      assertThat(G711.encodeUlaw(G711.decodeUlaw(b))).as("µ-law code %02x", code).isEqualTo(expectedUlaw);
      assertThat(G711.encodeAlaw(G711.decodeAlaw(b))).as("A-law code %02x", code).isEqualTo(b);
    }
  }

  @Test
  void louderInputNeverDecodesQuieter() {
    short previousU = Short.MIN_VALUE;
    short previousA = Short.MIN_VALUE;
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      short u = G711.decodeUlaw(G711.encodeUlaw((short) x));
      short a = G711.decodeAlaw(G711.encodeAlaw((short) x));
      assertThat(u).as("µ-law at %d", x).isGreaterThanOrEqualTo(previousU);
      assertThat(a).as("A-law at %d", x).isGreaterThanOrEqualTo(previousA);
      previousU = u;
      previousA = a;
    }
  }

  @Test
  void roundTripErrorStaysWithinHalfAQuantisationStep() {
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      short sample = (short) x;
      byte ulaw = G711.encodeUlaw(sample);
      byte alaw = G711.encodeAlaw(sample);
      int ulawError = Math.abs(G711.decodeUlaw(ulaw) - x);
      int alawError = Math.abs(G711.decodeAlaw(alaw) - x);
      // Slack: the laws first drop 2 (µ) or 3 (A) low bits. Beyond the largest level, the error is clipping.
      assertThat(ulawError).as("µ-law error at %d", x)
          .isLessThanOrEqualTo(Math.max(ulawStep(ulaw) / 2 + 4, Math.abs(x) - 32124));
      assertThat(alawError).as("A-law error at %d", x)
          .isLessThanOrEqualTo(Math.max(alawStep(alaw) / 2 + 8, Math.abs(x) - 32256));
    }
  }

  @Test
  void speechKeepsTelephoneQuality() {
    short[] speech = Corpus.wav("flite_slt", "s03");

    double ulawSnr = snrDb(speech, G711.decodeUlaw(G711.encodeUlaw(speech)));
    double alawSnr = snrDb(speech, G711.decodeAlaw(G711.encodeAlaw(speech)));

    // G.711's companding gives roughly 38 dB over a wide range of speech levels.
    assertThat(ulawSnr).isGreaterThan(35);
    assertThat(alawSnr).isGreaterThan(35);
  }

  /** Width of the code's quantisation step: 8 in µ-law's lowest segment, doubling per segment. */
  private static int ulawStep(byte code) {
    int segment = (~code & 0x70) >> 4;
    return 8 << segment;
  }

  /** Width of the code's quantisation step: 16 in A-law's two lowest segments, then doubling. */
  private static int alawStep(byte code) {
    int segment = ((code ^ 0x55) & 0x70) >> 4;
    return 16 << Math.max(0, segment - 1);
  }
}
