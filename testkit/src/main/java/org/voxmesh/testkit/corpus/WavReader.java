package org.voxmesh.testkit.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A deliberately tiny RIFF/WAVE reader for 16-bit PCM (format tag 1 or WAVE_FORMAT_EXTENSIBLE);
 * several channels are averaged to mono. Kept private to the test kit on purpose.
 */
final class WavReader {

  private WavReader() {}

  static PcmAudio read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  static PcmAudio parse(byte[] bytes, String name) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || b.getInt(0) != 0x46464952 /* RIFF */ || b.getInt(8) != 0x45564157 /* WAVE */) {
      throw new IOException(name + ": not a RIFF/WAVE file");
    }
    int channels = -1;
    int rate = -1;
    int bits = -1;
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      int id = b.getInt(pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id == 0x20746d66 /* "fmt " */) {
        if (size < 16) {
          throw new IOException(name + ": fmt chunk too short");
        }
        int tag = Short.toUnsignedInt(b.getShort(body));
        channels = Short.toUnsignedInt(b.getShort(body + 2));
        rate = b.getInt(body + 4);
        bits = Short.toUnsignedInt(b.getShort(body + 14));
        if (tag != 1 && tag != 0xFFFE) {
          throw new IOException(name + ": unsupported WAVE format tag " + tag + " (PCM only)");
        }
      } else if (id == 0x61746164 /* "data" */) {
        if (channels < 1 || bits != 16) {
          throw new IOException(name + ": need a fmt chunk with 16-bit PCM before data (bits=" + bits + ")");
        }
        int available = (int) Math.min(size, bytes.length - body); // tolerate a truncated/streamed size
        int frames = available / (2 * channels);
        short[] samples = new short[frames];
        for (int f = 0; f < frames; f++) {
          int acc = 0;
          for (int c = 0; c < channels; c++) {
            acc += b.getShort(body + 2 * (f * channels + c));
          }
          samples[f] = (short) (acc / channels);
        }
        return new PcmAudio(rate, samples);
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are word-aligned
    }
    throw new IOException(name + ": no data chunk");
  }
}
