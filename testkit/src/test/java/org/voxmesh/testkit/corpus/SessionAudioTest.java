package org.voxmesh.testkit.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionAudioTest {

  @Test
  void silenceBytesMatchTheEncoders() {
    assertThat(SessionAudio.muLaw((short) 0)).isEqualTo((byte) 0xFF);
    assertThat(SessionAudio.aLaw((short) 0)).isEqualTo((byte) 0xD5);
    assertThat(SessionFormat.PCMU.silenceByte()).isEqualTo((byte) 0xFF);
    assertThat(SessionFormat.PCMA.silenceByte()).isEqualTo((byte) 0xD5);
    assertThat(SessionFormat.PCM16.silence(20)).hasSize(960).containsOnly((byte) 0);
    assertThat(SessionFormat.PCMU.silence(20)).hasSize(160).containsOnly((byte) 0xFF);
  }

  @Test
  void g711KnownCodes() {
    // µ-law: full-scale positive is 0x80, full-scale negative 0x00; A-law extremes 0xAA / 0x2A.
    assertThat(SessionAudio.muLaw(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
    assertThat(SessionAudio.muLaw(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
    assertThat(SessionAudio.aLaw(Short.MAX_VALUE)).isEqualTo((byte) 0xAA);
    assertThat(SessionAudio.aLaw(Short.MIN_VALUE)).isEqualTo((byte) 0x2A);
  }

  @Test
  void g711RoundTripsWithinQuantisationError() {
    for (int v = -32768; v <= 32767; v += 7) {
      short s = (short) v;
      int mu = SessionAudio.muLawDecode(SessionAudio.muLaw(s));
      int a = SessionAudio.aLawDecode(SessionAudio.aLaw(s));
      int tolerance = Math.max(16, Math.abs(v) / 16); // logarithmic quantiser: ~6 % of magnitude
      assertThat(Math.abs(mu - v)).as("mu-law %d -> %d", v, mu).isLessThanOrEqualTo(tolerance + 132);
      assertThat(Math.abs(a - v)).as("A-law %d -> %d", v, a).isLessThanOrEqualTo(tolerance + 16);
    }
  }

  @Test
  void pcm16LittleEndian() {
    byte[] b = SessionAudio.toPcm16Le(new short[] {1, -2, 0x1234});
    assertThat(b).containsExactly(0x01, 0x00, 0xFE, 0xFF, 0x34, 0x12);
    assertThat(SessionAudio.fromPcm16Le(b)).containsExactly((short) 1, (short) -2, (short) 0x1234);
  }

  @Test
  void upsamplingKeepsAToneAndLength() {
    short[] tone = sine(16_000, 440, 16_000, 10_000);
    short[] up = SessionAudio.resample(tone, 16_000, 24_000);
    assertThat(up).hasSize(24_000);
    assertThat(zeroCrossings(up) / 2.0).isBetween(435.0, 445.0);
    assertThat(rms(up, 1000, 23_000)).isBetween(rms(tone, 1000, 15_000) * 0.97, rms(tone, 1000, 15_000) * 1.03);
  }

  @Test
  void downsamplingRemovesWhatCannotBeRepresented() {
    short[] high = sine(16_000, 6_000, 16_000, 10_000); // above the 4 kHz Nyquist of 8 kHz
    short[] low = sine(16_000, 500, 16_000, 10_000);
    short[] highDown = SessionAudio.resample(high, 16_000, 8_000);
    short[] lowDown = SessionAudio.resample(low, 16_000, 8_000);
    assertThat(highDown).hasSize(8_000);
    assertThat(rms(highDown, 500, 7_500)).isLessThan(rms(high, 500, 15_500) * 0.05);
    assertThat(rms(lowDown, 500, 7_500)).isGreaterThan(rms(low, 500, 15_500) * 0.97);
  }

  @Test
  void formatEncodeSizes() {
    PcmAudio second = new PcmAudio(16_000, sine(16_000, 300, 16_000, 8_000));
    assertThat(SessionFormat.PCM16.encode(second)).hasSize(48_000);
    assertThat(SessionFormat.PCMU.encode(second)).hasSize(8_000);
    assertThat(SessionFormat.PCMA.encode(second)).hasSize(8_000);
    assertThat(SessionFormat.fromCliName("pcma")).isEqualTo(SessionFormat.PCMA);
    assertThat(SessionFormat.PCM16.bytesPerMs()).isEqualTo(48);
  }

  static short[] sine(int rate, double hz, int n, double amplitude) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return s;
  }

  private static int zeroCrossings(short[] s) {
    int c = 0;
    for (int i = 1; i < s.length; i++) {
      if ((s[i - 1] < 0) != (s[i] < 0)) {
        c++;
      }
    }
    return c;
  }

  private static double rms(short[] s, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) s[i] * s[i];
    }
    return Math.sqrt(sum / (to - from));
  }
}
