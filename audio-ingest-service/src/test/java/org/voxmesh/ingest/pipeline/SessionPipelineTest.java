package org.voxmesh.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxmesh.audio.AudioFormat;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest.IngestSettings;
import org.voxmesh.bus.message.IngestRequest.TranscriptionSettings;
import org.voxmesh.bus.message.IngestRequest.TurnSettings;
import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.bus.message.TranscriptionRequest;
import org.voxmesh.speech.vad.SileroVadEngine;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;

/** The ingest pipeline without sockets or bus: real Silero VAD on real corpus speech. */
class SessionPipelineTest {

  private static final TranscriptionSettings ASR = new TranscriptionSettings("gpt-4o-transcribe", "en", null);
  private static final TurnSettings VAD = new TurnSettings(0.5, 300, 500, null);
  private static SileroVadEngine vad;
  private static Corpus corpus;
  private final AtomicInteger ids = new AtomicInteger();

  @BeforeAll
  static void load() {
    vad = SileroVadEngine.load(SileroVadEngine.defaultModelPath());
    corpus = Corpus.load();
  }

  @AfterAll
  static void close() {
    vad.close();
  }

  @Test
  void serverVadFindsEachSentenceAndStreamsItsAudioToTheTranscriber() {
    SessionPipeline pipeline = pipeline(new IngestSettings(AudioFormat.PCM16_24K, VAD, ASR));
    byte[] first = corpus.utterance("flite_slt", "s01").sessionAudio(SessionFormat.PCM16);
    byte[] second = corpus.utterance("fest_slt", "s02").sessionAudio(SessionFormat.PCM16);
    List<PipelineOutput> out = new ArrayList<>();
    feed(pipeline, silence(500), out);
    feed(pipeline, first, out);
    feed(pipeline, silence(1200), out);
    feed(pipeline, second, out);
    feed(pipeline, silence(1200), out);

    List<SessionInput> toSession = sessionEvents(out);
    assertThat(toSession).hasSize(4);
    var started1 = (SessionInput.SpeechStarted) toSession.get(0);
    var stopped1 = (SessionInput.SpeechStopped) toSession.get(1);
    var started2 = (SessionInput.SpeechStarted) toSession.get(2);
    var stopped2 = (SessionInput.SpeechStopped) toSession.get(3);
    assertThat(stopped1.itemId()).isEqualTo(started1.itemId());
    assertThat(stopped1.previousItemId()).isNull();
    assertThat(stopped2.previousItemId()).isEqualTo(started1.itemId());
    long firstEndMs = 500 + durationMs(first);
    assertThat(started1.audioStartMs()).isBetween(0L, 500L);
    assertThat(stopped1.audioEndMs()).isBetween(firstEndMs, firstEndMs + 500 + 250);
    assertThat(started2.audioStartMs()).isBetween(firstEndMs + 700, firstEndMs + 1200);

    // The transcriber gets start, the turn's audio (prefix padding included), then end, per turn.
    List<TranscriptionRequest> turn1 = transcriberRequests(out, started1.itemId());
    assertThat(turn1.get(0)).isInstanceOf(TranscriptionRequest.TurnStart.class);
    assertThat(((TranscriptionRequest.TurnStart) turn1.get(0)).sourceSampleRate()).isEqualTo(24_000);
    assertThat(turn1.get(turn1.size() - 1)).isEqualTo(new TranscriptionRequest.TurnEnd(
        started1.itemId(), null, started1.audioStartMs(), stopped1.audioEndMs()));
    long audioMs = turn1.stream().filter(r -> r instanceof TranscriptionRequest.TurnAudio)
        .mapToLong(r -> ((TranscriptionRequest.TurnAudio) r).pcm16k().length / 32).sum();
    assertThat(audioMs).isBetween(stopped1.audioEndMs() - started1.audioStartMs() - 40,
        stopped1.audioEndMs() - started1.audioStartMs() + 40);
  }

  @Test
  void idleTimeoutCommitsTheSilenceOncePerTimeout() {
    SessionPipeline pipeline = pipeline(new IngestSettings(AudioFormat.PCM16_24K, new TurnSettings(0.5, 300, 500, 5000), ASR));
    List<PipelineOutput> out = new ArrayList<>();
    feed(pipeline, silence(4900), out);
    assertThat(sessionEvents(out)).isEmpty();
    feed(pipeline, silence(5200), out);
    List<SessionInput> events = sessionEvents(out);
    assertThat(events).hasSize(2).allMatch(e -> e instanceof SessionInput.IdleTimeout);
    var first = (SessionInput.IdleTimeout) events.get(0);
    var second = (SessionInput.IdleTimeout) events.get(1);
    assertThat(first.audioStartMs()).isBetween(0L, 2L);
    assertThat(first.audioEndMs()).isBetween(5000L, 5040L);
    assertThat(second.previousItemId()).isEqualTo(first.itemId());
    assertThat(second.audioStartMs()).isEqualTo(first.audioEndMs());
    // speech resets the clock: a sentence right after, then less than the timeout of silence, gives no timeout
    out.clear();
    feed(pipeline, corpus.utterance("flite_slt", "s01").sessionAudio(SessionFormat.PCM16), out);
    feed(pipeline, silence(4000), out);
    assertThat(sessionEvents(out)).noneMatch(e -> e instanceof SessionInput.IdleTimeout);
  }

  @Test
  void withoutTranscriptionOnlyTurnsAreReported() {
    SessionPipeline pipeline = pipeline(new IngestSettings(AudioFormat.PCMU_8K, VAD, null));
    List<PipelineOutput> out = new ArrayList<>();
    feed(pipeline, corpus.utterance("flite_kal16", "s04").sessionAudio(SessionFormat.PCMU), out, 160);
    feed(pipeline, SessionFormat.PCMU.silence(1000), out, 160);
    assertThat(sessionEvents(out)).hasSize(2);
    assertThat(out).noneMatch(o -> o instanceof PipelineOutput.ToTranscriber);
  }

  @Test
  void manualCommitsCoverTheAudioSinceTheLastCommitOrClear() {
    SessionPipeline pipeline = pipeline(new IngestSettings(AudioFormat.PCM16_24K, null, ASR));
    List<PipelineOutput> out = new ArrayList<>();
    feed(pipeline, silence(1000), out);
    out.addAll(pipeline.clear());
    feed(pipeline, silence(1500), out);
    SessionPipeline.CommitResult first = pipeline.commit("item_a");
    assertThat(first.reply()).isEqualTo(new IngestReply.Committed("item_a", null, 1000, 2500));
    assertThat(first.outputs().get(0)).isEqualTo(new PipelineOutput.ToTranscriber(
        new TranscriptionRequest.TurnStart("item_a", 1000, ASR, 24_000)));
    long audioBytes = first.outputs().stream()
        .filter(o -> o instanceof PipelineOutput.ToTranscriber t && t.request() instanceof TranscriptionRequest.TurnAudio)
        .mapToLong(o -> ((TranscriptionRequest.TurnAudio) ((PipelineOutput.ToTranscriber) o).request()).pcm16k().length)
        .sum();
    assertThat(audioBytes).isEqualTo(1500 * 32);
    feed(pipeline, silence(300), out);
    assertThat(pipeline.commit("item_b").reply()).isEqualTo(new IngestReply.Committed("item_b", "item_a", 2500, 2800));
    assertThat(sessionEvents(out)).isEmpty();
  }

  @Test
  void switchingVadOffMidTurnAbortsTheTurn() {
    SessionPipeline pipeline = pipeline(new IngestSettings(AudioFormat.PCM16_24K, VAD, ASR));
    List<PipelineOutput> out = new ArrayList<>();
    byte[] speech = corpus.utterance("flite_slt", "s03").sessionAudio(SessionFormat.PCM16);
    feed(pipeline, java.util.Arrays.copyOf(speech, speech.length / 2), out);
    String item = ((SessionInput.SpeechStarted) sessionEvents(out).get(0)).itemId();
    List<PipelineOutput> reconfigured = pipeline.configure(new IngestSettings(AudioFormat.PCM16_24K, null, ASR));
    assertThat(reconfigured).containsExactly(new PipelineOutput.ToTranscriber(new TranscriptionRequest.TurnAbort(item)));
  }

  private SessionPipeline pipeline(IngestSettings settings) {
    return new SessionPipeline(settings, vad, () -> "item_" + ids.incrementAndGet());
  }

  private static void feed(SessionPipeline pipeline, byte[] audio, List<PipelineOutput> out) {
    feed(pipeline, audio, out, 960); // 20 ms of 24 kHz PCM16
  }

  private static void feed(SessionPipeline pipeline, byte[] audio, List<PipelineOutput> out, int chunk) {
    for (int i = 0; i < audio.length; i += chunk) {
      out.addAll(pipeline.onAudio(java.util.Arrays.copyOfRange(audio, i, Math.min(audio.length, i + chunk))));
    }
  }

  private static byte[] silence(int ms) {
    return SessionFormat.PCM16.silence(ms);
  }

  private static long durationMs(byte[] pcm24k) {
    return pcm24k.length / 48;
  }

  private static List<SessionInput> sessionEvents(List<PipelineOutput> out) {
    return out.stream().filter(o -> o instanceof PipelineOutput.ToSession)
        .map(o -> ((PipelineOutput.ToSession) o).event()).toList();
  }

  private static List<TranscriptionRequest> transcriberRequests(List<PipelineOutput> out, String itemId) {
    List<TranscriptionRequest> mine = new ArrayList<>();
    for (PipelineOutput o : out) {
      if (o instanceof PipelineOutput.ToTranscriber t) {
        TranscriptionRequest r = t.request();
        String id = r instanceof TranscriptionRequest.TurnStart s ? s.itemId()
            : r instanceof TranscriptionRequest.TurnAudio a ? a.itemId()
            : r instanceof TranscriptionRequest.TurnEnd e ? e.itemId() : null;
        if (itemId.equals(id)) {
          mine.add(r);
        }
      }
    }
    return mine;
  }

}
