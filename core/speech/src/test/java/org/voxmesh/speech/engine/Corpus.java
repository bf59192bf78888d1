package org.voxmesh.speech.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared speech test corpus ({@code ${voxmesh.home}/../shared/speech/corpus}): 22 sentences
 * spoken by 5 synthetic voices, 16 kHz mono PCM16 WAVs, references in {@code transcripts.tsv}.
 */
public final class Corpus {

  /** The voices PocketSphinx can recognise (espeak is left out: see the corpus README). */
  public static final String[] ACCURACY_VOICES = {"flite_slt", "flite_kal16", "fest_kal", "fest_slt"};

  private Corpus() {}

  public static Path dir() {
    String home = System.getProperty("voxmesh.home");
    Path root = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    Path dir = root.resolve("../shared/speech/corpus").normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("speech corpus not found at " + dir);
    }
    return dir;
  }

  /** id (s01..s22) to reference text, in file order. */
  public static Map<String, String> transcripts() {
    Map<String, String> m = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(dir().resolve("transcripts.tsv"), StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split("\t", 2);
        m.put(parts[0].trim(), parts[1].trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  public static short[] samples(String voice, String id) {
    return readWav16kMono(dir().resolve(voice).resolve(id + ".wav"));
  }

  /** Reads a RIFF/WAVE PCM16 mono 16 kHz file, walking the chunks; rejects anything else. */
  public static short[] readWav16kMono(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12
        || !"RIFF".equals(ascii(bytes, 0))
        || !"WAVE".equals(ascii(bytes, 8))) {
      throw new IllegalArgumentException(file + ": not a RIFF/WAVE file");
    }
    int pos = 12;
    boolean fmtSeen = false;
    while (pos + 8 <= bytes.length) {
      String id = ascii(bytes, pos);
      int size = b.getInt(pos + 4);
      int body = pos + 8;
      if (id.equals("fmt ")) {
        int format = b.getShort(body) & 0xffff;
        int channels = b.getShort(body + 2);
        int rate = b.getInt(body + 4);
        int bits = b.getShort(body + 14);
        if ((format != 1 && format != 0xfffe) || channels != 1 || rate != 16_000 || bits != 16) {
          throw new IllegalArgumentException(
              file + ": want PCM16 mono 16 kHz, got format " + format + ", " + channels
                  + " ch, " + rate + " Hz, " + bits + " bit");
        }
        fmtSeen = true;
      } else if (id.equals("data")) {
        if (!fmtSeen) {
          throw new IllegalArgumentException(file + ": data before fmt");
        }
        int n = Math.min(size, bytes.length - body) / 2;
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
          out[i] = b.getShort(body + 2 * i);
        }
        return out;
      }
      pos = body + size + (size & 1);
    }
    throw new IllegalArgumentException(file + ": no data chunk");
  }

  private static String ascii(byte[] b, int off) {
    return new String(b, off, 4, StandardCharsets.US_ASCII);
  }
}
