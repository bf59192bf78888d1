package org.voxmesh.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.voxmesh.app.Platform;
import org.voxmesh.bench.Clips.Clip;
import org.voxmesh.bench.Turns.Turn;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.kafka.EmbeddedKafka;

/**
 * The benchmark runner: starts the whole platform in this JVM (against a child-JVM Kafka broker, TLS
 * off: the load is plain ws:// on the HTTP port), a bare Vert.x echo server, and a Vert.x WebSocket load
 * generator, then runs the phases and writes a summary (stdout + JSON) and raw per-turn data.
 *
 * <ul>
 *   <li>latency: end of speech → {@code conversation.item.input_audio_transcription.completed} over the 88
 *       corpus files of the four non-espeak voices, a few sessions at once, split into silence window,
 *       VAD hang-over, engine finalisation and platform overhead ({@link Turns}).
 *   <li>vad / asr: capacity ramps — sessions per step until p99 speech_stopped lag passes the bound.
 *   <li>echo: the same ramp against the echo server (lag = append → echo round trip).
 *   <li>Kafka: {@code …completed} → record visible to a plain consumer, from the latency and asr runs.
 * </ul>
 */
public final class Bench {

  static final String API_KEY = "sk-bench-" + Long.toHexString(System.nanoTime());
  static final String URI = "/v1/realtime?intent=transcription";

  private final Options opt;
  private final List<Clip> clips;
  private final Platform platform;
  private final TimedRecognizer recognizer;
  private final KafkaWatcher kafka;
  private final Vertx clientVertx;
  private final WebSocketClient client;
  private final List<io.vertx.core.Context> clientLoops = new ArrayList<>();
  private final Map<String, Object> report = new LinkedHashMap<>();
  private final List<Map<String, Object>> rawTurns = new ArrayList<>();
  private final StringBuilder table = new StringBuilder();
  private final Map<String, Samples> kafkaLag = new LinkedHashMap<>();

  private Bench(Options opt, List<Clip> clips, Platform platform, TimedRecognizer recognizer, KafkaWatcher kafka)
      throws Exception {
    this.opt = opt;
    this.clips = clips;
    this.platform = platform;
    this.recognizer = recognizer;
    this.kafka = kafka;
    this.clientVertx = Vertx.vertx(new VertxOptions());
    this.client = clientVertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(10_000)
        .setMaxFrameSize(24 * 1024 * 1024)
        .setMaxMessageSize(24 * 1024 * 1024));
    // One context per client event loop (a deployment each, so they land on different loops); sessions
    // are spread over them. (Vert.x would otherwise pin everything created from the main thread to one loop.)
    int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    for (int i = 0; i < loops; i++) {
      io.vertx.core.Context[] holder = new io.vertx.core.Context[1];
      await(clientVertx.deployVerticle(new io.vertx.core.VerticleBase() {
        @Override
        public Future<?> start() {
          holder[0] = context;
          context.runOnContext(v -> ThreadCpu.registerClientThread());
          return Future.succeededFuture();
        }
      }));
      clientLoops.add(holder[0]);
    }
  }

  public static void main(String[] args) {
    try {
      benchmark(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.err.println("bench: failed: " + t);
      System.out.println("bench: failed: " + t + " (details in the log)");
      System.exit(1);
    }
  }

  private static void benchmark(String[] args) throws Exception {
    Options opt;
    try {
      opt = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    if (opt.gapNoiseDbfs != null) {
      Clips.useNoiseGaps(opt.gapNoiseDbfs);
    }
    Corpus corpus = Corpus.load();
    List<Clip> clips = Clips.load(corpus);
    say("corpus: %d clips from %s (%s)", clips.size(), corpus.dir(), corpus.accuracyVoices());

    String bootstrap = EmbeddedKafka.bootstrapServers();
    say("kafka broker (child JVM) at %s", bootstrap);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("http.host", "127.0.0.1");
    settings.put("http.port", "0");
    settings.put("ops.port", "0");
    settings.put("https.port", "-1"); // TLS is not what is measured
    settings.put("api.keys", API_KEY);
    settings.put("data.dir", Files.createTempDirectory("voxmesh-bench-").toString());
    settings.put("kafka.bootstrap.servers", bootstrap);
    if (opt.asrDecoders != null) {
      settings.put("asr.max.decoders", opt.asrDecoders);
    }
    TimedRecognizer[] timed = new TimedRecognizer[1];
    Platform platform = Platform.start(Settings.of(settings), r -> timed[0] = new TimedRecognizer(r));
    say("platform up: ws://127.0.0.1:%d/v1/realtime", platform.httpPort());
    KafkaWatcher kafka = new KafkaWatcher(bootstrap, Topics.TRANSCRIPTS);

    Bench bench = new Bench(opt, clips, platform, timed[0], kafka);
    bench.report.put("machine", machine());
    bench.report.put("options", bench.optionsMap(settings));
    try {
      bench.run();
    } finally {
      bench.report.put("wall_seconds", Math.round((System.nanoTime() - started) / 1e9));
      bench.report.put("loadavg_1m_at_end", Cpu.loadAverage());
      bench.write();
      kafka.close();
      await(bench.clientVertx.close());
      platform.close();
    }
    System.exit(0);
  }

  private void run() throws Exception {
    report.put("engine_costs", engineCosts());
    if (opt.phases.contains("latency")) {
      latency();
    }
    if (opt.phases.contains("vad")) {
      report.put("capacity_vad", ramp("vad", opt.vadSteps));
    }
    if (opt.phases.contains("asr")) {
      report.put("capacity_asr", ramp("asr", opt.asrSteps));
    }
    if (opt.phases.contains("echo")) {
      report.put("capacity_echo", ramp("echo", opt.echoSteps));
    }
    if (!kafkaLag.isEmpty()) {
      kafkaReport();
    }
  }

  // ---------------------------------------------------------------- engine costs

  /**
   * Single-threaded cost of the speech engines on this machine, for the reading of the capacity
   * numbers: Silero VAD per 32 ms frame (through the same energy-gated detector the pipeline uses) over
   * every corpus file, and the share of frames that are speech in the capacity runs' streams.
   */
  private Map<String, Object> engineCosts() {
    section("engine costs (one thread, this machine)");
    Map<String, Object> m = new LinkedHashMap<>();
    try (var vad = org.voxmesh.speech.vad.SileroVadEngine.load(org.voxmesh.speech.vad.SileroVadEngine.defaultModelPath())) {
      Corpus corpus = Corpus.load();
      List<short[]> audio = new ArrayList<>();
      for (String voice : corpus.accuracyVoices()) {
        corpus.utterances(voice).forEach(u -> audio.add(u.read().samples()));
      }
      var gate = org.voxmesh.speech.vad.EnergyGate.defaultGate();
      Samples perFrame = new Samples();
      int gated = 0;
      int frames = 0;
      for (int pass = 0; pass < 2; pass++) { // first pass warms up
        perFrame = new Samples();
        gated = 0;
        frames = 0;
        for (short[] pcm : audio) {
          var detector = vad.newDetector();
          short[] frame = new short[detector.frameSamples()];
          for (int off = 0; off + frame.length <= pcm.length; off += frame.length) {
            System.arraycopy(pcm, off, frame, 0, frame.length);
            long t = System.nanoTime();
            detector.speechProbability(frame);
            double ms = (System.nanoTime() - t) / 1e6;
            frames++;
            if (gate.isSilence(frame)) {
              gated++; // the energy gate answered without the model
            } else {
              perFrame.add(ms);
            }
          }
          detector.close();
        }
      }
      Stats s = perFrame.stats();
      double framesPerSecond = 16_000.0 / 512;
      Program typical = programs(1, 0, 20_000).get(0);
      long clipMs = typical.clips.stream().mapToLong(p -> p.clip().durationMs()).sum();
      double clipShare = (double) clipMs / typical.durationMs();
      boolean noisyGaps = opt.gapNoiseDbfs != null && opt.gapNoiseDbfs >= org.voxmesh.speech.vad.EnergyGate.DEFAULT_FLOOR_DBFS;
      double modelShare = clipShare * (frames - gated) / frames + (noisyGaps ? 1 - clipShare : 0);
      double coresPerSession = framesPerSecond * modelShare * s.mean() / 1000;
      m.put("silero_ms_per_model_frame", s.toMap());
      m.put("corpus_frames", frames);
      m.put("corpus_frames_gated", gated);
      m.put("capacity_stream_share_in_clips", Math.round(clipShare * 1000) / 1000.0);
      m.put("vad_cores_per_session_estimate", Math.round(coresPerSession * 10000) / 10000.0);
      m.put("vad_sessions_per_core_estimate", Math.round(1 / coresPerSession));
      row("Silero VAD: %.3f ms per model frame (p50 %.3f, p99 %.3f); %d of %d corpus frames gated as silence",
          s.mean(), s.p50(), s.p99(), gated, frames);
      row("capacity streams are %.0f%% corpus audio (rest: %s): about %.4f cores of VAD"
          + " per session, ~%d sessions per core for VAD alone", clipShare * 100,
          noisyGaps ? "noise gaps, through the model" : "silence gaps, gated", coresPerSession,
          Math.round(1 / coresPerSession));
    } catch (RuntimeException e) {
      m.put("error", e.toString());
      row("engine cost measurement failed: %s", e);
    }
    return m;
  }

  // ---------------------------------------------------------------- (a) latency

  private void latency() throws Exception {
    int n = opt.latencySessions;
    section("(a) end of speech -> transcription.completed: %d corpus files, %d sessions, server_vad silence %d ms",
        Math.min(opt.latencyFiles, clips.size()), n, opt.silenceMs);
    // Warm-up: JIT, decoder pool, ONNX. Not measured.
    List<Program> warm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      warm.add(Program.of(List.of(clips.get((i * 23 + 5) % clips.size()), clips.get((i * 23 + 40) % clips.size())),
          300, opt.gapMs, 2000));
    }
    runSessions(warm, update(true), platform.httpPort(), 1000, 1000);
    recognizer.drainFinishes();

    List<Clip> files = clips;
    if (opt.latencyFiles < clips.size()) {
      files = new ArrayList<>();
      for (int k = 0; k < opt.latencyFiles; k++) {
        files.add(clips.get(k * clips.size() / opt.latencyFiles));
      }
    }
    List<Program> programs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Clip> mine = new ArrayList<>();
      for (int j = i; j < files.size(); j += n) {
        mine.add(files.get(j));
      }
      programs.add(Program.of(mine, 300, opt.gapMs, 2500));
    }
    waitQuiet("the latency run");
    Cpu.Snapshot before = Cpu.snapshot();
    long[] acceptBefore = recognizer.acceptTotals();
    Run run = runSessions(programs, update(true), platform.httpPort(), 1000, 1500);
    Cpu.Usage cpu = Cpu.between(before, Cpu.snapshot());
    Turns.Result result = Turns.analyse(run.sessions, opt.silenceMs, recognizer.drainFinishes());
    awaitKafka(result.turns);

    Samples total = new Samples();
    Samples hangover = new Samples();
    Samples finish = new Samples();
    Samples finishCpu = new Samples();
    Samples overhead = new Samples();
    Samples before2 = new Samples();
    Samples after = new Samples();
    Samples stopped = new Samples();
    Samples lateness = new Samples();
    Samples lookahead = new Samples();
    Samples rest = new Samples();
    int lookaheadTurns = 0;
    Samples kafkaMs = kafkaLag.computeIfAbsent("latency run (" + n + " sessions)", k -> new Samples());
    int completed = 0;
    int failed = 0;
    int missed = 0;
    int split = 0;
    int exact = 0;
    for (Turn t : result.turns) {
      Map<String, Object> raw = rawTurn("latency", t);
      rawTurns.add(raw);
      if (t.stops.isEmpty()) {
        missed++;
        continue;
      }
      if (t.stops.size() > 1) {
        split++;
      }
      stopped.add(t.stoppedLagMs());
      if (t.failed != null) {
        failed++;
      }
      if (t.completed == null) {
        continue;
      }
      completed++;
      if (normalise(t.completed.transcript()).equals(normalise(t.placed.clip().text()))) {
        exact++;
      }
      total.add(t.totalMs());
      hangover.add(t.hangoverMs(opt.silenceMs));
      lateness.add(t.clientLatenessMs());
      lookahead.add(t.lookaheadWaitMs());
      if (t.lookaheadWaitMs() > 0) {
        lookaheadTurns++;
      }
      if (t.finish != null) {
        rest.add(t.totalMs() - opt.silenceMs - t.finish.millis());
        finish.add(t.finish.millis());
        finishCpu.add(t.finish.cpuNanos() / 1e6);
        overhead.add(t.overheadMs());
        before2.add(t.beforeEngineMs());
        after.add(t.afterEngineMs());
      }
      if (t.kafkaMs() != null) {
        kafkaMs.add(t.kafkaMs());
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sessions", n);
    m.put("files", result.turns.size());
    m.put("completed", completed);
    m.put("failed", failed);
    m.put("missed_turns", missed);
    m.put("split_turns", split);
    m.put("spurious_stops", result.spuriousStops);
    m.put("completions_without_engine_match", result.unmatchedCompletions);
    m.put("transcripts_exactly_right", exact);
    m.put("errors", run.errors());
    m.put("end_of_speech_to_completed", total.stats().toMap());
    m.put("silence_window_ms", opt.silenceMs);
    m.put("vad_hangover", hangover.stats().toMap());
    m.put("resampler_lookahead_wait", lookahead.stats().toMap());
    m.put("turns_waiting_one_more_append_for_lookahead", lookaheadTurns);
    m.put("resampler_held_samples_16k", Turns.HELD_SAMPLES);
    m.put("client_lateness_of_decisive_frame", lateness.stats().toMap());
    m.put("engine_finalisation", finish.stats().toMap());
    m.put("engine_finalisation_cpu_time", finishCpu.stats().toMap());
    m.put("platform_overhead", overhead.stats().toMap());
    m.put("rest_total_minus_silence_minus_finish", rest.stats().toMap());
    m.put("overhead_before_engine", before2.stats().toMap());
    m.put("overhead_after_engine", after.stats().toMap());
    m.put("speech_stopped_lag", stopped.stats().toMap());
    m.put("client_send_lateness", run.sendLateness().stats().toMap());
    m.putAll(acceptFactors(acceptBefore, recognizer.acceptTotals()));
    m.put("cpu", cpu.toMap());
    m.put("disturbed", cpu.otherCores() > opt.quietCores);
    m.put("jvm_cpu_by_thread_group", run.threads());
    report.put("latency", m);

    row("%-34s %7s %8s %8s %8s %8s", "component (ms)", "n", "p50", "p95", "p99", "max");
    statRow("end of speech -> completed", total.stats());
    row("%-34s %7s %8d %8d %8d %8s", "  silence window (configured)", "", opt.silenceMs, opt.silenceMs, opt.silenceMs, "");
    statRow("  VAD hang-over + framing", hangover.stats());
    statRow("  resampler look-ahead wait", lookahead.stats());
    statRow("  load generator lateness", lateness.stats());
    statRow("  engine finalisation (finish)", finish.stats());
    statRow("    (CPU time inside finish)", finishCpu.stats());
    statRow("  platform overhead", overhead.stats());
    statRow("    of which before finish()", before2.stats());
    statRow("    of which after finish()", after.stats());
    statRow("speech_stopped lag", stopped.stats());
    statRow("client send lateness (all frames)", run.sendLateness().stats());
    statRow("total - silence - finish (all else)", rest.stats());
    row("turns: %d files, %d completed, %d failed, %d missed, %d split, %d exact transcripts; errors %d;"
        + " %d turns waited one more 20 ms append for the resampler's look-ahead (%d samples at 16 kHz)",
        result.turns.size(), completed, failed, missed, split, exact, run.errors(), lookaheadTurns, Turns.HELD_SAMPLES);
    row("goal: platform overhead p95 <= 20 ms -> %s (p95 = %s ms; everything but silence window and engine: p95 = %s ms)",
        overhead.size() > 0 && overhead.stats().p95() <= 20 ? "MET" : "NOT MET", Stats.fmt(overhead.stats().p95()),
        Stats.fmt(rest.stats().p95()));
    row("cpu: bench JVM %.2f cores, broker %.2f, other processes %.2f, loadavg %.2f",
        cpu.jvmCores(), cpu.childCores(), cpu.otherCores(), cpu.loadAverage1m());
  }

  // ---------------------------------------------------------------- (b) capacity

  private Map<String, Object> ramp(String kind, List<Integer> steps) throws Exception {
    boolean echo = kind.equals("echo");
    boolean asr = kind.equals("asr");
    EchoServer echoServer = echo ? EchoServer.start() : null;
    int port = echo ? echoServer.port() : platform.httpPort();
    String update = echo ? null : update(asr);
    section("(b) capacity, %s: %d s of real-time audio per session per step, bound p99 %s lag <= %.0f ms",
        echo ? "bare Vert.x echo server (lag = append -> echo)" : asr ? "server_vad + PocketSphinx ASR"
            : "server_vad only (transcription null)",
        opt.stepSeconds, echo ? "echo" : "speech_stopped", opt.lagBoundMs);
    row("%-8s %6s %7s %7s %7s %5s %6s %7s | %5s %5s %5s %5s %5s %5s %5s | %6s %s", "sessions", "n", "p50", "p99",
        "max", "miss", "failed", "late99", "jvm", "gen", "loops", "vad", "asr", "gc", "other", "errors", "verdict");
    row("%-8s (lag ms: n samples, p50, p99, max; late99 = p99 load-generator timer lateness; CPU in cores:"
        + " whole bench JVM, load generator loops, server loops, VAD pool, ASR pool, GC/JIT, other processes;"
        + " * = disturbed, other > %.2f)", "", opt.quietCores);
    List<Map<String, Object>> out = new ArrayList<>();
    Integer held = null;
    Integer failedAt = null;
    try {
      if (echo) {
        // warm the echo path (JIT) the way the platform is warmed below
        runSessions(programs(50, 0, 8000), null, port, 1000, 200);
      } else if (!asr) {
        // warm the VAD path (JIT): a cold JVM thrown straight at a large step spends its first seconds
        // compiling, falls behind, and near saturation may not catch up within the step
        runSessions(programs(50, 0, 8000), update, port, 1000, 500);
      } else {
        // create the decoder pool (0.25-0.4 s per decoder on first use) before measuring
        int warm = Math.min(steps.stream().mapToInt(Integer::intValue).max().orElse(1),
            opt.asrDecoders == null ? 8 : Integer.parseInt(opt.asrDecoders));
        List<Program> warmPrograms = new ArrayList<>();
        for (int i = 0; i < warm; i++) {
          warmPrograms.add(Program.of(List.of(clips.get((i * 11 + 3) % clips.size())), 200, opt.gapMs, 1500));
        }
        runSessions(warmPrograms, update, port, 200, 2000);
      }
      for (int stepIndex = 0; stepIndex < steps.size(); stepIndex++) {
        int n = steps.get(stepIndex);
        List<Map<String, Object>> disturbed = new ArrayList<>();
        Map<String, Object> step;
        for (int attempt = 0; ; attempt++) {
          waitQuiet(kind + " step " + n);
          step = step(kind, n, stepIndex, port, update);
          if (!(Boolean) step.get("pass") && (Boolean) step.get("disturbed") && attempt < opt.retries) {
            step.remove("_kafka");
            disturbed.add(step);
            row("%-8s ^ disturbed by other processes: run again after a quiet spell", "");
            continue;
          }
          break;
        }
        Samples kafkaMs = (Samples) step.remove("_kafka");
        if (kafkaMs != null && kafkaMs.size() > 0) {
          kafkaLag.put("asr ramp, " + n + " sessions", kafkaMs);
        }
        if (!disturbed.isEmpty()) {
          step.put("earlier_disturbed_attempts", disturbed);
        }
        out.add(step);
        boolean pass = (Boolean) step.get("pass");
        if (pass) {
          if (failedAt == null) {
            held = n;
          }
        } else if (failedAt == null) {
          failedAt = n;
          if (!opt.keepRamping) {
            break;
          }
        }
      }
    } finally {
      if (echoServer != null) {
        echoServer.close();
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("held_sessions", held);
    m.put("first_failing_step", failedAt);
    m.put("steps", out);
    row("=> %s: held %s sessions%s", kind, held == null ? "no step" : held,
        failedAt == null ? " (every step passed; the ramp ended)" : ", failed at " + failedAt);
    return m;
  }

  /** One capacity step: {@code n} sessions streaming at once; the map says what happened and whether it passed. */
  private Map<String, Object> step(String kind, int n, int stepIndex, int port, String update) throws Exception {
    boolean echo = kind.equals("echo");
    boolean asr = kind.equals("asr");
    Map<String, Object> step = new LinkedHashMap<>();
    List<Program> programs = programs(n, stepIndex * 7, opt.stepSeconds * 1000);
    recognizer.drainFinishes();
    long overloadedBefore = recognizer.overloadedOpens();
    long[] acceptBefore = recognizer.acceptTotals();
    Run run = runSessions(programs, update, port, opt.staggerMs, asr ? 3000 : 1000);
    step.put("sessions", n);
    step.put("connected", run.sessions.size());
    Samples lag = new Samples();
    int missing = 0;
    int failedTranscripts = 0;
    Map<String, Integer> failureCodes = new TreeMap<>();
    if (echo) {
      for (LoadSession s : run.sessions) {
        lag.addAll(s.echoLag);
        missing += s.missingEchoes();
      }
    } else {
      Turns.Result result = Turns.analyse(run.sessions, opt.silenceMs, recognizer.drainFinishes());
      Samples total = new Samples();
      Samples finish = new Samples();
      Samples overhead = new Samples();
      int completed = 0;
      int split = 0;
      if (asr) {
        awaitKafka(result.turns);
      }
      Samples kafkaMs = new Samples();
      step.put("_kafka", kafkaMs);
      for (Turn t : result.turns) {
        if (asr) {
          rawTurns.add(rawTurn("asr-" + n, t));
        }
        if (t.stops.isEmpty()) {
          missing++;
          lag.add(Double.POSITIVE_INFINITY); // never arrived: unbounded lag
          continue;
        }
        if (t.stops.size() > 1) {
          split++;
        }
        lag.add(t.stoppedLagMs());
        if (t.failed != null) {
          failedTranscripts++;
          failureCodes.merge(String.valueOf(t.failed.code()), 1, Integer::sum);
        }
        if (t.completed != null) {
          completed++;
          total.add(t.totalMs());
          if (t.finish != null) {
            finish.add(t.finish.millis());
            overhead.add(t.overheadMs());
          }
          if (asr && t.kafkaMs() != null) {
            kafkaMs.add(t.kafkaMs());
          }
        } else if (asr && t.failed == null) {
          failedTranscripts++; // no completed and no failed: lost
          failureCodes.merge("no_event", 1, Integer::sum);
        }
      }
      step.put("turns", result.turns.size());
      step.put("split_turns", split);
      step.put("spurious_stops", result.spuriousStops);
      if (asr) {
        step.put("completed", completed);
        step.put("transcription_failures", failedTranscripts);
        step.put("failure_codes", failureCodes);
        step.put("engine_overloaded_opens", recognizer.overloadedOpens() - overloadedBefore);
        step.putAll(acceptFactors(acceptBefore, recognizer.acceptTotals()));
        step.put("end_of_speech_to_completed", total.stats().toMap());
        step.put("engine_finalisation", finish.stats().toMap());
        step.put("platform_overhead", overhead.stats().toMap());
      }
    }
    Stats lagStats = lag.stats();
    Stats late = run.sendLateness().stats();
    int errors = run.errors();
    boolean pass = lagStats.count() > 0 && lagStats.p99() <= opt.lagBoundMs && errors == 0 && failedTranscripts == 0
        && (!echo || missing == 0);
    step.put(echo ? "echo_lag" : "speech_stopped_lag", lagStats.toMap());
    step.put(echo ? "missing_echoes" : "missed_turns", missing);
    step.put("client_send_lateness", late.toMap());
    step.put("errors", errors);
    step.put("error_samples", run.errorSamples());
    step.put("cpu_all_sessions_streaming", run.cpu.toMap());
    step.put("jvm_cpu_by_thread_group", run.threads());
    boolean disturbedStep = run.cpu.otherCores() > opt.quietCores;
    step.put("pass", pass);
    step.put("disturbed", disturbedStep);
    Map<String, Object> th = run.threads();
    row("%-8d %6d %7s %7s %7s %5d %6d %7s | %5.2f %5.2f %5.2f %5.2f %5.2f %5.2f %5.2f%s| %6d %s%s", n, lagStats.count(),
        Stats.fmt(lagStats.p50()), Stats.fmt(lagStats.p99()), Stats.fmt(lagStats.max()), missing, failedTranscripts,
        Stats.fmt(late.p99()), run.cpu.jvmCores(), th.get("load_generator_event_loops"), th.get("server_event_loops"),
        th.get("vad_workers"), th.get("asr_workers"), th.get("jvm_internal_gc_jit"), run.cpu.otherCores(),
        disturbedStep ? "*" : " ", errors,
        pass ? "ok" : "FAIL", failureCodes.isEmpty() ? "" : " " + failureCodes);
    return step;
  }

  /**
   * With {@code --wait-quiet S}: waits (at most S seconds) until processes outside this benchmark use
   * less than {@code --quiet-cores} over 3 s, so a step does not measure someone else's build.
   */
  private void waitQuiet(String what) throws InterruptedException {
    if (opt.waitQuietSeconds <= 0) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(opt.waitQuietSeconds);
    boolean said = false;
    while (true) {
      Cpu.Snapshot a = Cpu.snapshot();
      Thread.sleep(3000);
      Cpu.Usage u = Cpu.between(a, Cpu.snapshot());
      if (u.otherCores() < opt.quietCores) {
        return;
      }
      if (System.nanoTime() > deadline) {
        say("machine still busy (other processes %.2f cores); running %s anyway", u.otherCores(), what);
        return;
      }
      if (!said) {
        say("waiting for a quiet machine before %s (other processes use %.2f cores)", what, u.otherCores());
        said = true;
      }
    }
  }

  /** One looping program per session, each starting at a different corpus file. */
  private List<Program> programs(int n, int shift, int totalMs) {
    List<Program> programs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      programs.add(Program.looping(clips, i * 13 + shift, totalMs, 200, opt.gapMs, 1500));
    }
    return programs;
  }

  /** Streaming decode cost: seconds in accept() per second of audio fed, wall and CPU. */
  private static Map<String, Object> acceptFactors(long[] before, long[] after) {
    Map<String, Object> m = new LinkedHashMap<>();
    double audio = (after[1] - before[1]) / 16_000.0;
    m.put("asr_audio_seconds_decoded", Math.round(audio));
    m.put("asr_accept_wall_real_time_factor", audio == 0 ? null : round3((after[0] - before[0]) / 1e9 / audio));
    m.put("asr_accept_cpu_real_time_factor", audio == 0 ? null : round3((after[2] - before[2]) / 1e9 / audio));
    return m;
  }

  // ---------------------------------------------------------------- (c) Kafka

  private void awaitKafka(List<Turn> turns) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Turn t : turns) {
      if (t.completed == null) {
        continue;
      }
      while (kafka.seen(t.completed.itemId()) == null && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      t.kafkaSeenNanos = kafka.seen(t.completed.itemId());
    }
  }

  private void kafkaReport() {
    section("(c) transcription.completed (WebSocket) -> record visible to a kafka-clients consumer on %s",
        Topics.TRANSCRIPTS);
    row("%-34s %7s %8s %8s %8s %8s", "run", "n", "p50", "p95", "p99", "max");
    Samples all = new Samples();
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> parts = new LinkedHashMap<>();
    for (Map.Entry<String, Samples> e : kafkaLag.entrySet()) {
      statRow(e.getKey(), e.getValue().stats());
      parts.put(e.getKey(), e.getValue().stats().toMap());
      all.addAll(e.getValue());
    }
    statRow("all", all.stats());
    m.put("all", all.stats().toMap());
    m.put("by_run", parts);
    m.put("consumer", "kafka-clients, assign() all partitions from the end, fetch.max.wait.ms=10, fetch.min.bytes=1");
    if (kafka.failure() != null) {
      m.put("consumer_failure", kafka.failure().toString());
    }
    report.put("kafka_visibility", m);
  }

  // ---------------------------------------------------------------- sessions

  /** A finished run: the sessions that connected, errors, CPU while every session streamed. */
  record Run(List<LoadSession> sessions, List<String> connectErrors, Cpu.Usage cpu, Map<String, Object> threads) {
    int errors() {
      int n = connectErrors.size();
      for (LoadSession s : sessions) {
        n += s.errors.size() + (s.unsent() > 0 ? 1 : 0);
      }
      return n;
    }

    List<String> errorSamples() {
      List<String> out = new ArrayList<>(connectErrors);
      for (LoadSession s : sessions) {
        out.addAll(s.errors);
      }
      return out.subList(0, Math.min(5, out.size()));
    }

    Samples sendLateness() {
      Samples all = new Samples();
      sessions.forEach(s -> all.addAll(s.sendLateness));
      return all;
    }
  }

  /**
   * Connects one session per program (at most 32 handshakes in flight), starts them spread over
   * {@code staggerMs}, waits until every program was sent plus {@code drainMs}, closes them.
   */
  private Run runSessions(List<Program> programs, String update, int port, int staggerMs, int drainMs) throws Exception {
    List<LoadSession> all = new ArrayList<>();
    List<Future<Void>> opened = new ArrayList<>();
    Semaphore handshakes = new Semaphore(32);
    for (int i = 0; i < programs.size(); i++) {
      LoadSession s = new LoadSession(i, programs.get(i), clientVertx, clientLoops.get(i % clientLoops.size()), client,
          port, URI, update == null ? null : API_KEY, update);
      handshakes.acquire();
      opened.add(s.open().onComplete(ar -> handshakes.release()));
      all.add(s);
    }
    List<LoadSession> live = new ArrayList<>();
    List<String> connectErrors = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      try {
        await(opened.get(i));
        live.add(all.get(i));
      } catch (Exception e) {
        connectErrors.add("session " + i + ": " + e.getMessage());
        all.get(i).close();
      }
    }
    int n = live.size();
    long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    List<Future<Void>> streamed = new ArrayList<>();
    int shortest = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      LoadSession s = live.get(i);
      streamed.add(s.stream(base + TimeUnit.MILLISECONDS.toNanos((long) staggerMs * i / Math.max(1, n))));
      shortest = Math.min(shortest, s.program.durationMs());
    }
    // CPU while every session streams (after the last one started, before the first one ends).
    long windowStart = base + TimeUnit.MILLISECONDS.toNanos(staggerMs);
    long windowEnd = base + TimeUnit.MILLISECONDS.toNanos(n == 0 ? staggerMs : shortest);
    if (windowEnd - windowStart < TimeUnit.SECONDS.toNanos(2)) {
      windowStart = base;
    }
    sleepUntil(windowStart);
    Cpu.Snapshot a = Cpu.snapshot();
    ThreadCpu.Snapshot ta = ThreadCpu.snapshot();
    sleepUntil(windowEnd);
    Map<String, Object> threads = ThreadCpu.between(ta, ThreadCpu.snapshot());
    Cpu.Usage cpu = Cpu.between(a, Cpu.snapshot());
    for (Future<Void> f : streamed) {
      await(f);
    }
    Thread.sleep(drainMs);
    List<Future<Void>> closed = new ArrayList<>();
    live.forEach(s -> closed.add(s.close()));
    for (Future<Void> f : closed) {
      await(f);
    }
    Thread.sleep(500); // let the platform tear the sessions down before the next step
    return new Run(live, connectErrors, cpu, threads);
  }

  static String update(boolean transcribe, int silenceMs) {
    String transcription = transcribe ? "{\"model\":\"gpt-4o-transcribe\",\"language\":\"en\"}" : "null";
    return "{\"type\":\"session.update\",\"session\":{\"type\":\"transcription\",\"audio\":{\"input\":{"
        + "\"format\":{\"type\":\"audio/pcm\",\"rate\":24000},"
        + "\"transcription\":" + transcription + ","
        + "\"turn_detection\":{\"type\":\"server_vad\",\"threshold\":0.5,\"prefix_padding_ms\":300,"
        + "\"silence_duration_ms\":" + silenceMs + "}}}}}";
  }

  private String update(boolean transcribe) {
    return update(transcribe, opt.silenceMs);
  }

  // ---------------------------------------------------------------- output

  private Map<String, Object> rawTurn(String run, Turn t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", run);
    m.put("session", t.session);
    m.put("clip", t.placed.clip().key());
    m.put("clip_start_ms", t.placed.startMs());
    m.put("speech_end_ms", t.placed.speechEndMs());
    m.put("stops", t.stops.size());
    if (!t.stops.isEmpty()) {
      m.put("item_id", t.itemId());
      m.put("audio_end_ms", t.stop().audioMs());
      m.put("speech_stopped_lag_ms", Stats.round(t.stoppedLagMs()));
      m.put("vad_hangover_ms", Stats.round(t.hangoverMs(opt.silenceMs)));
      m.put("resampler_lookahead_wait_ms", Stats.round(t.lookaheadWaitMs()));
      m.put("client_lateness_ms", Stats.round(t.clientLatenessMs()));
    }
    if (t.completed != null) {
      m.put("transcript", t.completed.transcript());
      m.put("reference", t.placed.clip().text());
      m.put("end_of_speech_to_completed_ms", Stats.round(t.totalMs()));
      if (t.finish != null) {
        m.put("engine_finalisation_ms", Stats.round(t.finish.millis()));
        m.put("engine_finalisation_cpu_ms", Stats.round(t.finish.cpuNanos() / 1e6));
        m.put("platform_overhead_ms", Stats.round(t.overheadMs()));
      }
      if (t.kafkaMs() != null) {
        m.put("kafka_visible_after_completed_ms", Stats.round(t.kafkaMs()));
      }
    }
    if (t.failed != null) {
      m.put("failed", t.failed.code());
    }
    return m;
  }

  private void write() throws Exception {
    Path dir = opt.outDir;
    Files.createDirectories(dir.resolve("raw"));
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    report.put("finished_at", Instant.now().toString());
    json.writeValue(dir.resolve("summary-" + stamp + ".json").toFile(), report);
    json.writeValue(dir.resolve("latest.json").toFile(), report);
    Files.writeString(dir.resolve("summary-" + stamp + ".txt"), table.toString());
    Files.writeString(dir.resolve("latest.txt"), table.toString());
    json.writeValue(dir.resolve("raw/turns-" + stamp + ".json").toFile(), rawTurns);
    say("results: %s, %s (raw turns: %s)", dir.resolve("summary-" + stamp + ".json"), dir.resolve("latest.txt"),
        dir.resolve("raw/turns-" + stamp + ".json"));
  }

  private static Map<String, Object> machine() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nproc", Runtime.getRuntime().availableProcessors());
    String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
    m.put("cpu_model", model);
    m.put("memory_total_gb", Math.round(((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize() / 1e9));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("jvm_flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("loadavg_1m_at_start", Cpu.loadAverage());
    return m;
  }

  private Map<String, Object> optionsMap(Map<String, String> settings) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phases", opt.phases);
    m.put("latency_sessions", opt.latencySessions);
    m.put("silence_duration_ms", opt.silenceMs);
    m.put("gap_ms", opt.gapMs);
    m.put("step_seconds", opt.stepSeconds);
    m.put("stagger_ms", opt.staggerMs);
    m.put("lag_bound_ms", opt.lagBoundMs);
    m.put("wait_quiet_seconds", opt.waitQuietSeconds);
    m.put("quiet_cores", opt.quietCores);
    m.put("retries_of_disturbed_failing_steps", opt.retries);
    m.put("vad_steps", opt.vadSteps);
    m.put("asr_steps", opt.asrSteps);
    m.put("echo_steps", opt.echoSteps);
    m.put("gaps", opt.gapNoiseDbfs == null ? "digital silence" : "white noise at " + opt.gapNoiseDbfs + " dBFS RMS");
    m.put("transport", "plain ws:// on the HTTP port (TLS off), no permessage-deflate, PCM16 24 kHz, 20 ms appends");
    Map<String, String> shown = new LinkedHashMap<>(settings);
    shown.remove("api.keys");
    m.put("platform_settings", shown);
    return m;
  }

  private void section(String format, Object... args) {
    String text = String.format(Locale.ROOT, format, args);
    table.append('\n').append(text).append('\n');
    System.out.println();
    System.out.println(text);
  }

  private void row(String format, Object... args) {
    String text = String.format(Locale.ROOT, format, args);
    table.append(text).append('\n');
    System.out.println(text);
  }

  private void statRow(String label, Stats s) {
    row("%-34s %7d %8s %8s %8s %8s", label, s.count(), Stats.fmt(s.p50()), Stats.fmt(s.p95()), Stats.fmt(s.p99()),
        Stats.fmt(s.max()));
  }

  static void say(String format, Object... args) {
    System.out.println("bench: " + String.format(Locale.ROOT, format, args));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static String normalise(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").replaceAll("\\s+", " ").trim();
  }

  private static Object round3(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
  }
}
