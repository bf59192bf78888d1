package org.voxmesh.testkit.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One corpus recording.
 *
 * @param voice the voice folder, e.g. {@code flite_slt}
 * @param id the sentence id from {@code transcripts.tsv}, e.g. {@code s01}
 * @param text the reference transcript
 * @param wav the 16 kHz mono PCM16 WAV file
 */
public record Utterance(String voice, String id, String text, Path wav) {

  /** Reads the WAV samples. */
  public PcmAudio read() {
    try {
      return WavReader.read(wav);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + wav, e);
    }
  }

  /** The audio encoded in a session format (raw bytes, no header), ready for input_audio_buffer.append. */
  public byte[] sessionAudio(SessionFormat format) {
    return format.encode(read());
  }

  /**
   * Writes {@link #sessionAudio} to {@code dir/<voice>-<id>.<format>} (once; an existing file is
   * reused) and returns the path, for the node clients' {@code --audio} flag.
   */
  public Path writeSessionAudio(Path dir, SessionFormat format) {
    Path out = dir.resolve(voice + "-" + id + "." + format.cliName());
    try {
      if (!Files.isRegularFile(out)) {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
        Files.write(tmp, sessionAudio(format));
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /** {@code voice/id}. */
  public String key() {
    return voice + "/" + id;
  }
}
