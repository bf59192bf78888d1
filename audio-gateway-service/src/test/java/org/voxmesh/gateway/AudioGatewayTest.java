package org.voxmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxmesh.audio.AudioFormat;
import org.voxmesh.bus.Addresses;
import org.voxmesh.bus.Endpoint;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.bus.message.AudioStreamReply;
import org.voxmesh.bus.message.AudioStreamRequest;
import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.ingest.IngestConfig;
import org.voxmesh.ingest.IngestVerticle;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.runtime.Node;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.speech.asr.Recognizers;
import org.voxmesh.speech.asr.SpeechRecognizer;
import org.voxmesh.speech.vad.SileroVadEngine;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.corpus.WordErrorRate;
import org.voxmesh.testkit.kafka.ConsumedRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.transcript.TranscriptConfig;
import org.voxmesh.transcript.TranscriptVerticle;
import org.voxmesh.transcript.publish.DurableTranscriptSink;
import org.voxmesh.transcript.publish.TranscriptPublishConfig;

/**
 * The gateway against the real ingest and transcript services (Silero VAD, PocketSphinx) and a real
 * KRaft broker: audio in on the bus and on {@code voxmesh.audio-in.v1}, transcripts out on
 * {@code voxmesh.transcripts.v1}.
 */
class AudioGatewayTest {

  private static final String GROUP = "voxmesh-audio-gateway-test-" + UUID.randomUUID();
  private static final Duration TRANSCRIPT_WAIT = Duration.ofSeconds(40);

  private static final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private static PrintStream originalErr;
  private static Vertx vertx;
  private static DurableTranscriptSink sink;
  private static SileroVadEngine vad;
  private static SpeechRecognizer recognizer;
  private static Corpus corpus;
  private static Path dataDir;
  private static KafkaProducer<String, byte[]> producer;

  @BeforeAll
  static void start() throws Exception {
    // The console log appender writes to the current System.err: keep a copy to check the drop log lines.
    originalErr = System.err;
    System.setErr(new PrintStream(new TeeStream(originalErr, captured), true, StandardCharsets.UTF_8));

    corpus = Corpus.load();
    String bootstrap = EmbeddedKafka.bootstrapServers();
    dataDir = Files.createTempDirectory("gateway-test");
    Settings settings = Settings.of(Map.of(
        "kafka.bootstrap.servers", bootstrap,
        "asr.max.decoders", "2",
        "gateway.kafka.group.id", GROUP,
        "gateway.kafka.commit.interval.ms", "100"));
    vertx = Node.start(settings).await(60, TimeUnit.SECONDS);
    sink = TranscriptPublishConfig.from(settings, dataDir, bootstrap).startSink(vertx).await(60, TimeUnit.SECONDS);
    vad = SileroVadEngine.load(SileroVadEngine.defaultModelPath());
    TranscriptConfig transcriptConfig = TranscriptConfig.from(settings);
    recognizer = Recognizers.create(transcriptConfig.recognizer());
    vertx.deployVerticle(new IngestVerticle(IngestConfig.from(settings), vad, Ids::itemId)).await(60, TimeUnit.SECONDS);
    vertx.deployVerticle(new TranscriptVerticle(transcriptConfig, recognizer, sink)).await(60, TimeUnit.SECONDS);
    vertx.deployVerticle(AudioGatewayVerticle.create(settings, bootstrap)).await(60, TimeUnit.SECONDS);

    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("acks", "all");
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (producer != null) {
        producer.close();
      }
      if (sink != null) {
        sink.close().await(30, TimeUnit.SECONDS);
      }
      if (vertx != null) {
        vertx.close().await(60, TimeUnit.SECONDS);
      }
      if (recognizer != null) {
        recognizer.close();
      }
      if (vad != null) {
        vad.close();
      }
    } finally {
      System.setErr(originalErr);
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  @Test
  void busStreamInTwentyMillisecondChunksIsTranscribedToKafka() throws Exception {
    Utterance u = corpus.utterance("flite_slt", "s01");
    byte[] audio = concat(SessionFormat.PCM16.encode(u.read()), SessionFormat.PCM16.silence(1_000));
    String streamId = "bus-" + UUID.randomUUID();
    List<SessionInput> events = new CopyOnWriteArrayList<>();
    String eventsAddress = "test.gateway.events." + streamId;
    vertx.eventBus().<SessionInput>consumer(eventsAddress, m -> events.add(m.body())).completion().await();

    AudioStreamReply.Started started = (AudioStreamReply.Started) Addresses.AUDIO_STREAMS.request(vertx,
        new AudioStreamRequest.Start(streamId, AudioFormat.PCM16_24K, null, null, eventsAddress), 10_000)
        .await(15, TimeUnit.SECONDS);
    assertThat(started.sessionId()).startsWith("sess_" + streamId + "_");
    assertThat(StreamIds.streamIdOf(started.sessionId())).isEqualTo(streamId);

    Endpoint<AudioStreamRequest, AudioStreamReply> stream =
        Endpoint.of(started.address(), AudioStreamRequest.class, AudioStreamReply.class);
    int chunkBytes = SessionFormat.PCM16.bytesPerMs() * 20;
    List<byte[]> chunks = split(audio, chunkBytes);
    long t0 = System.nanoTime();
    publishOnBus(stream, streamId, chunks, 4).await(60, TimeUnit.SECONDS);
    // A chunk sent again is answered as a duplicate and not fed twice.
    AudioStreamReply.ChunkTaken again = (AudioStreamReply.ChunkTaken) stream.request(vertx,
        new AudioStreamRequest.Chunk(streamId, 3, chunks.get(2)), 10_000).await(15, TimeUnit.SECONDS);
    assertThat(again.duplicate()).isTrue();
    AudioStreamReply.Ended ended = (AudioStreamReply.Ended) stream.request(vertx,
        new AudioStreamRequest.End(streamId), 30_000).await(35, TimeUnit.SECONDS);
    System.out.printf("bus stream: %d chunks fed and ended in %d ms%n", chunks.size(),
        (System.nanoTime() - t0) / 1_000_000);
    assertThat(ended.turns()).isGreaterThanOrEqualTo(1);

    TranscriptRecord record = awaitTranscripts(started.sessionId(), 1).get(0);
    assertThat(WordErrorRate.rate(u.text(), record.transcript())).as(record.transcript()).isLessThanOrEqualTo(0.4);
    assertThat(record.sequence()).isEqualTo(1);
    // The publisher saw the session's events, in the WebSocket session's shapes.
    assertThat(events).anyMatch(e -> e instanceof SessionInput.SpeechStarted);
    assertThat(events).anyMatch(e -> e instanceof SessionInput.TranscriptCompleted c
        && c.transcript().equals(record.transcript()));
  }

  @Test
  void kafkaRecordsWithDuplicateReorderedChunkAndEndMarkerAreTranscribedAndCommitted() throws Exception {
    Utterance u = corpus.utterance("flite_slt", "s04");
    // The corpus is 16 kHz PCM16: sent as it is, with the rate in the format header.
    byte[] audio = pcm16k(u);
    String streamId = "kafka-" + UUID.randomUUID();
    List<byte[]> chunks = split(audio, 16 * 2 * 20);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      long seq = i + 1;
      if (seq == 10) {
        // Reordered: 11 goes first, so 10 arrives after a later chunk and is dropped.
        records.add(chunk(streamId, 11, chunks.get(10), "audio/pcm;rate=16000"));
        records.add(chunk(streamId, 10, chunks.get(9), "audio/pcm;rate=16000"));
        i++;
        continue;
      }
      records.add(chunk(streamId, seq, chunks.get(i), i == 0 ? "audio/pcm; rate=16000" : null));
      if (seq == 5) {
        records.add(chunk(streamId, 5, chunks.get(i), null)); // duplicate
      }
    }
    ProducerRecord<String, byte[]> end = new ProducerRecord<>(Topics.AUDIO_IN, streamId, new byte[0]);
    end.headers().add(new RecordHeader("end", "true".getBytes(StandardCharsets.UTF_8)));
    records.add(end);
    RecordMetadata last = send(records);

    List<TranscriptRecord> transcripts = awaitStreamTranscripts(streamId, 1);
    TranscriptRecord record = transcripts.get(0);
    assertThat(WordErrorRate.rate(u.text(), record.transcript())).as(record.transcript()).isLessThanOrEqualTo(0.4);
    assertThat(StreamIds.streamIdOf(record.sessionId())).isEqualTo(streamId);
    assertThat(log()).contains("sequence 5 of stream " + streamId + " is not after the last taken 5")
        .contains("sequence 10 of stream " + streamId + " is not after the last taken 11");
    awaitCommitted(new TopicPartition(last.topic(), last.partition()), last.offset() + 1);
  }

  @Test
  void badRecordsAreDroppedWithALogLineAndDoNotStopOtherStreams() throws Exception {
    Utterance u = corpus.utterance("flite_slt", "s05");
    String good = "good-" + UUID.randomUUID();
    String badFormat = "badformat-" + UUID.randomUUID();
    String noSequence = "noseq-" + UUID.randomUUID();
    List<byte[]> chunks = split(pcm16k(u), 16 * 2 * 20);
    int partition = send(List.of(chunk(good, 1, chunks.get(0), "audio/pcm;rate=16000"))).partition();

    // Bad records interleaved with the good stream, on the same partition.
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    records.add(onPartition(partition, chunk(badFormat, 1, chunks.get(0), "audio/flac")));
    records.add(onPartition(partition, chunk(noSequence, -1, chunks.get(0), "audio/pcmu")));
    for (int i = 1; i < chunks.size(); i++) {
      records.add(onPartition(partition, chunk(good, i + 1, chunks.get(i), null)));
      if (i == 20) {
        records.add(onPartition(partition, chunk(badFormat, 2, chunks.get(i), "audio/flac")));
        records.add(onPartition(partition, chunk(noSequence, -1, chunks.get(i), null)));
      }
    }
    ProducerRecord<String, byte[]> end = new ProducerRecord<>(Topics.AUDIO_IN, partition, good, new byte[0]);
    end.headers().add(new RecordHeader("end", "true".getBytes(StandardCharsets.UTF_8)));
    records.add(end);
    RecordMetadata last = send(records);

    TranscriptRecord record = awaitStreamTranscripts(good, 1).get(0);
    assertThat(WordErrorRate.rate(u.text(), record.transcript())).as(record.transcript()).isLessThanOrEqualTo(0.4);
    assertThat(log())
        .contains("key=" + badFormat + ": record dropped: header format: unknown format 'audio/flac'")
        .contains("key=" + noSequence + ": record dropped: missing header sequence");
    // Dropped records do not hold the partition's commits back.
    awaitCommitted(new TopicPartition(last.topic(), last.partition()), last.offset() + 1);
    assertThat(transcriptsOfStream(badFormat)).isEmpty();
    assertThat(transcriptsOfStream(noSequence)).isEmpty();
  }

  // -------------------------------------------------------------------------------------------------------------

  /** Publishes chunks in order from one context, at most {@code window} unanswered. */
  private static Future<Void> publishOnBus(Endpoint<AudioStreamRequest, AudioStreamReply> stream, String streamId,
      List<byte[]> chunks, int window) {
    Context context = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> new Object() {
      int next;
      int inFlight;
      boolean failed;

      void pump() {
        while (!failed && inFlight < window && next < chunks.size()) {
          long seq = next + 1;
          byte[] chunk = chunks.get(next++);
          inFlight++;
          stream.request(vertx, new AudioStreamRequest.Chunk(streamId, seq, chunk), 10_000).onComplete(ar -> {
            inFlight--;
            if (ar.failed()) {
              failed = true;
              done.tryFail(ar.cause());
            } else if (next == chunks.size() && inFlight == 0) {
              done.tryComplete();
            } else {
              pump();
            }
          });
        }
      }
    }.pump());
    return done.future();
  }

  private static byte[] pcm16k(Utterance u) {
    short[] s = u.read().resampled(16_000).samples();
    byte[] out = new byte[s.length * 2];
    for (int i = 0; i < s.length; i++) {
      out[2 * i] = (byte) s[i];
      out[2 * i + 1] = (byte) (s[i] >> 8);
    }
    return out;
  }

  private static ProducerRecord<String, byte[]> chunk(String streamId, long seq, byte[] audio, String format) {
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.AUDIO_IN, streamId, audio);
    if (format != null) {
      r.headers().add(new RecordHeader("format", format.getBytes(StandardCharsets.UTF_8)));
    }
    if (seq >= 0) {
      r.headers().add(new RecordHeader("sequence", Long.toString(seq).getBytes(StandardCharsets.UTF_8)));
    }
    return r;
  }

  private static ProducerRecord<String, byte[]> onPartition(int partition, ProducerRecord<String, byte[]> r) {
    return new ProducerRecord<>(r.topic(), partition, r.key(), r.value(), r.headers());
  }

  /** Sends in order and returns the last record's metadata. */
  private static RecordMetadata send(List<ProducerRecord<String, byte[]>> records) throws Exception {
    java.util.concurrent.Future<RecordMetadata> last = null;
    for (ProducerRecord<String, byte[]> r : records) {
      last = producer.send(r);
    }
    producer.flush();
    return last.get(30, TimeUnit.SECONDS);
  }

  private static List<TranscriptRecord> awaitTranscripts(String sessionId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TRANSCRIPT_WAIT.toNanos();
    List<TranscriptRecord> found = List.of();
    while (System.nanoTime() < deadline) {
      found = transcripts(r -> r.key().equals(sessionId));
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no transcript of session " + sessionId + " in " + Topics.TRANSCRIPTS
        + " after " + TRANSCRIPT_WAIT + " (found " + found + ")");
  }

  private static List<TranscriptRecord> awaitStreamTranscripts(String streamId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TRANSCRIPT_WAIT.toNanos();
    List<TranscriptRecord> found = List.of();
    while (System.nanoTime() < deadline) {
      found = transcriptsOfStream(streamId);
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no transcript of stream " + streamId + " after " + TRANSCRIPT_WAIT);
  }

  /** How a Kafka consumer finds a stream's transcripts: the key is sess_<stream id>_<digits>. */
  private static List<TranscriptRecord> transcriptsOfStream(String streamId) {
    return transcripts(r -> streamId.equals(StreamIds.streamIdOf(r.key())));
  }

  private static List<TranscriptRecord> transcripts(java.util.function.Predicate<ConsumedRecord> filter) {
    return EmbeddedKafka.consumeAll(Topics.TRANSCRIPTS, 1, Duration.ofSeconds(2)).stream()
        .filter(r -> r.key() != null && filter.test(r))
        .map(r -> TranscriptRecord.fromJson(r.value()))
        .toList();
  }

  private static void awaitCommitted(TopicPartition tp, long atLeast) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", EmbeddedKafka.bootstrapServers());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long committed = -1;
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        OffsetAndMetadata o = offsets.get(tp);
        committed = o == null ? -1 : o.offset();
        if (committed >= atLeast) {
          return;
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("group " + GROUP + " committed " + committed + " on " + tp + ", expected >= " + atLeast);
  }

  private static String log() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  private static List<byte[]> split(byte[] audio, int size) {
    List<byte[]> out = new ArrayList<>();
    for (int from = 0; from < audio.length; from += size) {
      out.add(Arrays.copyOfRange(audio, from, Math.min(audio.length, from + size)));
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Writes to two streams. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final ByteArrayOutputStream b;

    TeeStream(OutputStream a, ByteArrayOutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) {
      try {
        a.write(x);
      } catch (java.io.IOException ignored) {
        // the console is best effort
      }
      synchronized (b) {
        b.write(x);
      }
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      try {
        a.write(buf, off, len);
      } catch (java.io.IOException ignored) {
        // the console is best effort
      }
      synchronized (b) {
        b.write(buf, off, len);
      }
    }
  }
}
