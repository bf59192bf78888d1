package org.voxmesh.session.ws;

import org.voxmesh.audio.AudioFormat;
import org.voxmesh.protocol.session.AudioFormatSpec;

/** The protocol's audio format union as the audio module's format. */
public final class AudioFormats {

  private AudioFormats() {}

  public static AudioFormat of(AudioFormatSpec spec) {
    if (spec instanceof AudioFormatSpec.Pcmu) {
      return AudioFormat.PCMU_8K;
    } else if (spec instanceof AudioFormatSpec.Pcma) {
      return AudioFormat.PCMA_8K;
    }
    return AudioFormat.PCM16_24K;
  }
}
