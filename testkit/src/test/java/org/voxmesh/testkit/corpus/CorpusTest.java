package org.voxmesh.testkit.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

  @Test
  void findsEveryVoiceWith22Utterances() {
    Corpus corpus = Corpus.load();
    assertThat(corpus.voices()).contains("flite_slt", "flite_kal16", "fest_kal", "fest_slt", Corpus.ESPEAK);
    assertThat(corpus.accuracyVoices()).doesNotContain(Corpus.ESPEAK).hasSize(corpus.voices().size() - 1);
    assertThat(corpus.transcripts()).hasSize(22);
    for (String voice : corpus.voices()) {
      assertThat(corpus.utterances(voice)).as(voice).hasSize(22);
    }
    assertThat(corpus.all()).hasSize(22 * corpus.voices().size());
    Utterance u = corpus.utterance("flite_slt", "s01");
    assertThat(u.text()).isEqualTo("turn on the lights in the kitchen");
    assertThat(u.key()).isEqualTo("flite_slt/s01");
    assertThat(corpus.text("s04")).isEqualTo("the quick brown fox jumps over the lazy dog");
  }

  @Test
  void readsTheRecordingsAsSixteenKilohertzMono() {
    Corpus corpus = Corpus.load();
    for (Utterance u : corpus.utterances("flite_slt")) {
      PcmAudio audio = u.read();
      assertThat(audio.sampleRate()).isEqualTo(16_000);
      assertThat(audio.durationMs()).as(u.key()).isBetween(500.0, 15_000.0);
      assertThat(peak(audio.samples())).as(u.key()).isGreaterThan(1000);
    }
  }

  @Test
  void writesSessionAudio(@TempDir Path dir) throws IOException {
    Utterance u = Corpus.load().utterance("fest_slt", "s02");
    int samples = u.read().samples().length;
    Path pcm = u.writeSessionAudio(dir, SessionFormat.PCM16);
    Path ulaw = u.writeSessionAudio(dir, SessionFormat.PCMU);
    assertThat(pcm.getFileName().toString()).isEqualTo("fest_slt-s02.pcm16");
    assertThat(Files.size(pcm)).isEqualTo((long) samples * 24 / 16 * 2);
    assertThat(Files.size(ulaw)).isEqualTo(samples / 2);
    assertThat(u.writeSessionAudio(dir, SessionFormat.PCM16)).isEqualTo(pcm);
  }

  @Test
  void unknownNamesFailClearly() {
    Corpus corpus = Corpus.load();
    assertThatThrownBy(() -> corpus.utterances("nope")).hasMessageContaining("no voice nope");
    assertThatThrownBy(() -> corpus.utterance("flite_slt", "s99")).hasMessageContaining("flite_slt/s99");
  }

  @Test
  void wavReaderSkipsOtherChunksAndMixesChannels() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(ascii("WAVE"));
    body.write(ascii("LIST"));
    body.write(le32(3));
    body.write(new byte[] {1, 2, 3, 0}); // odd-sized chunk plus its pad byte
    body.write(ascii("fmt "));
    body.write(le32(16));
    body.write(le16(1));
    body.write(le16(2)); // stereo
    body.write(le32(8000));
    body.write(le32(8000 * 4));
    body.write(le16(4));
    body.write(le16(16));
    body.write(ascii("data"));
    body.write(le32(8));
    body.write(le16(100));
    body.write(le16(300));
    body.write(le16(-100));
    body.write(le16(-300));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(ascii("RIFF"));
    file.write(le32(body.size()));
    file.write(body.toByteArray());
    PcmAudio audio = WavReader.parse(file.toByteArray(), "test");
    assertThat(audio.sampleRate()).isEqualTo(8000);
    assertThat(audio.samples()).containsExactly((short) 200, (short) -200);
    assertThatThrownBy(() -> WavReader.parse(ascii("RIFX...."), "bad")).hasMessageContaining("not a RIFF/WAVE");
  }

  private static int peak(short[] s) {
    int p = 0;
    for (short v : s) {
      p = Math.max(p, Math.abs(v));
    }
    return p;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static byte[] le32(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  private static byte[] le16(int v) {
    return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array();
  }
}
