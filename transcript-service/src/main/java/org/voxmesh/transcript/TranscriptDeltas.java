package org.voxmesh.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a final transcript into word-sized deltas that concatenate back to exactly the transcript,
 * the way streaming transcription models deliver text (clients that build captions from deltas
 * alone then show the same text as the completed event).
 */
final class TranscriptDeltas {

  private TranscriptDeltas() {}

  static List<String> split(String transcript) {
    List<String> deltas = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= transcript.length(); i++) {
      if (i == transcript.length() || (transcript.charAt(i) == ' ' && transcript.charAt(i - 1) != ' ')) {
        if (i > start) {
          deltas.add(transcript.substring(start, i));
        }
        start = i;
      }
    }
    return deltas;
  }
}
