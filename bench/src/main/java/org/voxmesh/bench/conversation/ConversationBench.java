package org.voxmesh.bench.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.voxmesh.app.Platform;
import org.voxmesh.bench.Clips;
import org.voxmesh.bench.Clips.Clip;
import org.voxmesh.bench.Stats;
import org.voxmesh.bench.conversation.Client.Event;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.session.conversation.EngineSettings;
import org.voxmesh.speech.tts.SpeechSynthesizer;
import org.voxmesh.speech.tts.SynthesisRequest;
import org.voxmesh.speech.tts.SynthesisStream;
import org.voxmesh.speech.tts.Synthesizers;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.kafka.EmbeddedKafka;

/**
 * Conversation latency benchmark: the whole platform in this JVM (against a child-JVM Kafka broker,
 * TLS off), conversation sessions over real WebSockets to 127.0.0.1 with the embedded rule
 * responder and Flite, a few sessions at a time, every loop bounded.
 *
 * <ul>
 *   <li><b>text</b>: {@code conversation.item.create} (user {@code input_text}, a corpus sentence) then
 *       {@code response.create} with audio output; from sending {@code response.create} to
 *       {@code response.created}, the first transcript delta, the first {@code response.output_audio.delta}
 *       and {@code response.done}.
 *   <li><b>audio</b>: a corpus recording streamed in real time (20 ms appends, digital silence between
 *       turns as from a live microphone), {@code server_vad} with {@code silence_duration_ms} 500,
 *       {@code create_response}, input transcription on; from the true end of speech (energy scan of the
 *       file) to the first audio delta, split into end of speech → {@code speech_stopped} →
 *       {@code response.created} → first audio delta (with the transcript wait inside the last part).
 *   <li><b>barge</b>: while the assistant speaks a long echo ("You said: …" of a long typed text),
 *       another recording is streamed; from {@code input_audio_buffer.speech_started} (and from the
 *       true speech onset in the file) to {@code response.done} with status {@code cancelled}.
 * </ul>
 *
 * Results: {@code bench/results/conversation-<UTC stamp>.txt|json} (and {@code conversation-latest.*}).
 */
public final class ConversationBench {

  static final String API_KEY = "sk-bench-" + Long.toHexString(System.nanoTime());
  static final List<String> PHASES = List.of("text", "audio", "barge");

  // ---------------------------------------------------------------- options

  static final class Options {
    Set<String> phases = new LinkedHashSet<>(PHASES);
    int sessions = 3;
    int textTurns = 60;
    int audioTurns = 45;
    int bargeTurns = 36;
    int silenceMs = 500;
    int longSentences = 120;
    int warmup = 1;
    int waitQuietSeconds = 0;
    double quietCores = 0.5;
    int phaseSeconds = 150;
    Path out = Path.of("bench/results");

    static final String USAGE = """
        usage: bench/run-conversation.sh [options]
          --phases LIST        text,audio,barge (default: all)
          --sessions N         concurrent conversation sessions per phase (default 3)
          --text-turns N       measured text turns, all sessions together (default 60)
          --audio-turns N      measured spoken turns (default 45)
          --barge-turns N      measured interruptions (default 36)
          --silence-ms MS      server_vad silence_duration_ms (default 500)
          --long-sentences N   sentences in the text the assistant echoes while interrupted (default 120)
          --warmup N           unmeasured turns per session before each phase (default 1)
          --wait-quiet S       before each phase wait up to S s until other processes use < --quiet-cores
          --quiet-cores C      threshold for "quiet" and for marking a phase disturbed (default 0.5)
          --phase-seconds S    a phase stops starting turns after S s (default 150)
          --out DIR            where results go (default bench/results)
          --quick              smoke test: 2 sessions, 8/6/6 turns, 40 long sentences
        """;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--phases" -> o.phases = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
          case "--sessions" -> o.sessions = Integer.parseInt(args[++i]);
          case "--text-turns" -> o.textTurns = Integer.parseInt(args[++i]);
          case "--audio-turns" -> o.audioTurns = Integer.parseInt(args[++i]);
          case "--barge-turns" -> o.bargeTurns = Integer.parseInt(args[++i]);
          case "--silence-ms" -> o.silenceMs = Integer.parseInt(args[++i]);
          case "--long-sentences" -> o.longSentences = Integer.parseInt(args[++i]);
          case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
          case "--wait-quiet" -> o.waitQuietSeconds = Integer.parseInt(args[++i]);
          case "--quiet-cores" -> o.quietCores = Double.parseDouble(args[++i]);
          case "--phase-seconds" -> o.phaseSeconds = Integer.parseInt(args[++i]);
          case "--out" -> o.out = Path.of(args[++i]);
          case "--quick" -> {
            o.sessions = 2;
            o.textTurns = 8;
            o.audioTurns = 6;
            o.bargeTurns = 6;
            o.longSentences = 40;
          }
          case "-h", "--help" -> {
            System.out.print(USAGE);
            System.exit(0);
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
        }
      }
      for (String p : o.phases) {
        if (!PHASES.contains(p)) {
          throw new IllegalArgumentException("unknown phase " + p + " (known: " + PHASES + ")");
        }
      }
      if (o.sessions < 1) {
        throw new IllegalArgumentException("--sessions must be at least 1");
      }
      return o;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("phases", phases);
      m.put("sessions", sessions);
      m.put("text_turns", textTurns);
      m.put("audio_turns", audioTurns);
      m.put("barge_turns", bargeTurns);
      m.put("silence_duration_ms", silenceMs);
      m.put("long_text_sentences", longSentences);
      m.put("warmup_turns_per_session", warmup);
      m.put("wait_quiet_seconds", waitQuietSeconds);
      m.put("quiet_cores", quietCores);
      m.put("transport", "plain ws:// to 127.0.0.1 on the HTTP port (TLS off), PCM16 24 kHz in and out, 20 ms appends");
      m.put("engines", "embedded rule responder (word delay 0), Flite (voice alloy -> slt), PocketSphinx input transcription,"
          + " Silero server_vad");
      return m;
    }
  }

  // ---------------------------------------------------------------- state

  private final Options opt;
  private final List<Clip> clips;
  private final List<String> sentences;
  private final Platform platform;
  private final Vertx clientVertx;
  private final WebSocketClient wsClient;
  private final List<Context> loops = new ArrayList<>();
  private final Map<String, Object> report = new LinkedHashMap<>();
  private final StringBuilder text = new StringBuilder();

  private ConversationBench(Options opt, List<Clip> clips, List<String> sentences, Platform platform) throws Exception {
    this.opt = opt;
    this.clips = clips;
    this.sentences = sentences;
    this.platform = platform;
    this.clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    this.wsClient = clientVertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(24 * 1024 * 1024).setMaxMessageSize(24 * 1024 * 1024));
    for (int i = 0; i < 2; i++) { // one deployment per loop, so sessions spread over both client event loops
      Context[] holder = new Context[1];
      await(clientVertx.deployVerticle(new io.vertx.core.VerticleBase() {
        @Override
        public Future<?> start() {
          holder[0] = context;
          return Future.succeededFuture();
        }
      }));
      loops.add(holder[0]);
    }
  }

  public static void main(String[] args) {
    try {
      Options opt;
      try {
        opt = Options.parse(args);
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        System.exit(2);
        return;
      }
      run(opt);
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.out.println("conversation bench: failed: " + t + " (details in the log)");
      System.exit(1);
    }
  }

  private static void run(Options opt) throws Exception {
    long started = System.nanoTime();
    Corpus corpus = Corpus.load();
    List<Clip> clips = Clips.load(corpus);
    List<String> sentences = new ArrayList<>(new LinkedHashSet<>(corpus.transcripts().values()));
    say("corpus: %d recordings (%s), %d sentences", clips.size(), corpus.accuracyVoices(), sentences.size());
    String loadAtStart = Load.loadAverages();

    String bootstrap = EmbeddedKafka.bootstrapServers();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("http.host", "127.0.0.1");
    settings.put("http.port", "0");
    settings.put("ops.port", "0");
    settings.put("https.port", "-1");
    settings.put("api.keys", API_KEY);
    settings.put("data.dir", Files.createTempDirectory("voxmesh-conv-bench-").toString());
    settings.put("kafka.bootstrap.servers", bootstrap);
    Platform platform = Platform.start(Settings.of(settings));
    say("platform up: ws://127.0.0.1:%d/v1/realtime?model=gpt-realtime (Kafka broker at %s)", platform.httpPort(), bootstrap);

    ConversationBench bench = new ConversationBench(opt, clips, sentences, platform);
    bench.report.put("machine", machine(loadAtStart));
    bench.report.put("options", opt.toMap());
    try {
      bench.report.put("flite_cost", bench.fliteCost(settings));
      for (String phase : opt.phases) {
        switch (phase) {
          case "text" -> bench.textPhase();
          case "audio" -> bench.audioPhase();
          case "barge" -> bench.bargePhase();
          default -> throw new IllegalStateException(phase);
        }
      }
    } finally {
      bench.report.put("wall_seconds", Math.round((System.nanoTime() - started) / 1e9));
      bench.report.put("loadavg_at_end", Load.loadAverages());
      bench.write();
      await(bench.clientVertx.close());
      platform.close();
    }
  }

  // ---------------------------------------------------------------- Flite cost (in-process, for the reading)

  /**
   * Time to the first chunk of Flite speaking one whole answer sentence ("You said: …" of each corpus
   * sentence), on one thread, no contention: the floor under every first-audio latency below.
   */
  private Map<String, Object> fliteCost(Map<String, String> settings) {
    section("Flite alone (in-process, one thread): first chunk of \"You said: <corpus sentence>.\" with voice alloy");
    Map<String, Object> m = new LinkedHashMap<>();
    try (SpeechSynthesizer tts = Synthesizers.create(EngineSettings.synthesizer(Settings.of(settings)))) {
      List<Double> first = new ArrayList<>();
      List<Double> audioMs = new ArrayList<>();
      List<Double> factor = new ArrayList<>();
      for (int pass = 0; pass < 2; pass++) { // the first pass warms up
        first.clear();
        audioMs.clear();
        factor.clear();
        for (String s : sentences) {
          long t = System.nanoTime();
          try (SynthesisStream stream = tts.synthesize(new SynthesisRequest("You said: " + typed(s), "alloy", 1.0))) {
            short[] pcm = stream.next();
            double firstMs = (System.nanoTime() - t) / 1e6;
            long samples = 0;
            while (pcm != null) {
              samples += pcm.length;
              pcm = stream.next();
            }
            double ms = samples * 1000.0 / tts.sampleRate();
            first.add(firstMs);
            audioMs.add(ms);
            factor.add(ms / firstMs);
          }
        }
      }
      Stats f = Stats.of(first);
      Stats a = Stats.of(audioMs);
      Stats x = Stats.of(factor);
      m.put("first_chunk", f.toMap());
      m.put("sentence_audio", a.toMap());
      m.put("audio_ms_per_ms_of_synthesis", Map.of("p50", round1(x.p50()), "min", round1(Collections.min(factor))));
      header();
      statRow("first chunk (whole sentence synthesised)", f);
      statRow("audio length of that sentence", a);
      row("=> Flite makes about %.0f ms of speech per ms of synthesis here (p50); a one-sentence answer waits for all of it",
          x.p50());
    } catch (RuntimeException e) {
      m.put("error", e.toString());
      row("Flite cost measurement failed: %s", e);
    }
    return m;
  }

  // ---------------------------------------------------------------- (1) text input

  private static final String TEXT_SESSION = "{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\","
      + "\"output_modalities\":[\"audio\"],\"audio\":{\"input\":{\"turn_detection\":null}}}}";

  private void textPhase() throws Exception {
    section("(1) text input: conversation.item.create (input_text) + response.create, audio output; %d turns, %d sessions",
        opt.textTurns, opt.sessions);
    Metrics m = new Metrics();
    Phase phase = runPhase("text", opt.textTurns, TEXT_SESSION, false, (c, turn, rnd, measured) -> {
      String userText = typed(sentences.get((turn * 5 + c.index() * 3) % sentences.size()));
      String tag = tag();
      c.send(itemCreate(tag, userText));
      awaitItem(c, tag);
      int mark = c.mark();
      long sent = c.send(responseCreate(tag));
      Event done = c.await("response.done", e -> isTurn(e, tag), 30_000);
      List<Event> ev = c.seen.subList(mark, c.seen.size());
      Event created = first(ev, "response.created");
      Event firstText = first(ev, "response.output_audio_transcript.delta");
      Event firstAudio = first(ev, Client.AUDIO_DELTA);
      String status = done.str("/response/status");
      Map<String, Object> raw = new LinkedHashMap<>();
      raw.put("session", c.index());
      raw.put("user_text", userText);
      raw.put("status", status);
      raw.put("answer_audio_ms", audioMs(ev));
      boolean ok = "completed".equals(status) && created != null && firstText != null && firstAudio != null;
      raw.put("ok", ok);
      if (ok) {
        raw.put("to_created_ms", ms(sent, created));
        raw.put("to_first_transcript_delta_ms", ms(sent, firstText));
        raw.put("to_first_audio_delta_ms", ms(sent, firstAudio));
        raw.put("to_done_ms", ms(sent, done));
        if (measured) {
          m.add("response.create -> response.created", ms(sent, created));
          m.add("response.create -> first transcript delta", ms(sent, firstText));
          m.add("response.create -> first audio delta", ms(sent, firstAudio));
          m.add("response.create -> response.done", ms(sent, done));
          Event lastText = lastTextBefore(ev, firstAudio);
          m.add("  response.created -> first transcript delta", ms(created, firstText));
          m.add("  first transcript delta -> first audio delta", ms(firstText, firstAudio));
          m.add("    first -> last transcript delta before it (words pulled)", ms(firstText, lastText));
          m.add("    that last transcript delta -> first audio delta (TTS)", ms(lastText, firstAudio));
          m.add("answer audio length", audioMs(ev));
        }
      }
      c.drain(150 + rnd.nextInt(350)); // a user reads and types a little; spreads the sessions
      c.forget();
      return raw;
    });
    Map<String, Object> r = phase.toMap();
    r.put("latency", m.toMap());
    report.put("text", r);
    header();
    m.print(this);
    goal(m, "response.create -> first audio delta", 150, "p50");
    phase.print(this);
  }

  // ---------------------------------------------------------------- (2) audio input

  private String voiceSession() {
    return "{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"output_modalities\":[\"audio\"],"
        + "\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000},"
        + "\"transcription\":{\"model\":\"gpt-4o-transcribe\",\"language\":\"en\"},"
        + "\"turn_detection\":{\"type\":\"server_vad\",\"threshold\":0.5,\"prefix_padding_ms\":300,"
        + "\"silence_duration_ms\":" + opt.silenceMs + ",\"create_response\":true,\"interrupt_response\":true}}}}}";
  }

  private void audioPhase() throws Exception {
    section("(2) audio input: corpus recording streamed in real time, server_vad silence %d ms, create_response,"
        + " transcription on; %d turns, %d sessions", opt.silenceMs, opt.audioTurns, opt.sessions);
    Metrics m = new Metrics();
    Phase phase = runPhase("audio", opt.audioTurns, voiceSession(), true, (c, turn, rnd, measured) -> {
      Clip clip = clips.get((turn * 7 + c.index() * 29) % clips.size());
      int mark = c.mark();
      long frame = c.play(clip);
      long clipZero = c.t0() + frame * Client.FRAME_NANOS;
      double endWall = clipZero / 1e6 + clip.speechEndMs();
      Event done = c.await("response.done", null, 30_000 + clip.durationMs());
      List<Event> ev = c.seen.subList(mark, c.seen.size());
      Event started = first(ev, "input_audio_buffer.speech_started");
      Event stopped = first(ev, "input_audio_buffer.speech_stopped");
      Event created = first(ev, "response.created");
      Event completed = first(ev, "conversation.item.input_audio_transcription.completed");
      Event firstText = first(ev, "response.output_audio_transcript.delta");
      Event firstAudio = first(ev, Client.AUDIO_DELTA);
      String status = done.str("/response/status");
      long starts = ev.stream().filter(e -> e.type().equals("input_audio_buffer.speech_started")).count();
      Map<String, Object> raw = new LinkedHashMap<>();
      raw.put("session", c.index());
      raw.put("clip", clip.key());
      raw.put("speech_ms_in_file", List.of(clip.speechStartMs(), clip.speechEndMs()));
      raw.put("status", status);
      raw.put("speech_started_events", starts);
      raw.put("user_transcript", completed == null ? null : completed.str("/transcript"));
      raw.put("answer", first(ev, "response.output_audio_transcript.done") == null ? null
          : first(ev, "response.output_audio_transcript.done").str("/transcript"));
      boolean ok = "completed".equals(status) && starts == 1 && stopped != null && created != null && firstAudio != null
          && firstText != null;
      raw.put("ok", ok);
      if (!ok) {
        raw.put("why", starts != 1 ? "the VAD made " + starts + " turns of one recording (the second start cancels the"
            + " first answer)" : "status " + status + (firstAudio == null ? ", no audio" : ""));
      }
      if (ok) {
        double toAudio = firstAudio.nanos() / 1e6 - endWall;
        double vadEndMs = Double.parseDouble(stopped.str("/audio_end_ms")) - frame * Clips.CHUNK_MS - opt.silenceMs;
        raw.put("end_of_speech_to_first_audio_ms", round1(toAudio));
        raw.put("end_of_speech_to_speech_stopped_ms", round1(stopped.nanos() / 1e6 - endWall));
        raw.put("vad_silence_start_minus_true_end_ms", round1(vadEndMs - clip.speechEndMs()));
        raw.put("speech_stopped_to_created_ms", ms(stopped, created));
        raw.put("created_to_first_audio_ms", ms(created, firstAudio));
        if (completed != null) {
          raw.put("created_to_transcript_completed_ms", ms(created, completed));
        }
        if (measured) {
          m.add("end of speech -> first audio delta", toAudio);
          m.add("  same, beyond the " + opt.silenceMs + " ms silence window", toAudio - opt.silenceMs);
          m.add("end of speech -> speech_stopped", stopped.nanos() / 1e6 - endWall);
          m.add("  VAD silence start - true end (stream time)", vadEndMs - clip.speechEndMs());
          m.add("speech_stopped -> response.created", ms(stopped, created));
          m.add("response.created -> first audio delta", ms(created, firstAudio));
          if (completed != null && completed.nanos() >= created.nanos()) {
            m.add("  response.created -> transcription.completed", ms(created, completed));
            m.add("  transcription.completed -> first transcript delta", ms(completed, firstText));
          } else if (completed != null) {
            m.add("  transcription.completed before response.created (count)", 1);
          }
          Event lastText = lastTextBefore(ev, firstAudio);
          m.add("  first transcript delta -> first audio delta", ms(firstText, firstAudio));
          m.add("    first -> last transcript delta before it (words pulled)", ms(firstText, lastText));
          m.add("    that last transcript delta -> first audio delta (TTS)", ms(lastText, firstAudio));
          if (completed != null) {
            m.add("end of speech -> transcription.completed", completed.nanos() / 1e6 - endWall);
          }
        }
      }
      // the rest of the file (its trailing silence) goes out, then a pause before the next turn
      while (c.queuedFrames() > 0) {
        c.drain(20);
      }
      c.settle(1000, 30_000); // a recording the VAD split in two gets a second answer: let it end
      c.drain(rnd.nextInt(400));
      c.forget();
      return raw;
    });
    Map<String, Object> r = phase.toMap();
    r.put("latency", m.toMap());
    report.put("audio", r);
    header();
    m.print(this);
    goal(m, "  same, beyond the " + opt.silenceMs + " ms silence window", 150, "p50");
    phase.print(this);
  }

  // ---------------------------------------------------------------- (3) barge-in

  /** A corpus sentence written as a user would type it: capitalised, with a full stop. */
  static String typed(String text) {
    String t = text.strip();
    return Character.toUpperCase(t.charAt(0)) + t.substring(1) + ".";
  }

  private String longText() {
    return IntStream.range(0, opt.longSentences).mapToObj(i -> typed(sentences.get(i % sentences.size())))
        .collect(Collectors.joining(" "));
  }

  private void bargePhase() throws Exception {
    String longText = longText();
    section("(3) barge-in: a recording streamed while the assistant speaks a %d-sentence echo; server_vad silence %d ms,"
        + " interrupt_response; %d interruptions, %d sessions", opt.longSentences, opt.silenceMs, opt.bargeTurns, opt.sessions);
    Metrics m = new Metrics();
    int[] tooLate = new int[1];
    Phase phase = runPhase("barge", opt.bargeTurns, voiceSession(), true, (c, turn, rnd, measured) -> {
      Clip clip = clips.get((turn * 11 + c.index() * 17 + 3) % clips.size());
      String tag = tag();
      c.send(itemCreate(tag, longText));
      awaitItem(c, tag);
      int mark = c.mark();
      long sent = c.send(responseCreate(tag));
      Event created = c.await("response.created", e -> isTurn(e, tag), 10_000);
      String r1 = created.str("/response/id");
      Event firstAudio = c.await(Client.AUDIO_DELTA, null, 15_000);
      c.drain(rnd.nextInt(400)); // the interruption lands at different points of the answer
      long frame = c.play(clip);
      long clipZero = c.t0() + frame * Client.FRAME_NANOS;
      double onsetWall = clipZero / 1e6 + clip.speechStartMs();
      double endWall = clipZero / 1e6 + clip.speechEndMs();
      java.util.function.Predicate<Event> r1Done =
          e -> e.type().equals("response.done") && r1.equals(e.str("/response/id"));
      Event turnEvent = c.awaitAny(e -> e.type().equals("input_audio_buffer.speech_started") || r1Done.test(e),
          "speech_started", clip.durationMs() + 15_000L);
      Event done1;
      if (r1Done.test(turnEvent)) {
        done1 = turnEvent; // the answer ended before the interruption was detected
      } else {
        try {
          done1 = c.awaitAny(r1Done, "response.done of the interrupted response", 10_000);
        } catch (java.util.concurrent.TimeoutException e) {
          String seenSoFar = c.timeline(mark);
          c.send("{\"type\":\"response.cancel\"}");
          c.awaitAny(r1Done, "response.done after response.cancel", 30_000);
          throw new IllegalStateException("speech_started did not end the response within 10 s: " + seenSoFar);
        }
      }
      int doneIndex = c.seen.indexOf(done1);
      // the answer to the interruption (the server creates it once the user stops)
      Event done2;
      try {
        done2 = c.await("response.done", e -> !r1.equals(e.str("/response/id")), 30_000 + clip.durationMs());
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("no answer to the interruption: " + c.timeline(mark));
      }
      List<Event> ev = c.seen.subList(mark, c.seen.size());
      Event started = first(ev, "input_audio_buffer.speech_started");
      String status1 = done1.str("/response/status");
      String reason = done1.str("/response/status_details/reason");
      boolean startedFirst = started != null && c.seen.indexOf(started) < doneIndex;
      Map<String, Object> raw = new LinkedHashMap<>();
      raw.put("session", c.index());
      raw.put("clip", clip.key());
      raw.put("status", status1);
      raw.put("reason", reason);
      raw.put("answer_to_interruption_status", done2.str("/response/status"));
      boolean ok = "cancelled".equals(status1) && "turn_detected".equals(reason) && startedFirst;
      raw.put("ok", ok);
      if (!ok) {
        raw.put("why", startedFirst ? "response.done " + status1 + "/" + reason
            : "the answer ended (" + status1 + ") before speech_started");
      }
      if (!ok && "completed".equals(status1)) {
        tooLate[0]++;
      }
      if (ok) {
        double onsetToStarted = started.nanos() / 1e6 - onsetWall;
        double startedToDone = ms(started, done1);
        double onsetToDone = done1.nanos() / 1e6 - onsetWall;
        long tailBytes = 0;
        for (int i = c.seen.indexOf(started) + 1; i < doneIndex; i++) {
          if (c.seen.get(i).type().equals(Client.AUDIO_DELTA)) {
            tailBytes += c.seen.get(i).size();
          }
        }
        List<Event> r2 = c.seen.subList(doneIndex + 1, c.seen.size());
        Event r2Audio = first(r2, Client.AUDIO_DELTA);
        raw.put("speech_started_to_done_ms", round1(startedToDone));
        raw.put("onset_to_speech_started_ms", round1(onsetToStarted));
        raw.put("onset_to_done_ms", round1(onsetToDone));
        raw.put("assistant_spoke_before_onset_ms", round1(onsetWall - firstAudio.nanos() / 1e6));
        raw.put("audio_arriving_between_started_and_done_ms", tailBytes / 48);
        if (measured) {
          m.add("speech_started -> response.done (cancelled)", startedToDone);
          m.add("true speech onset -> speech_started", onsetToStarted);
          m.add("true speech onset -> response.done (cancelled)", onsetToDone);
          m.add("  response.create -> first audio delta (long answer)", ms(sent, firstAudio));
          m.add("  answer audio received before the onset (wall ms)", onsetWall - firstAudio.nanos() / 1e6);
          m.add("  audio delta data between speech_started and done (ms of audio)", tailBytes / 48.0);
          if (r2Audio != null && "completed".equals(done2.str("/response/status"))) {
            m.add("end of speech -> first audio of the reply to the interruption", r2Audio.nanos() / 1e6 - endWall);
          }
        }
      }
      while (c.queuedFrames() > 0) {
        c.drain(20);
      }
      c.settle(1000, 30_000); // a recording the VAD split in two gets a second answer: let it end
      c.drain(rnd.nextInt(400));
      c.forget();
      return raw;
    });
    Map<String, Object> r = phase.toMap();
    r.put("finished_before_the_interruption", tooLate[0]);
    r.put("latency", m.toMap());
    report.put("barge_in", r);
    header();
    m.print(this);
    goal(m, "speech_started -> response.done (cancelled)", 100, "p95");
    if (tooLate[0] > 0) {
      row("%d answers finished before the interruption was detected (raise --long-sentences)", tooLate[0]);
    }
    phase.print(this);
  }

  // ---------------------------------------------------------------- phase runner

  @FunctionalInterface
  interface TurnBody {
    Map<String, Object> run(Client c, int turn, Random rnd, boolean measured) throws Exception;
  }

  /** What happened in one phase. */
  final class Phase {
    final String name;
    final List<Map<String, Object>> turns = Collections.synchronizedList(new ArrayList<>());
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final List<Double> lateness = Collections.synchronizedList(new ArrayList<>());
    Load.Usage load;
    String loadAverages;
    double seconds;

    Phase(String name) {
      this.name = name;
    }

    long ok() {
      return turns.stream().filter(t -> Boolean.TRUE.equals(t.get("ok"))).count();
    }

    boolean disturbed() {
      return load != null && load.other() > opt.quietCores;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("measured_turns", turns.size());
      m.put("ok_turns", ok());
      m.put("failures", failures);
      m.put("seconds", Math.round(seconds));
      m.put("load", load == null ? null : load.toMap());
      m.put("loadavg_1_5_15_at_end", loadAverages);
      m.put("disturbed", disturbed());
      if (!lateness.isEmpty()) {
        m.put("client_append_lateness", Stats.of(lateness).toMap());
      }
      m.put("turns", turns);
      return m;
    }

    void print(ConversationBench b) {
      Map<String, Long> why = turns.stream().filter(t -> t.get("why") != null)
          .collect(Collectors.groupingBy(t -> (String) t.get("why"), LinkedHashMap::new, Collectors.counting()));
      why.forEach((k, v) -> b.row("not counted: %d turn(s): %s", v, k));
      synchronized (failures) {
        failures.stream().limit(5).forEach(f -> b.row("failed: %s", f));
      }
      b.row("turns: %d measured, %d ok%s; %.0f s; %s%s", turns.size(), ok(),
          failures.isEmpty() ? "" : ", " + failures.size() + " failure(s)", seconds,
          load == null ? "" : load.describe(), disturbed() ? " [DISTURBED by other processes]" : "");
      if (!lateness.isEmpty()) {
        Stats s = Stats.of(lateness);
        b.row("client microphone timer lateness: p50 %.1f ms, p95 %.1f ms, max %.1f ms", s.p50(), s.p95(), s.max());
      }
    }
  }

  private Phase runPhase(String name, int turns, String sessionUpdate, boolean mic, TurnBody body) throws Exception {
    waitQuiet(name);
    Phase phase = new Phase(name);
    int n = Math.min(opt.sessions, Math.max(1, turns));
    ExecutorService drivers = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "bench-driver");
      t.setDaemon(true);
      return t;
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(opt.phaseSeconds);
    Load.Reading[] measureStart = new Load.Reading[1];
    java.util.concurrent.CountDownLatch warmedUp = new java.util.concurrent.CountDownLatch(n);
    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int s = 0; s < n; s++) {
      int index = s;
      int mine = turns / n + (s < turns % n ? 1 : 0);
      running.add(drivers.submit(() -> {
        Random rnd = new Random(1000L * index + name.hashCode());
        Client c = new Client(index, clientVertx, loops.get(index % loops.size()), wsClient, platform.httpPort(), API_KEY);
        try {
          Thread.sleep(400L * index); // stagger the sessions
          c.open();
          c.send(sessionUpdate);
          c.await("session.updated", null, 10_000);
          c.forget();
          if (mic) {
            c.startMic();
            c.drain(500);
          }
          for (int w = 0; w < opt.warmup; w++) {
            try {
              body.run(c, 1000 + w, rnd, false);
            } catch (Exception e) {
              phase.failures.add("warm-up, session " + index + ": " + e.getMessage());
              c.settle(1500, 60_000);
              c.forget();
            }
          }
        } catch (Exception e) {
          phase.failures.add("session " + index + " setup: " + e);
          try {
            c.close();
          } catch (Exception ignored) {
            // already gone
          }
          return null;
        } finally {
          warmedUp.countDown();
        }
        try {
          warmedUp.await(120, TimeUnit.SECONDS);
          int consecutive = 0;
          for (int t = 0; t < mine && System.nanoTime() < deadline; t++) {
            int m0 = c.mark();
            try {
              phase.turns.add(body.run(c, t, rnd, true));
              consecutive = 0;
            } catch (Exception e) {
              String msg = e.getMessage();
              phase.failures.add("session " + index + " turn " + t + ": " + msg
                  + (msg != null && msg.contains("@") ? "" : " | events: " + c.timeline(m0)));
              if (++consecutive >= 3) {
                break;
              }
              c.settle(1500, 60_000);
              c.forget();
            }
          }
          if (mic) {
            c.stopMic();
            phase.lateness.addAll(c.sendLateness);
          }
          if (!c.errors.isEmpty()) {
            phase.failures.add("session " + index + ": " + c.errors.size() + " error(s), first: " + c.errors.get(0));
          }
        } finally {
          c.close();
        }
        return null;
      }));
    }
    warmedUp.await(180, TimeUnit.SECONDS);
    measureStart[0] = Load.read();
    for (java.util.concurrent.Future<?> f : running) {
      f.get(opt.phaseSeconds + 240L, TimeUnit.SECONDS);
    }
    phase.load = Load.between(measureStart[0], Load.read());
    phase.loadAverages = Load.loadAverages();
    phase.seconds = (System.nanoTime() - t0) / 1e9;
    drivers.shutdown();
    Thread.sleep(500);
    return phase;
  }

  /** With --wait-quiet S: waits (at most S s) until processes outside this benchmark use less than --quiet-cores. */
  private void waitQuiet(String what) throws InterruptedException {
    if (opt.waitQuietSeconds <= 0) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(opt.waitQuietSeconds);
    boolean said = false;
    while (true) {
      Load.Reading a = Load.read();
      Thread.sleep(3000);
      Load.Usage u = Load.between(a, Load.read());
      if (u.other() < opt.quietCores) {
        return;
      }
      if (System.nanoTime() > deadline) {
        say("machine still busy (other processes %.2f cores); running %s anyway", u.other(), what);
        return;
      }
      if (!said) {
        say("waiting for a quiet machine before %s (other processes use %.2f cores)", what, u.other());
        said = true;
      }
    }
  }

  // ---------------------------------------------------------------- metrics

  /** Named samples in milliseconds, in insertion order of their names. */
  static final class Metrics {
    private final Map<String, List<Double>> values = Collections.synchronizedMap(new LinkedHashMap<>());

    void add(String name, double ms) {
      synchronized (values) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
      }
    }

    Stats stats(String name) {
      synchronized (values) {
        List<Double> v = values.get(name);
        return v == null ? Stats.EMPTY : Stats.of(new ArrayList<>(v));
      }
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      synchronized (values) {
        values.forEach((k, v) -> m.put(k.strip(), Stats.of(new ArrayList<>(v)).toMap()));
      }
      return m;
    }

    void print(ConversationBench b) {
      synchronized (values) {
        values.forEach((k, v) -> {
          if (k.contains("(count)")) {
            b.row("%-62s %5d", k, v.size());
          } else {
            b.statRow(k, Stats.of(new ArrayList<>(v)));
          }
        });
      }
    }
  }

  private void goal(Metrics m, String metric, double goalMs, String which) {
    Stats s = m.stats(metric);
    if (s.count() == 0) {
      row("=> goal %s <= %.0f ms: no samples", which, goalMs);
      return;
    }
    double v = which.equals("p50") ? s.p50() : s.p95();
    row("=> goal: %s of '%s' <= %.0f ms: %.1f ms, %s", which, metric.strip(), goalMs, v,
        v <= goalMs ? "met" : String.format(Locale.ROOT, "MISSED by %.1f ms", v - goalMs));
  }

  // ---------------------------------------------------------------- helpers

  private static final java.util.concurrent.atomic.AtomicLong TAGS = new java.util.concurrent.atomic.AtomicLong();

  /** A fresh tag for one turn's item id and response metadata, so waits cannot match another turn's events. */
  static String tag() {
    return "b" + Long.toHexString(System.nanoTime() & 0xffffffL) + TAGS.incrementAndGet();
  }

  static String itemCreate(String tag, String userText) {
    return new JsonObject().put("type", "conversation.item.create").put("item", new JsonObject()
        .put("id", "item_" + tag).put("type", "message").put("role", "user")
        .put("content", new JsonArray().add(new JsonObject().put("type", "input_text").put("text", userText))))
        .encode();
  }

  static String responseCreate(String tag) {
    return "{\"type\":\"response.create\",\"response\":{\"metadata\":{\"bench_turn\":\"" + tag + "\"}}}";
  }

  /** Waits for the item's conversation.item.done. */
  static void awaitItem(Client c, String tag) throws Exception {
    c.await("conversation.item.done", e -> ("item_" + tag).equals(e.str("/item/id")), 10_000);
  }

  static boolean isTurn(Event e, String tag) {
    return tag.equals(e.str("/response/metadata/bench_turn"));
  }

  static Event first(List<Event> events, String type) {
    for (Event e : events) {
      if (e.type().equals(type)) {
        return e;
      }
    }
    return null;
  }

  /** The last transcript delta that arrived before {@code limit} (the sentence Flite speaks first is complete then). */
  static Event lastTextBefore(List<Event> events, Event limit) {
    Event last = null;
    for (Event e : events) {
      if (e == limit) {
        break;
      }
      if (e.type().equals("response.output_audio_transcript.delta")) {
        last = e;
      }
    }
    return last;
  }

  static long audioMs(List<Event> events) {
    long bytes = 0;
    for (Event e : events) {
      if (e.type().equals(Client.AUDIO_DELTA)) {
        bytes += e.size();
      }
    }
    return bytes / Clips.FORMAT.bytesPerMs();
  }

  static double ms(long fromNanos, Event to) {
    return round1((to.nanos() - fromNanos) / 1e6);
  }

  static double ms(Event from, Event to) {
    return round1((to.nanos() - from.nanos()) / 1e6);
  }

  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static Map<String, Object> machine(String loadAtStart) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nproc", Runtime.getRuntime().availableProcessors());
    m.put("cpu_model", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?"));
    m.put("memory_total_gb", Math.round(((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize() / 1e9));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("jvm_flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
    m.put("loadavg_1_5_15_at_start", loadAtStart);
    return m;
  }

  private void write() throws Exception {
    Files.createDirectories(opt.out);
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    report.put("finished_at", Instant.now().toString());
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    StringBuilder head = new StringBuilder();
    @SuppressWarnings("unchecked")
    Map<String, Object> machine = (Map<String, Object>) report.get("machine");
    head.append(String.format(Locale.ROOT, "Voxmesh conversation latency benchmark, %s%nmachine: %s cores, %s; %s%n"
            + "load average (1/5/15 min) at start %s, at end %s; %d sessions at a time; wall %s s%n",
        report.get("finished_at"), machine.get("nproc"), machine.get("cpu_model"), machine.get("java"),
        machine.get("loadavg_1_5_15_at_start"), report.get("loadavg_at_end"), opt.sessions, report.get("wall_seconds")));
    String summary = head + text.toString();
    json.writeValue(opt.out.resolve("conversation-" + stamp + ".json").toFile(), report);
    json.writeValue(opt.out.resolve("conversation-latest.json").toFile(), report);
    Files.writeString(opt.out.resolve("conversation-" + stamp + ".txt"), summary);
    Files.writeString(opt.out.resolve("conversation-latest.txt"), summary);
    say("results: %s (.json alongside), %s", opt.out.resolve("conversation-" + stamp + ".txt"),
        opt.out.resolve("conversation-latest.txt"));
  }

  private void section(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    text.append('\n').append(s).append('\n');
    System.out.println();
    System.out.println(s);
  }

  void row(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    text.append(s).append('\n');
    System.out.println(s);
  }

  private void header() {
    row("%-62s %5s %8s %8s %8s %8s", "ms", "n", "p50", "p95", "p99", "max");
  }

  void statRow(String label, Stats s) {
    row("%-62s %5d %8s %8s %8s %8s", label, s.count(), fmt(s.p50()), fmt(s.p95()), fmt(s.p99()), fmt(s.max()));
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  static void say(String format, Object... args) {
    System.out.println("conversation bench: " + String.format(Locale.ROOT, format, args));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
  }
}
