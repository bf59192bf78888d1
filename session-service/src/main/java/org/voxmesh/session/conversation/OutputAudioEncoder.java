package org.voxmesh.session.conversation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.voxmesh.audio.AudioEncoding;
import org.voxmesh.audio.AudioFormat;
import org.voxmesh.audio.codec.G711;
import org.voxmesh.audio.dsp.Resampler;

/**
 * Turns a response's synthesised speech (PCM16 at the engine's rate) into the session's output
 * format, streaming: one resampler per response so chunk boundaries leave no clicks.
 */
final class OutputAudioEncoder {

  private final AudioFormat target;
  private final Resampler resampler;

  OutputAudioEncoder(int engineRate, AudioFormat target) {
    this.target = target;
    this.resampler = engineRate == target.sampleRate() ? null : new Resampler(engineRate, target.sampleRate());
  }

  byte[] encode(short[] pcm) {
    return bytes(resampler == null ? pcm : resampler.process(pcm));
  }

  byte[] flush() {
    return resampler == null ? new byte[0] : bytes(resampler.flush());
  }

  /** Milliseconds of audio in {@code bytes} of the output format. */
  long durationMs(long bytes) {
    return target.durationMs(bytes);
  }

  private byte[] bytes(short[] pcm) {
    if (target.encoding() == AudioEncoding.PCMU) {
      return G711.encodeUlaw(pcm);
    } else if (target.encoding() == AudioEncoding.PCMA) {
      return G711.encodeAlaw(pcm);
    }
    ByteBuffer out = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    out.asShortBuffer().put(pcm);
    return out.array();
  }
}
