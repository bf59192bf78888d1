package org.voxmesh.gateway;

import java.util.Locale;
import org.voxmesh.audio.AudioEncoding;
import org.voxmesh.audio.AudioFormat;

/**
 * The {@code format} header of {@code voxmesh.audio-in.v1}: {@code audio/pcm} (PCM16 little-endian mono,
 * 24 kHz unless {@code ;rate=N} with 8000 <= N <= 48000), {@code audio/pcmu} or {@code audio/pcma}
 * (G.711, 8 kHz). Case and spaces around {@code ;} and {@code =} do not matter.
 */
final class AudioInFormats {

  private AudioInFormats() {}

  /** The format a header value names. @throws IllegalArgumentException if it names none */
  static AudioFormat parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("empty format");
    }
    String[] parts = value.toLowerCase(Locale.ROOT).split(";");
    String type = parts[0].trim();
    Integer rate = null;
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      if (kv.length != 2 || !kv[0].trim().equals("rate")) {
        throw new IllegalArgumentException("unknown format parameter '" + parts[i].trim() + "'");
      }
      try {
        rate = Integer.parseInt(kv[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("rate is not a number: '" + kv[1].trim() + "'");
      }
    }
    return switch (type) {
      case "audio/pcm" -> {
        int r = rate == null ? 24_000 : rate;
        if (r < 8_000 || r > 48_000) {
          throw new IllegalArgumentException("rate " + r + " (expected: 8000 to 48000)");
        }
        yield new AudioFormat(AudioEncoding.PCM16, r);
      }
      case "audio/pcmu", "audio/pcma" -> {
        if (rate != null && rate != 8_000) {
          throw new IllegalArgumentException(type + " is 8000 Hz only, got rate " + rate);
        }
        yield type.equals("audio/pcmu") ? AudioFormat.PCMU_8K : AudioFormat.PCMA_8K;
      }
      default -> throw new IllegalArgumentException("unknown format '" + value
          + "' (expected: audio/pcm[;rate=N], audio/pcmu or audio/pcma)");
    };
  }
}
