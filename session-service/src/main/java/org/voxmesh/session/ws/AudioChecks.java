package org.voxmesh.session.ws;

import org.voxmesh.protocol.session.AudioFormatSpec;

/** Catches audio that cannot be in the session's input format before it reaches the pipeline. */
final class AudioChecks {

  private AudioChecks() {}

  /** A message for the client when the bytes are unusable, or null when they look right. */
  static String problem(byte[] audio, AudioFormatSpec format, int maxBytes) {
    if (audio.length == 0) {
      return "Invalid 'audio': the audio is empty.";
    }
    if (audio.length > maxBytes) {
      return "Invalid 'audio': " + audio.length + " bytes in one append (maximum: " + maxBytes + " bytes).";
    }
    if (audio.length >= 12 && audio[0] == 'R' && audio[1] == 'I' && audio[2] == 'F' && audio[3] == 'F'
        && audio[8] == 'W' && audio[9] == 'A' && audio[10] == 'V' && audio[11] == 'E') {
      return "Invalid 'audio': it starts with a WAV header. Send raw audio in the session's input format ("
          + describe(format) + "), without a container.";
    }
    if (format instanceof AudioFormatSpec.Pcm && audio.length % 2 != 0) {
      return "Invalid 'audio': " + audio.length + " bytes is not a whole number of 16-bit samples (audio/pcm).";
    }
    return null;
  }

  private static String describe(AudioFormatSpec format) {
    if (format instanceof AudioFormatSpec.Pcmu) {
      return "audio/pcmu, 8 kHz G.711 µ-law";
    } else if (format instanceof AudioFormatSpec.Pcma) {
      return "audio/pcma, 8 kHz G.711 A-law";
    }
    return "audio/pcm, 24 kHz 16-bit little-endian mono";
  }
}
