package org.voxmesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.Endpoint;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.bus.message.TranscriptionReply;
import org.voxmesh.bus.message.TranscriptionRequest;
import org.voxmesh.runtime.Node;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.speech.engine.pocketsphinx.PocketSphinxConfig;
import org.voxmesh.speech.engine.pocketsphinx.PocketSphinxRecognizer;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.corpus.WordErrorRate;
import org.voxmesh.testkit.kafka.ConsumedRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.transcript.publish.DurableTranscriptSink;
import org.voxmesh.transcript.publish.TranscriptPublishConfig;

/**
 * An ingest that dies mid-turn never ends its turn. The transcript verticle (real PocketSphinx with a
 * pool of two decoders, the real bus, the durable sink on the embedded broker) is driven over the bus
 * the way an ingest drives it; the test plays ingests that stop talking.
 */
class AbandonedTurnReaperTest {

  private static final int DECODERS = 2;
  private static final long TURN_IDLE_MS = 800;
  private static final long SESSION_IDLE_MS = 2_500;

  private static Vertx vertx;
  private static PocketSphinxRecognizer recognizer;
  private static DurableTranscriptSink sink;
  private static Corpus corpus;
  private static String bootstrap;

  @BeforeAll
  static void start() throws Exception {
    corpus = Corpus.load();
    bootstrap = EmbeddedKafka.bootstrapServers();
    Settings settings = Settings.of(Map.of(
        "kafka.bootstrap.servers", bootstrap,
        "asr.max.decoders", Integer.toString(DECODERS),
        "transcript.turn.idle.timeout.ms", Long.toString(TURN_IDLE_MS),
        "transcript.session.idle.timeout.ms", Long.toString(SESSION_IDLE_MS)));
    vertx = Node.start(settings).await(30, TimeUnit.SECONDS);
    Path dataDir = Files.createTempDirectory("reaper-test");
    sink = TranscriptPublishConfig.from(settings, dataDir, bootstrap).startSink(vertx).await(60, TimeUnit.SECONDS);
    recognizer = new PocketSphinxRecognizer(PocketSphinxConfig.defaults().withMaxDecoders(DECODERS));
    vertx.deployVerticle(new TranscriptVerticle(TranscriptConfig.from(settings), recognizer, sink)).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (sink != null) {
      sink.close().await(30, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    if (recognizer != null) {
      recognizer.close();
    }
  }

  @Test
  void abandonedTurnsGiveTheirDecodersBackAndTheirSessionsHearTheTurnFailed() throws Exception {
    Utterance speech = corpus.utterance("flite_slt", "s01");
    byte[] pcm = pcm16k(speech);

    // Two ingests start a turn each, send a second of speech, then die (nothing more comes).
    IngestSide deadA = IngestSide.open("dead-a");
    IngestSide deadB = IngestSide.open("dead-b");
    deadA.send(new TranscriptionRequest.TurnStart("item_a", 0, null, 16_000));
    long lastA = System.nanoTime();
    deadA.send(new TranscriptionRequest.TurnAudio("item_a", Arrays.copyOf(pcm, 32_000)));
    deadB.send(new TranscriptionRequest.TurnStart("item_b", 0, null, 16_000));
    long lastB = System.nanoTime();
    deadB.send(new TranscriptionRequest.TurnAudio("item_b", Arrays.copyOf(pcm, 32_000)));
    assertThat(recognizer.decodersInUse()).as("the dead turns hold the whole pool").isEqualTo(DECODERS);

    // Meanwhile the pool is exhausted: a live session's turn is refused.
    IngestSide refused = IngestSide.open("refused");
    refused.send(new TranscriptionRequest.TurnStart("item_r", 0, null, 16_000));
    refused.send(new TranscriptionRequest.TurnEnd("item_r", null, 0, 1000));
    SessionInput.TranscriptFailed overloaded = refused.awaitFailed("item_r");
    assertThat(overloaded.code()).isEqualTo("server_overloaded");

    // After the idle timeout both turns are aborted and their sessions told why.
    SessionInput.TranscriptFailed failedA = deadA.awaitFailed("item_a");
    long reapedA = (System.nanoTime() - lastA) / 1_000_000;
    SessionInput.TranscriptFailed failedB = deadB.awaitFailed("item_b");
    long reapedB = (System.nanoTime() - lastB) / 1_000_000;
    System.out.printf("abandoned turns failed %d and %d ms after their last audio (turn idle timeout %d ms): %s%n",
        reapedA, reapedB, TURN_IDLE_MS, failedA);
    assertThat(List.of(reapedA, reapedB)).allSatisfy(ms -> assertThat(ms).isBetween(TURN_IDLE_MS, TURN_IDLE_MS + 4_000)); // slack for a loaded box
    for (SessionInput.TranscriptFailed f : List.of(failedA, failedB)) {
      assertThat(f.code()).isEqualTo("transcription_timeout");
      assertThat(f.message()).contains("stopped arriving").contains("Later turns are transcribed");
    }
    waitUntil(Duration.ofSeconds(2), () -> recognizer.decodersInUse() == 0);

    // A late end for an abandoned turn (a slow ingest, not a dead one) is not reported a second time.
    deadB.send(new TranscriptionRequest.TurnEnd("item_b", null, 0, 1000));
    Thread.sleep(300);
    assertThat(deadB.inbox).hasSize(1);

    // The whole pool is back: two turns at once transcribe real speech. One gets its audio in slices
    // with pauses shorter than the timeout, for longer than the timeout: a live turn is never reaped.
    IngestSide liveA = IngestSide.open("live-a");
    IngestSide liveB = IngestSide.open("live-b");
    liveA.send(new TranscriptionRequest.TurnStart("item_la", 0, null, 16_000));
    liveB.send(new TranscriptionRequest.TurnStart("item_lb", 0, null, 16_000));
    liveB.send(new TranscriptionRequest.TurnAudio("item_lb", pcm));
    liveB.send(new TranscriptionRequest.TurnEnd("item_lb", null, 0, 3000));
    int slice = 6_400; // 0.2 s, sent every quarter of the timeout: a 4x margin on a loaded box
    long sliced = System.nanoTime();
    for (int off = 0; off < pcm.length; off += slice) {
      liveA.send(new TranscriptionRequest.TurnAudio("item_la", Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + slice))));
      Thread.sleep(TURN_IDLE_MS / 4);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - sliced)).isGreaterThan(Duration.ofMillis(TURN_IDLE_MS * 2));
    liveA.send(new TranscriptionRequest.TurnEnd("item_la", null, 0, 3000));
    for (IngestSide live : List.of(liveA, liveB)) {
      SessionInput.TranscriptCompleted done = live.awaitCompleted();
      double wer = WordErrorRate.rate(speech.text(), done.transcript());
      System.out.printf("%s: \"%s\" (WER %.2f)%n", live.name, done.transcript(), wer);
      assertThat(wer).as("%s transcribes the speech", live.name).isLessThan(0.5);
    }
    assertThat(liveA.inbox).noneMatch(e -> e instanceof SessionInput.TranscriptFailed);
    waitUntil(Duration.ofSeconds(2), () -> recognizer.decodersInUse() == 0);

    // And they reach Kafka.
    List<String> sessions = List.of(liveA.sessionId, liveB.sessionId);
    List<ConsumedRecord> records = EmbeddedKafka.consumeAll(bootstrap, Topics.TRANSCRIPTS, 1, Duration.ofSeconds(20)).stream()
        .filter(r -> sessions.contains(r.key()) || r.key().equals(deadA.sessionId) || r.key().equals(deadB.sessionId)).toList();
    assertThat(records).extracting(r -> TranscriptRecord.fromJson(r.value().getBytes(StandardCharsets.UTF_8)).itemId())
        .containsExactlyInAnyOrder("item_la", "item_lb");
  }

  @Test
  void aSessionIdleForLongIsClosedAndALiveIngestCanOpenItAgain() throws Exception {
    IngestSide quiet = IngestSide.open("quiet");
    quiet.send(new TranscriptionRequest.TurnAbort("nothing")); // one request, then silence

    // Still served well into the idle timeout (and this request counts as the ingest being alive)...
    Thread.sleep(SESSION_IDLE_MS * 3 / 5);
    assertThat(quiet.noHandler()).as("served %d ms after its last request", SESSION_IDLE_MS * 3 / 5).isFalse();
    // ...and gone once it was quiet for the whole timeout: the ingest's next request finds no handler.
    Thread.sleep(SESSION_IDLE_MS + 2_000); // (probing earlier would count as a request and keep it open)
    assertThat(quiet.noHandler()).as("closed %d ms after its last request", SESSION_IDLE_MS + 2_000).isTrue();

    // What the ingest's link does then: open the session again and carry on.
    IngestSide again = IngestSide.reopen(quiet);
    again.send(new TranscriptionRequest.TurnStart("item_q", 0, null, 16_000));
    again.send(new TranscriptionRequest.TurnAudio("item_q", pcm16k(corpus.utterance("flite_slt", "s02"))));
    again.send(new TranscriptionRequest.TurnEnd("item_q", null, 0, 3000));
    assertThat(again.awaitCompleted().transcript()).isNotBlank();
  }

  // -------------------------------------------------------------------------------------------------------------

  /** One session as its ingest sees the transcript service: the per-session address and the session inbox. */
  private static final class IngestSide {
    final String name;
    final String sessionId;
    final List<SessionInput> inbox;
    final Endpoint<TranscriptionRequest, TranscriptionReply> endpoint;

    private IngestSide(String name, String sessionId, List<SessionInput> inbox,
        Endpoint<TranscriptionRequest, TranscriptionReply> endpoint) {
      this.name = name;
      this.sessionId = sessionId;
      this.inbox = inbox;
      this.endpoint = endpoint;
    }

    static IngestSide open(String name) throws Exception {
      String sessionId = "sess_" + name.replace('-', '_') + "_" + UUID.randomUUID().toString().substring(0, 8);
      List<SessionInput> inbox = new CopyOnWriteArrayList<>();
      vertx.eventBus().<SessionInput>consumer(Addresses.sessionInbox(sessionId), m -> inbox.add(m.body())).completion()
          .await(5, TimeUnit.SECONDS);
      return new IngestSide(name, sessionId, inbox, openLink(sessionId));
    }

    static IngestSide reopen(IngestSide old) throws Exception {
      return new IngestSide(old.name, old.sessionId, old.inbox, openLink(old.sessionId));
    }

    private static Endpoint<TranscriptionRequest, TranscriptionReply> openLink(String sessionId) throws Exception {
      TranscriptionReply.Opened opened = (TranscriptionReply.Opened) Addresses.TRANSCRIPTION_OPEN
          .request(vertx, new TranscriptionRequest.Open(sessionId, Addresses.sessionInbox(sessionId)), 5_000)
          .await(10, TimeUnit.SECONDS);
      return Addresses.transcriptionSession(opened.instanceId(), sessionId);
    }

    void send(TranscriptionRequest request) throws Exception {
      endpoint.request(vertx, request, 10_000).await(15, TimeUnit.SECONDS);
    }

    boolean noHandler() {
      try {
        send(new TranscriptionRequest.TurnAbort("probe"));
        return false;
      } catch (ReplyException e) {
        return e.failureType() == ReplyFailure.NO_HANDLERS;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    SessionInput.TranscriptFailed awaitFailed(String itemId) throws InterruptedException {
      return (SessionInput.TranscriptFailed) await(e -> e instanceof SessionInput.TranscriptFailed f && f.itemId().equals(itemId),
          "failure of " + itemId);
    }

    SessionInput.TranscriptCompleted awaitCompleted() throws InterruptedException {
      return (SessionInput.TranscriptCompleted) await(e -> e instanceof SessionInput.TranscriptCompleted, "a transcript");
    }

    private SessionInput await(java.util.function.Predicate<SessionInput> match, String what) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        for (SessionInput e : inbox) {
          if (match.test(e)) {
            return e;
          }
        }
        Thread.sleep(20);
      }
      throw new AssertionError(name + ": no " + what + " in the inbox; got " + inbox);
    }
  }

  private static byte[] pcm16k(Utterance u) {
    short[] samples = u.read().resampled(16_000).samples();
    ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asShortBuffer().put(samples);
    return bytes.array();
  }

  private static void waitUntil(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition still false after %s", timeout).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
