package org.voxmesh.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voxmesh.audio.Signals.concat;
import static org.voxmesh.audio.Signals.snrDb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxmesh.audio.dsp.Resampler;

class PcmConverterTest {

  private final short[] speech = Corpus.wav("flite_slt", "s03");

  @Test
  void pcm16AtTheTargetRatePassesThroughBitExact() {
    PcmConverter converter = PcmConverter.create(AudioFormat.PCM16_16K, 16_000);

    short[] out = concat(converter.convert(Pcm16.toBytes(speech)), converter.flush());

    assertThat(out).isEqualTo(speech);
  }

  @Test
  void speechSentAt24kHzArrivesAt16kHzUnchanged() {
    byte[] wire = AudioEncoder.encode(speech, 16_000, AudioFormat.PCM16_24K);
    PcmConverter converter = PcmConverter.create(AudioFormat.PCM16_24K, 16_000);

    short[] out = concat(converter.convert(wire), converter.flush());

    assertThat(wire).hasSize(speech.length * 3 / 2 * 2);
    assertThat(out).hasSize(speech.length);
    // Only the band between 7.5 and 8 kHz is lost on the way up and back down.
    assertThat(snrDb(speech, out)).isGreaterThan(50);
  }

  @Test
  void telephoneAudioIsDecodedAndUpsampledWithG711Quality() {
    // What 16 kHz speech becomes when it only passes through 8 kHz, without any codec.
    Resampler down = new Resampler(16_000, 8_000);
    Resampler up = new Resampler(8_000, 16_000);
    short[] narrowband = concat(up.process(concat(down.process(speech), down.flush())), up.flush());

    for (AudioFormat format : List.of(AudioFormat.PCMU_8K, AudioFormat.PCMA_8K)) {
      byte[] wire = AudioEncoder.encode(speech, 16_000, format);
      PcmConverter converter = PcmConverter.create(format, 16_000);

      short[] out = concat(converter.convert(wire), converter.flush());

      assertThat(wire).as("%s bytes", format).hasSize(speech.length / 2);
      assertThat(out).as("%s samples", format).hasSize(speech.length);
      assertThat(snrDb(narrowband, out)).as("%s SNR in dB", format).isGreaterThan(35);
    }
  }

  @Test
  void chunksWithOddByteCountsGiveTheSameSamplesAsTheWholeStream() {
    byte[] wire = AudioEncoder.encode(speech, 16_000, AudioFormat.PCM16_24K);
    PcmConverter whole = PcmConverter.create(AudioFormat.PCM16_24K, 16_000);
    short[] expected = concat(whole.convert(wire), whole.flush());

    PcmConverter chunked = PcmConverter.create(AudioFormat.PCM16_24K, 16_000);
    List<short[]> parts = new ArrayList<>();
    int[] sizes = {1, 3, 0, 7, 960, 1, 1, 4801, 2};
    for (int pos = 0, k = 0; pos < wire.length; k++) {
      int size = Math.min(sizes[k % sizes.length], wire.length - pos);
      parts.add(chunked.convert(Arrays.copyOfRange(wire, pos, pos + size)));
      pos += size;
    }
    parts.add(chunked.flush());

    assertThat(concat(parts.toArray(short[][]::new))).isEqualTo(expected);
  }

  @Test
  void flushDropsADanglingHalfSampleAndStartsAFreshStream() {
    PcmConverter converter = PcmConverter.create(AudioFormat.PCM16_16K, 16_000);

    assertThat(converter.convert(new byte[] {0x34, 0x12, 0x7F})).containsExactly((short) 0x1234);
    assertThat(converter.flush()).isEmpty();
    assertThat(converter.convert(new byte[] {0x02, 0x01})).containsExactly((short) 0x0102);
  }

  @Test
  void flushReturnsTheHeldBackTailSoNoAudioIsLost() {
    PcmConverter converter = PcmConverter.create(AudioFormat.PCMU_8K, 16_000);
    byte[] wire = AudioEncoder.encode(speech, 16_000, AudioFormat.PCMU_8K);

    short[] body = converter.convert(wire);
    short[] tail = converter.flush();
    short[] again = concat(converter.convert(wire), converter.flush());

    assertThat(tail).isNotEmpty();
    assertThat(body.length + tail.length).isEqualTo(wire.length * 2);
    assertThat(again).isEqualTo(concat(body, tail));
  }

  @Test
  void rejectsANonPositiveTargetRate() {
    assertThatThrownBy(() -> PcmConverter.create(AudioFormat.PCMU_8K, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("targetRate: 0 (expected: > 0)");
  }
}
