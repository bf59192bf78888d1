package org.voxmesh.speech.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The turn rules on scripted probability sequences (32 ms frames), where every number is known. */
class TurnDetectorTest {

  private static final int FRAME_MS = 32;

  @Test
  void startIncludesThePrefixPaddingAndStopIncludesTheSilenceWindow() {
    // Silence for 1024 ms (32 frames), speech for 640 ms (20 frames), then silence.
    List<Timed> events = feed(TurnParams.defaults(), repeat(0.02f, 32), repeat(0.95f, 20), repeat(0.02f, 20));

    assertThat(events).containsExactly(
        new Timed(1024 + 64, new SpeechStarted(1024 - 300)), // confirmed after two speech frames
        new Timed(1664 + 224, new SpeechStopped(1664 + 200))); // heard at the first frame end past the window
  }

  @Test
  void prefixPaddingIsClampedAtTheStreamStart() {
    List<Timed> events = feed(TurnParams.defaults(), repeat(0.02f, 3), repeat(0.9f, 5));

    assertThat(events).extracting(Timed::event).containsExactly(new SpeechStarted(0));
  }

  @Test
  void aOneFrameBlipDoesNotStartATurn() {
    List<Timed> events = feed(TurnParams.defaults(), repeat(0.02f, 10), repeat(0.99f, 1), repeat(0.02f, 10),
        repeat(0.99f, 1), repeat(0.1f, 10));

    assertThat(events).isEmpty();
  }

  @Test
  void probabilitiesBetweenTheTwoThresholdsKeepTheTurnOpen() {
    // 0.4 is below the 0.5 threshold but above the 0.35 silence threshold: still speech.
    List<Timed> events = feed(TurnParams.defaults(), repeat(0.9f, 5), repeat(0.4f, 30), repeat(0.1f, 10));

    assertThat(events).extracting(Timed::event)
        .containsExactly(new SpeechStarted(0), new SpeechStopped(35 * FRAME_MS + 200));
  }

  @Test
  void speechInsideTheSilenceWindowCancelsTheStop() {
    TurnParams params = TurnParams.defaults().withSilenceDurationMs(500);
    List<Timed> events = feed(params, repeat(0.9f, 10), repeat(0.1f, 10), repeat(0.9f, 1), repeat(0.1f, 20));

    // The 320 ms pause is shorter than 500 ms; the window restarts after the speech frame at 640 ms.
    assertThat(events).extracting(Timed::event)
        .containsExactly(new SpeechStarted(0), new SpeechStopped(21 * FRAME_MS + 500));
  }

  @Test
  void aShorterSilenceWindowEndsTheTurnAtTheSamePause() {
    float[][] audio = {repeat(0.9f, 10), repeat(0.1f, 10), repeat(0.9f, 10), repeat(0.1f, 30)};

    assertThat(feed(TurnParams.defaults().withSilenceDurationMs(500), audio)).hasSize(2);
    assertThat(feed(TurnParams.defaults().withSilenceDurationMs(200), audio)).hasSize(4);
  }

  @Test
  void resetDropsAnOpenTurnWithoutAnEvent() {
    TurnDetector detector = new TurnDetector(TurnParams.defaults(), FRAME_MS);
    detector.onFrame(0.9f, 32);
    detector.onFrame(0.9f, 64);
    assertThat(detector.speaking()).isTrue();

    detector.reset();

    assertThat(detector.speaking()).isFalse();
    assertThat(detector.onFrame(0.1f, 96)).isEmpty();
    assertThat(detector.onFrame(0.9f, 128)).isEmpty();
    assertThat(detector.onFrame(0.9f, 160)).containsExactly(new SpeechStarted(0));
  }

  @Test
  void lowThresholdsStillLetATurnEnd() {
    TurnParams params = TurnParams.defaults().withThreshold(0.1f);

    assertThat(params.silenceThreshold()).isEqualTo(0.05f);
    assertThat(feed(params, repeat(0.3f, 5), repeat(0.02f, 10))).hasSize(2);
  }

  @Test
  void paramsRejectValuesOutsideTheirRangesNamingTheField() {
    assertThatThrownBy(() -> new TurnParams(1.5f, 300, 200)).hasMessage("threshold: 1.5 (expected: 0.0 to 1.0)");
    assertThatThrownBy(() -> new TurnParams(Float.NaN, 300, 200)).hasMessageContaining("threshold: NaN");
    assertThatThrownBy(() -> new TurnParams(0.5f, -1, 200)).hasMessage("prefixPaddingMs: -1 (expected: 0 to 60000)");
    assertThatThrownBy(() -> new TurnParams(0.5f, 300, 60_001))
        .hasMessage("silenceDurationMs: 60001 (expected: 0 to 60000)");
    assertThatThrownBy(() -> new TurnDetector(TurnParams.defaults(), 0)).hasMessage("frameMs: 0 (expected: > 0)");
    assertThat(TurnParams.defaults()).isEqualTo(new TurnParams(0.5f, 300, 200));
  }

  record Timed(long atMs, TurnEvent event) {}

  private static List<Timed> feed(TurnParams params, float[]... runs) {
    TurnDetector detector = new TurnDetector(params, FRAME_MS);
    List<Timed> out = new ArrayList<>();
    long end = 0;
    for (float[] run : runs) {
      for (float p : run) {
        end += FRAME_MS;
        for (TurnEvent e : detector.onFrame(p, end)) {
          out.add(new Timed(end, e));
        }
      }
    }
    return out;
  }

  private static float[] repeat(float p, int frames) {
    float[] out = new float[frames];
    java.util.Arrays.fill(out, p);
    return out;
  }
}
