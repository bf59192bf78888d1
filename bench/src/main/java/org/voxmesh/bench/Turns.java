package org.voxmesh.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxmesh.bench.LoadSession.Event;
import org.voxmesh.bench.Program.Placed;

/**
 * Matches the server's turn events to the clips a session streamed, and times them.
 *
 * <p>Definitions (stream times in ms from the first appended sample; wall times from System.nanoTime):
 * <ul>
 *   <li>{@code E} = t0 + true speech end (energy scan): the moment the speaker stopped.
 *   <li>{@code A} = {@code audio_end_ms} of speech_stopped = start of the first VAD silence frame +
 *       silence_duration_ms. The VAD decides on the 32 ms frame that ends at {@code D = ceil(A / 32) * 32}.
 *       Its last sample is in append frame {@code k0 = ceil(D / 20) - 1}, due at {@code R0 = t0 + (k0 + 1) * 20}.
 *   <li>The 24 → 16 kHz resampler holds back a few samples of look-ahead ({@link #HELD_SAMPLES}), so the VAD
 *       frame is complete only once append frame {@code k = ceil((16 D + held) / 320) - 1} arrived: one frame
 *       later than {@code k0} when D falls on (or just before) a 20 ms boundary. {@code R = t0 + (k + 1) * 20};
 *       the client actually wrote frame k at {@code W >= R}.
 *   <li>speech_stopped lag = arrival − W: how late the event is after the client wrote the audio that
 *       completes the decision (socket, edge, bus, credit back-pressure, VAD queue, delivery, client receive).
 *   <li>end-of-speech → completed = arrival(completed) − E = silence window (silence_duration_ms)
 *       + VAD hang-over (R0 − E − silence window: the model's decay after the last word, 32 ms frames and
 *       20 ms appends) + look-ahead wait (R − R0: 0 or 20 ms) + client lateness (W − R, the load
 *       generator's timer) + engine finalisation F (time inside RecognitionStream.finish, measured
 *       in-process) + platform overhead (arrival(completed) − W − F).
 * </ul>
 */
final class Turns {

  /** 16 kHz samples the platform's 24 → 16 kHz converter holds back as filter look-ahead (measured). */
  static final int HELD_SAMPLES = heldSamples();

  private Turns() {}

  private static int heldSamples() {
    org.voxmesh.audio.PcmConverter c =
        org.voxmesh.audio.PcmConverter.create(org.voxmesh.audio.AudioFormat.PCM16_24K, 16_000);
    int out = 0;
    for (int i = 0; i < 10; i++) {
      out += c.convert(new byte[Clips.CHUNK_BYTES]).length;
    }
    return 10 * Clips.CHUNK_MS * 16 - out;
  }

  /** One streamed clip and what the server said about it. */
  static final class Turn {
    final int session;
    final Placed placed;
    final List<Event> stops = new ArrayList<>();
    Event completed;
    Event failed;
    TimedRecognizer.Finish finish;
    Long kafkaSeenNanos;
    final long t0;
    final long[] sent;

    Turn(int session, Placed placed, long t0, long[] sent) {
      this.session = session;
      this.placed = placed;
      this.t0 = t0;
      this.sent = sent;
    }

    Event stop() {
      return stops.isEmpty() ? null : stops.get(stops.size() - 1);
    }

    String itemId() {
      Event s = stop();
      return s == null ? null : s.itemId();
    }

    double endOfSpeechWallMs() {
      return t0 / 1e6 + placed.speechEndMs();
    }

    private long vadFrameEndMs() {
      return (stop().audioMs() + 31) / 32 * 32;
    }

    /** k0: the append frame holding the last sample of the VAD frame that decided the stop. */
    int lastSampleFrame() {
      return (int) ((vadFrameEndMs() + Clips.CHUNK_MS - 1) / Clips.CHUNK_MS) - 1;
    }

    /** k: the append frame whose arrival completed that VAD frame (after the resampler's look-ahead). */
    int decisiveFrame() {
      long samples = vadFrameEndMs() * 16 + HELD_SAMPLES;
      long perFrame = Clips.CHUNK_MS * 16L;
      return (int) ((samples + perFrame - 1) / perFrame) - 1;
    }

    /** R: when the decisive frame was due (ms, wall). */
    double decisionWallMs() {
      return t0 / 1e6 + (decisiveFrame() + 1) * (double) Clips.CHUNK_MS;
    }

    /** R − R0. */
    double lookaheadWaitMs() {
      return (decisiveFrame() - lastSampleFrame()) * (double) Clips.CHUNK_MS;
    }

    /** W: when the client actually wrote it (ms, wall); R if it never did. */
    double decisiveWriteMs() {
      int k = decisiveFrame();
      return k >= 0 && k < sent.length && sent[k] != 0 ? sent[k] / 1e6 : decisionWallMs();
    }

    double clientLatenessMs() {
      return decisiveWriteMs() - decisionWallMs();
    }

    double stoppedLagMs() {
      return stop().arrivalNanos() / 1e6 - decisiveWriteMs();
    }

    double totalMs() {
      return completed.arrivalNanos() / 1e6 - endOfSpeechWallMs();
    }

    double hangoverMs(int silenceMs) {
      return decisionWallMs() - lookaheadWaitMs() - endOfSpeechWallMs() - silenceMs;
    }

    double overheadMs() {
      return completed.arrivalNanos() / 1e6 - decisiveWriteMs() - finish.millis();
    }

    double beforeEngineMs() {
      return finish.startNanos() / 1e6 - decisiveWriteMs();
    }

    double afterEngineMs() {
      return (completed.arrivalNanos() - finish.endNanos()) / 1e6;
    }

    Double kafkaMs() {
      return kafkaSeenNanos == null || completed == null ? null : (kafkaSeenNanos - completed.arrivalNanos()) / 1e6;
    }
  }

  /** What happened in one run. */
  static final class Result {
    final List<Turn> turns = new ArrayList<>();
    int spuriousStops; // speech_stopped that fits no clip
    int unmatchedCompletions; // completed without a finish() record
  }

  static Result analyse(List<LoadSession> sessions, int silenceMs, List<TimedRecognizer.Finish> finishes) {
    Result result = new Result();
    Map<String, Deque<TimedRecognizer.Finish>> byText = new HashMap<>();
    for (TimedRecognizer.Finish f : finishes) {
      byText.computeIfAbsent(f.text(), k -> new ArrayDeque<>()).add(f);
    }
    for (LoadSession s : sessions) {
      List<Turn> mine = new ArrayList<>();
      for (Placed p : s.program.clips) {
        mine.add(new Turn(s.index, p, s.t0, s.sent));
      }
      Map<String, Turn> byItem = new LinkedHashMap<>();
      for (Event e : s.events) {
        if (e.type().equals(LoadSession.SPEECH_STOPPED)) {
          long silenceStart = e.audioMs() - silenceMs;
          Turn owner = null;
          for (Turn t : mine) {
            if (t.placed.startMs() <= silenceStart) {
              owner = t;
            }
          }
          if (owner == null) {
            result.spuriousStops++;
          } else {
            owner.stops.add(e);
            byItem.put(e.itemId(), owner);
          }
        }
      }
      for (Event e : s.events) {
        Turn t = byItem.get(e.itemId());
        if (t == null) {
          continue;
        }
        if (e.type().equals(LoadSession.COMPLETED) && e.itemId().equals(t.itemId())) {
          t.completed = e;
          t.finish = claim(byText, e);
          if (t.finish == null) {
            result.unmatchedCompletions++;
          }
        } else if (e.type().equals(LoadSession.FAILED) && e.itemId().equals(t.itemId())) {
          t.failed = e;
        }
      }
      result.turns.addAll(mine);
    }
    return result;
  }

  /** The finish() whose text and audio length match the event and that ended last before it arrived. */
  private static TimedRecognizer.Finish claim(Map<String, Deque<TimedRecognizer.Finish>> byText, Event completed) {
    Deque<TimedRecognizer.Finish> candidates = byText.get(completed.transcript() == null ? "" : completed.transcript().trim());
    if (candidates == null) {
      return null;
    }
    TimedRecognizer.Finish best = null;
    for (TimedRecognizer.Finish f : candidates) {
      if (Math.abs(f.audioMillis() - completed.usageMillis()) <= 1 && f.endNanos() <= completed.arrivalNanos()
          && (best == null || f.endNanos() > best.endNanos())) {
        best = f;
      }
    }
    if (best != null) {
      candidates.remove(best);
    }
    return best;
  }
}
