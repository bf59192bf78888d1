package org.voxmesh.speech.turn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.voxmesh.speech.vad.VoiceActivityDetector;

/** Runs a whole 16 kHz stream through a detector and a turn detector, as the ingest pipeline does. */
final class VadTurns {

  private VadTurns() {}

  static List<TurnEvent> run(VoiceActivityDetector detector, TurnParams params, short[] stream) {
    int frame = detector.frameSamples();
    int frameMs = frame * 1000 / detector.sampleRate();
    TurnDetector turns = new TurnDetector(params, frameMs);
    List<TurnEvent> events = new ArrayList<>();
    for (int f = 0; (f + 1) * frame <= stream.length; f++) {
      float p = detector.speechProbability(Arrays.copyOfRange(stream, f * frame, (f + 1) * frame));
      events.addAll(turns.onFrame(p, (f + 1L) * frameMs));
    }
    return events;
  }

  static long turnCount(List<TurnEvent> events) {
    return events.stream().filter(e -> e instanceof SpeechStarted).count();
  }
}
