package org.voxmesh.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxmesh.audio.AudioFormat;
import org.voxmesh.bus.message.BusMessage;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest;
import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.bus.message.TranscriptionRequest;

class BusRecordCodecTest {

  private final BusRecordCodec codec = new BusRecordCodec();

  @Test
  void everyMessageKindSurvivesTheWireUnchanged() {
    var settings = new IngestRequest.IngestSettings(AudioFormat.PCMU_8K,
        new IngestRequest.TurnSettings(0.6, 300, 500, null),
        new IngestRequest.TranscriptionSettings("gpt-4o-transcribe", "en", null));
    List<BusMessage> messages = List.of(
        new IngestRequest.Open("sess_1", "voxmesh.session.sess_1.inbox", settings),
        new IngestRequest.Configure(new IngestRequest.IngestSettings(AudioFormat.PCM16_24K, null, null)),
        new IngestRequest.Commit("item_1"),
        new IngestRequest.Clear(),
        new IngestReply.Opened("voxmesh.ingest.a.sess_1", "a"),
        new IngestReply.ChunkAck(42),
        new IngestReply.Committed("item_1", null, 100, 2000),
        new SessionInput.SpeechStarted("item_1", 120),
        new SessionInput.SpeechStopped("item_1", "item_0", 120, 900),
        new SessionInput.TranscriptDelta("item_1", "hello "),
        new SessionInput.TranscriptCompleted("item_1", "hello world", "en", "pocketsphinx-en-us", 1.25),
        new SessionInput.TranscriptFailed("item_1", "server_overloaded", "busy"),
        new TranscriptionRequest.TurnStart("item_1", 120, null, 8000),
        new TranscriptionRequest.TurnEnd("item_1", null, 120, 900));
    for (BusMessage message : messages) {
      assertThat(roundTrip(message)).as(message.getClass().getName()).isEqualTo(message);
    }
  }

  @Test
  void audioBytesTravelRawNotAsBase64() {
    byte[] audio = new byte[3200];
    for (int i = 0; i < audio.length; i++) {
      audio[i] = (byte) i;
    }
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, new IngestRequest.Audio(7, audio));
    // The audio hot path's compact form: a marker, the sequence number and the length on top of the audio.
    assertThat(wire.length()).isEqualTo(audio.length + 16);
    var decoded = (IngestRequest.Audio) codec.decodeFromWire(0, wire);
    assertThat(decoded.seq()).isEqualTo(7);
    assertThat(decoded.audio()).isEqualTo(audio);
  }

  @Test
  void hotPathMessagesDecodeWhereVertxPutThemInTheFrame() {
    Buffer wire = Buffer.buffer().appendString("frame header");
    int pos = wire.length();
    codec.encodeToWire(wire, new IngestRequest.Audio(9, new byte[] {1, 2, 3}));
    int second = wire.length();
    codec.encodeToWire(wire, new IngestReply.ChunkAck(9));
    var audio = (IngestRequest.Audio) codec.decodeFromWire(pos, wire);
    assertThat(audio.seq()).isEqualTo(9);
    assertThat(audio.audio()).containsExactly(1, 2, 3);
    assertThat(codec.decodeFromWire(second, wire)).isEqualTo(new IngestReply.ChunkAck(9));
    assertThat(roundTrip(new IngestRequest.Audio(0, new byte[0])))
        .isInstanceOfSatisfying(IngestRequest.Audio.class, a -> assertThat(a.audio()).isEmpty());
  }

  @Test
  void anUnknownMarkerIsRefusedClearly() {
    Buffer wire = Buffer.buffer().appendInt(-7).appendLong(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decodeFromWire(0, wire))
        .hasMessageContaining("unknown bus message marker -7");
  }

  @Test
  void localDeliveryPassesTheSameInstance() {
    var message = new TranscriptionRequest.TurnAudio("item_1", new byte[] {1, 2});
    assertThat(codec.transform(message)).isSameAs(message);
  }

  private BusMessage roundTrip(BusMessage message) {
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, message);
    return codec.decodeFromWire(0, wire);
  }
}
