package org.voxmesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxmesh.bench.Clips.Clip;
import org.voxmesh.testkit.corpus.PcmAudio;

/** The arithmetic the benchmark numbers rest on (fast: no platform, no sockets). */
class BenchMathTest {

  @Test
  void percentilesAreNearestRank() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // unsorted on purpose
    }
    Stats s = Stats.of(values, 100);
    assertThat(s.p50()).isEqualTo(50);
    assertThat(s.p95()).isEqualTo(95);
    assertThat(s.p99()).isEqualTo(99);
    assertThat(s.max()).isEqualTo(100);
    assertThat(Stats.of(new double[] {7}, 1).p99()).isEqualTo(7);
  }

  @Test
  void aTurnThatNeverEndedCountsAsUnboundedLag() {
    Samples lag = new Samples();
    for (int i = 0; i < 99; i++) {
      lag.add(5);
    }
    lag.add(Double.POSITIVE_INFINITY);
    assertThat(lag.stats().p99()).isEqualTo(5);
    lag.add(Double.POSITIVE_INFINITY);
    assertThat(lag.stats().p99()).isInfinite();
  }

  @Test
  void energyScanFindsWhereTheToneStartsAndEnds() {
    short[] s = new short[16_000 * 3 / 2]; // 1.5 s
    for (int i = 3_200; i < 19_200; i++) { // 200 ms .. 1200 ms
      s[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
    }
    for (int i = 0; i < s.length; i++) {
      s[i] += (short) ((i * 7919) % 5 - 2); // a faint noise floor, far below the 40 dB range
    }
    assertThat(Clips.speechBounds(new PcmAudio(16_000, s))).containsExactly(200, 1200);
  }

  @Test
  void decisiveFrameFollowsTheVadFrameGrid() {
    Clip clip = new Clip("v/s", "t", 2000, 100, 1500, new String[100]);
    Program p = Program.of(List.of(clip), 300, 1000, 1500);
    assertThat(p.clips.get(0).startMs()).isEqualTo(300);
    assertThat(p.durationMs()).isEqualTo(300 + 2000 + 1000 + 1500);
    long[] sent = new long[p.frames.length];
    long t0 = 1_000_000_000L;
    for (int k = 0; k < sent.length; k++) {
      sent[k] = t0 + (k + 1) * 20_000_000L + 3_000_000L; // every frame written 3 ms late
    }
    Turns.Turn t = new Turns.Turn(0, p.clips.get(0), t0, sent);
    // silence from 1824 ms (a VAD frame start), + 500 ms window: audio_end_ms 2324; decided on the frame
    // ending at 2336 ms, whose last sample is in append frame 116 (2320..2340), due at t0 + 2340 ms
    t.stops.add(new LoadSession.Event(LoadSession.SPEECH_STOPPED, "item_1", 2324, t0 + 2_350_000_000L, null, 0, null));
    assertThat(t.decisiveFrame()).isEqualTo(116);
    assertThat(t.decisionWallMs() - t0 / 1e6).isEqualTo(2340);
    assertThat(t.clientLatenessMs()).isEqualTo(3, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(t.stoppedLagMs()).isEqualTo(7, org.assertj.core.api.Assertions.within(1e-6));
    // true end of speech at 300 + 1500 = 1800 ms: hang-over = 2340 - 1800 - 500
    assertThat(t.hangoverMs(500)).isEqualTo(40, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(t.lookaheadWaitMs()).isZero();
  }

  @Test
  void aVadFrameEndingOnAnAppendBoundaryWaitsForTheNextAppend() {
    assertThat(Turns.HELD_SAMPLES).isBetween(1, 160); // the resampler's look-ahead: under 10 ms
    Clip clip = new Clip("v/s", "t", 2000, 100, 1500, new String[100]);
    Program p = Program.of(List.of(clip), 300, 1000, 1500);
    Turns.Turn t = new Turns.Turn(0, p.clips.get(0), 0, new long[p.frames.length]);
    // audio_end_ms 2388 -> VAD frame ends at 2400 ms, exactly where append frame 119 ends; the resampler
    // still holds its last samples back, so the frame completes only with append frame 120
    t.stops.add(new LoadSession.Event(LoadSession.SPEECH_STOPPED, "item_1", 2388, 2_500_000_000L, null, 0, null));
    assertThat(t.lastSampleFrame()).isEqualTo(119);
    assertThat(t.decisiveFrame()).isEqualTo(120);
    assertThat(t.lookaheadWaitMs()).isEqualTo(20);
    assertThat(t.hangoverMs(500)).isEqualTo(2400 - 1800 - 500, org.assertj.core.api.Assertions.within(1e-6));
  }
}
