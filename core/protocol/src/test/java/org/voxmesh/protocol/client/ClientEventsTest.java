package org.voxmesh.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.voxmesh.protocol.item.ContentPart;
import org.voxmesh.protocol.item.Item;
import org.voxmesh.protocol.json.Dialect;
import org.voxmesh.protocol.json.ParseResult;
import org.voxmesh.protocol.json.RealtimeJson;
import org.voxmesh.protocol.session.Tool;
import org.voxmesh.protocol.session.WireEnums;

class ClientEventsTest {

  private static final RealtimeJson JSON = RealtimeJson.of(Dialect.GA);

  @Test
  void appendAudioArrivesDecoded() {
    byte[] pcm = new byte[4800];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (byte) i;
    }
    InputAudioBufferAppend append = (InputAudioBufferAppend) parsed(
        "{\"audio\":\"" + Base64.getEncoder().encodeToString(pcm) + "\",\"type\":\"input_audio_buffer.append\"}");
    assertThat(append.audio()).isEqualTo(pcm);
    assertThat(append.eventId()).isNull();

    // padding is optional (some encoders drop it)
    InputAudioBufferAppend unpadded = (InputAudioBufferAppend) parsed(
        "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AQI\"}");
    assertThat(unpadded.audio()).containsExactly(1, 2);
  }

  @Test
  void visitorDispatchesEveryEvent() {
    List<String> frames = List.of(
        "{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}",
        "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}",
        "{\"type\":\"input_audio_buffer.commit\"}",
        "{\"type\":\"input_audio_buffer.clear\"}",
        "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[]}}",
        "{\"type\":\"conversation.item.retrieve\",\"item_id\":\"i\"}",
        "{\"type\":\"conversation.item.truncate\",\"item_id\":\"i\",\"content_index\":0,\"audio_end_ms\":0}",
        "{\"type\":\"conversation.item.delete\",\"item_id\":\"i\"}",
        "{\"type\":\"response.create\"}",
        "{\"type\":\"response.cancel\"}",
        "{\"type\":\"output_audio_buffer.clear\"}");
    List<String> visited = new ArrayList<>();
    ClientEventVisitor<String> names = new ClientEventVisitor<>() {
      public String sessionUpdate(SessionUpdate e) { return "session.update"; }
      public String inputAudioBufferAppend(InputAudioBufferAppend e) { return "input_audio_buffer.append"; }
      public String inputAudioBufferCommit(InputAudioBufferCommit e) { return "input_audio_buffer.commit"; }
      public String inputAudioBufferClear(InputAudioBufferClear e) { return "input_audio_buffer.clear"; }
      public String conversationItemCreate(ConversationItemCreate e) { return "conversation.item.create"; }
      public String conversationItemRetrieve(ConversationItemRetrieve e) { return "conversation.item.retrieve"; }
      public String conversationItemTruncate(ConversationItemTruncate e) { return "conversation.item.truncate"; }
      public String conversationItemDelete(ConversationItemDelete e) { return "conversation.item.delete"; }
      public String responseCreate(ResponseCreate e) { return "response.create"; }
      public String responseCancel(ResponseCancel e) { return "response.cancel"; }
      public String outputAudioBufferClear(OutputAudioBufferClear e) { return "output_audio_buffer.clear"; }
    };
    for (String frame : frames) {
      ClientEvent event = parsed(frame);
      visited.add(event.accept(names));
      assertThat(event.accept(names)).isEqualTo(JSON.names().client().get(event.getClass()));
    }
    assertThat(visited).containsExactlyElementsOf(JSON.names().client().values());
  }

  @Test
  void typedBodiesAreAvailable() {
    ResponseCreate create = (ResponseCreate) parsed("{\"type\":\"response.create\",\"event_id\":\"r1\",\"response\":"
        + "{\"conversation\":\"none\",\"output_modalities\":[\"text\"],"
        + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":null}],"
        + "\"input\":[{\"type\":\"item_reference\",\"id\":\"item_1\"}]}}");
    assertThat(create.response().outOfBand()).isTrue();
    assertThat(create.response().outputModalities()).containsExactly(WireEnums.OutputModality.TEXT);
    assertThat(create.response().tools()).containsExactly(new Tool.Function("f", null, null));
    assertThat(create.response().input()).containsExactly(new Item.Reference("item_1"));

    ConversationItemCreate item = (ConversationItemCreate) parsed("{\"type\":\"conversation.item.create\","
        + "\"previous_item_id\":\"root\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":"
        + "[{\"type\":\"input_audio\",\"audio\":\"AQID\"}]}}");
    Item.Message message = (Item.Message) item.item();
    assertThat(item.previousItemId()).isEqualTo(ConversationItemCreate.ROOT);
    assertThat(message.id()).isNull();
    assertThat(((ContentPart.InputAudio) message.content().get(0)).audio()).containsExactly(1, 2, 3);
    assertThat(message.withId("item_x").id()).isEqualTo("item_x");
  }

  @Test
  void writerOmitsUnsetOptionalKeys() {
    assertThat(JSON.write(new InputAudioBufferCommit(null))).isEqualTo("{\"type\":\"input_audio_buffer.commit\"}");
    assertThat(JSON.write(new InputAudioBufferAppend("a1", new byte[] {1, 2, 3})))
        .isEqualTo("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"a1\",\"audio\":\"AQID\"}");
    assertThat(JSON.write(new ResponseCancel(null, "resp_1")))
        .isEqualTo("{\"type\":\"response.cancel\",\"response_id\":\"resp_1\"}");
  }

  @Test
  void codecIsThreadSafe() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int n = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            String id = "e" + n + "_" + i;
            ParseResult ok = JSON.parse("{\"type\":\"conversation.item.delete\",\"event_id\":\"" + id
                + "\",\"item_id\":\"i\"}");
            ParseResult bad = JSON.parse("{\"type\":\"conversation.item.delete\",\"event_id\":\"" + id + "\"}");
            if (!(ok instanceof ParseResult.Parsed p) || !id.equals(p.event().eventId())
                || !(bad instanceof ParseResult.Failed f) || !id.equals(f.error().eventId())) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ClientEvent parsed(String frame) {
    ParseResult result = JSON.parse(frame);
    assertThat(result).as(String.valueOf(result)).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).event();
  }
}
