package org.voxmesh.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {

  @TempDir Path tmp;

  @Test
  void readsACorpusRecording() throws IOException {
    WavFile wav = WavFile.read(Corpus.dir().resolve("fest_kal/s01.wav"));

    assertThat(wav.sampleRate()).isEqualTo(16_000);
    assertThat(wav.channels()).isEqualTo(1);
    assertThat(wav.durationMs()).isBetween(1_000L, 10_000L);
    assertThat(Signals.rms(wav.samples())).as("speech, not silence").isGreaterThan(300);
  }

  @Test
  void skipsUnknownChunksIncludingOddSizedOnes() throws IOException {
    short[] samples = {0, 1, -1, 32767, -32768, 1234};
    Path file = tmp.resolve("odd.wav");
    Files.write(file, wav(1, 16, 22_050, 2, chunk("LIST", new byte[] {'a', 'b', 'c'}),
        chunk("data", Pcm16.toBytes(samples))));

    WavFile wav = WavFile.read(file);

    assertThat(wav.sampleRate()).isEqualTo(22_050);
    assertThat(wav.channels()).isEqualTo(2);
    assertThat(wav.samples()).containsExactly(samples);
  }

  @Test
  void refusesEightBitAudioNamingTheFileAndTheExpectation() throws IOException {
    Path file = tmp.resolve("u8.wav");
    Files.write(file, wav(1, 8, 8_000, 1, chunk("data", new byte[] {(byte) 128, (byte) 128})));

    assertThatThrownBy(() -> WavFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("expected: PCM (1) with 16-bit samples");
  }

  @Test
  void refusesAFileThatIsNotAWav() throws IOException {
    Path file = tmp.resolve("not.wav");
    Files.writeString(file, "ID3 definitely an mp3");

    assertThatThrownBy(() -> WavFile.read(file)).hasMessage(file + ": not a RIFF/WAVE file");
  }

  private static byte[] wav(int format, int bits, int rate, int channels, byte[]... chunks) {
    ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    fmt.putShort((short) format).putShort((short) channels).putInt(rate)
        .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(chunk("fmt ", fmt.array()));
    for (byte[] c : chunks) {
      body.writeBytes(c);
    }
    return concatBytes(header("RIFF", body.size()), body.toByteArray());
  }

  private static byte[] chunk(String id, byte[] data) {
    byte[] padded = data.length % 2 == 0 ? data : java.util.Arrays.copyOf(data, data.length + 1);
    return concatBytes(header(id, data.length), padded);
  }

  private static byte[] header(String id, int size) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .put(id.getBytes(StandardCharsets.US_ASCII)).putInt(size).array();
  }

  private static byte[] concatBytes(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
