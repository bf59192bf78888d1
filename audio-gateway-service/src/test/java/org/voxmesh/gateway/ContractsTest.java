package org.voxmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxmesh.audio.AudioEncoding;
import org.voxmesh.audio.AudioFormat;
import org.voxmesh.bus.BusRecordCodec;
import org.voxmesh.bus.message.AudioStreamReply;
import org.voxmesh.bus.message.AudioStreamRequest;
import org.voxmesh.bus.message.BusMessage;
import org.voxmesh.bus.message.IngestRequest;

/** The format header, the stream/session id mapping and the bus records on the wire. */
class ContractsTest {

  @Test
  void formatHeaderValues() {
    assertThat(AudioInFormats.parse("audio/pcm")).isEqualTo(AudioFormat.PCM16_24K);
    assertThat(AudioInFormats.parse("audio/pcm;rate=24000")).isEqualTo(AudioFormat.PCM16_24K);
    assertThat(AudioInFormats.parse("Audio/PCM ; rate = 16000")).isEqualTo(AudioFormat.PCM16_16K);
    assertThat(AudioInFormats.parse("audio/pcm;rate=8000")).isEqualTo(new AudioFormat(AudioEncoding.PCM16, 8000));
    assertThat(AudioInFormats.parse("audio/pcmu")).isEqualTo(AudioFormat.PCMU_8K);
    assertThat(AudioInFormats.parse("audio/pcma")).isEqualTo(AudioFormat.PCMA_8K);
    assertThatThrownBy(() -> AudioInFormats.parse("audio/flac")).hasMessageContaining("unknown format 'audio/flac'");
    assertThatThrownBy(() -> AudioInFormats.parse("audio/pcm;rate=96000")).hasMessageContaining("8000 to 48000");
    assertThatThrownBy(() -> AudioInFormats.parse("audio/pcmu;rate=16000")).hasMessageContaining("8000 Hz only");
    assertThatThrownBy(() -> AudioInFormats.parse("audio/pcm;bits=8")).hasMessageContaining("unknown format parameter");
    assertThatThrownBy(() -> AudioInFormats.parse(" ")).hasMessageContaining("empty");
  }

  @Test
  void sessionIdsMapBackToTheirStreamUnambiguously() {
    String session = StreamIds.sessionId("call_42", 1764121212345L);
    assertThat(session).isEqualTo("sess_call_42_1764121212345");
    assertThat(StreamIds.streamIdOf(session)).isEqualTo("call_42");
    assertThat(StreamIds.streamIdOf("sess_a.b:c-d_1")).isEqualTo("a.b:c-d");
    assertThat(StreamIds.streamIdOf("sess_0123456789ABCDEFGHIJK")).isNull(); // a WebSocket session
    assertThat(StreamIds.streamIdOf(null)).isNull();
    assertThat(StreamIds.valid("x".repeat(128))).isTrue();
    assertThat(StreamIds.valid("x".repeat(129))).isFalse();
    assertThat(StreamIds.valid("a b")).isFalse();
    assertThat(StreamIds.valid("a/b")).isFalse();
    assertThat(StreamIds.valid("")).isFalse();
    assertThatThrownBy(() -> StreamIds.sessionId("bad id", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void audioStreamMessagesSurviveTheWire() {
    BusRecordCodec codec = new BusRecordCodec();
    List<BusMessage> messages = List.of(
        new AudioStreamRequest.Start("s1", AudioFormat.PCMU_8K, new IngestRequest.TurnSettings(0.5, 300, 500, null),
            new IngestRequest.TranscriptionSettings("gpt-4o-transcribe", "en", null), "my.events"),
        new AudioStreamRequest.Start("s1", AudioFormat.PCM16_24K, null, null, null),
        new AudioStreamRequest.End("s1"),
        new AudioStreamReply.Started("s1", "sess_s1_1", "voxmesh.audio.streams.g.s1"),
        new AudioStreamReply.ChunkTaken("s1", 7, true),
        new AudioStreamReply.Ended("s1", "sess_s1_1", 2));
    for (BusMessage m : messages) {
      Buffer wire = Buffer.buffer();
      codec.encodeToWire(wire, m);
      assertThat(codec.decodeFromWire(0, wire)).isEqualTo(m);
    }
    byte[] audio = new byte[960];
    audio[5] = 9;
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, new AudioStreamRequest.Chunk("s1", 3, audio));
    assertThat(wire.length()).isBetween(audio.length, audio.length + 80);
    var chunk = (AudioStreamRequest.Chunk) codec.decodeFromWire(0, wire);
    assertThat(chunk.seq()).isEqualTo(3);
    assertThat(chunk.audio()).isEqualTo(audio);
  }
}
