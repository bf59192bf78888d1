package org.voxmesh.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line options of the benchmark runner (see {@code bench/run.sh --help}). */
final class Options {

  static final List<String> ALL_PHASES = List.of("latency", "vad", "asr", "echo");

  Set<String> phases = new LinkedHashSet<>(ALL_PHASES);
  int latencySessions = 4;
  int latencyFiles = Integer.MAX_VALUE; // all 88
  int silenceMs = 500;
  int gapMs = 1000;
  int stepSeconds = 20;
  int staggerMs = 3000;
  double lagBoundMs = 100;
  List<Integer> vadSteps = List.of(25, 50, 100, 200, 300, 400, 500, 600, 800);
  List<Integer> asrSteps = List.of(2, 4, 6, 8, 10, 12, 16);
  List<Integer> echoSteps = List.of(25, 100, 200, 300, 400, 600, 800, 1200, 1600);
  boolean keepRamping; // run every step even after one failed
  int waitQuietSeconds; // 0: do not wait
  double quietCores = 0.3;
  int retries = -1; // -1: 2 with --wait-quiet, else 0
  Double gapNoiseDbfs; // null: digital silence between clips
  String asrDecoders; // asr.max.decoders override (null: platform default)
  Path outDir = Path.of("bench/results");

  static final String USAGE = """
      usage: bench/run.sh [options]
        --phases LIST          latency,vad,asr,echo (default: all; Kafka visibility is measured in latency and asr)
        --latency-sessions N   concurrent sessions in the latency run (default 4)
        --latency-files N      corpus files in the latency run, evenly spread (default all 88)
        --silence-ms MS        server_vad silence_duration_ms (default 500)
        --gap-ms MS            silence streamed after each corpus file (default 1000)
        --step-seconds S       audio per session in each capacity step (default 20)
        --stagger-ms MS        spread of session start times within a step (default 3000)
        --lag-bound-ms MS      p99 event lag above which a step fails (default 100)
        --vad-steps LIST       sessions per step, turn detection only (default 25,50,100,200,300,400,500,600,800)
        --asr-steps LIST       sessions per step with PocketSphinx on (default 2,4,6,8,10,12,16)
        --echo-steps LIST      sessions per step on the echo server (default 25,100,200,300,400,600,800,1200,1600)
        --asr-decoders N       platform setting asr.max.decoders (default: the platform's, 8)
        --gap-noise-dbfs DB    fill silences with white noise at DB dBFS RMS (e.g. -50) instead of digital
                               silence, so the VAD model runs on every frame (default: digital silence)
        --keep-ramping         run every step even after one failed
        --wait-quiet S         before each run/step wait up to S s until other processes use < --quiet-cores
                               (default 0: do not wait; for shared machines)
        --quiet-cores C        "quiet" threshold for other processes, in cores (default 0.3); steps during
                               which other processes used more are marked disturbed (*)
        --retries N            run a failing step again (after waiting) when it was disturbed (default 2 with
                               --wait-quiet, else 0)
        --out DIR              where results go (default bench/results)
        --quick                smoke test: 6 s steps, few steps, 2 latency sessions
      """;

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--phases" -> o.phases = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
        case "--latency-sessions" -> o.latencySessions = Integer.parseInt(args[++i]);
        case "--latency-files" -> o.latencyFiles = Integer.parseInt(args[++i]);
        case "--silence-ms" -> o.silenceMs = Integer.parseInt(args[++i]);
        case "--gap-ms" -> o.gapMs = Integer.parseInt(args[++i]);
        case "--step-seconds" -> o.stepSeconds = Integer.parseInt(args[++i]);
        case "--stagger-ms" -> o.staggerMs = Integer.parseInt(args[++i]);
        case "--lag-bound-ms" -> o.lagBoundMs = Double.parseDouble(args[++i]);
        case "--vad-steps" -> o.vadSteps = ints(args[++i]);
        case "--asr-steps" -> o.asrSteps = ints(args[++i]);
        case "--echo-steps" -> o.echoSteps = ints(args[++i]);
        case "--asr-decoders" -> o.asrDecoders = args[++i];
        case "--gap-noise-dbfs" -> o.gapNoiseDbfs = Double.parseDouble(args[++i]);
        case "--keep-ramping" -> o.keepRamping = true;
        case "--wait-quiet" -> o.waitQuietSeconds = Integer.parseInt(args[++i]);
        case "--quiet-cores" -> o.quietCores = Double.parseDouble(args[++i]);
        case "--retries" -> o.retries = Integer.parseInt(args[++i]);
        case "--out" -> o.outDir = Path.of(args[++i]);
        case "--quick" -> {
          o.stepSeconds = 6;
          o.staggerMs = 1000;
          o.latencySessions = 2;
          o.latencyFiles = 8;
          o.vadSteps = List.of(10, 50);
          o.asrSteps = List.of(2);
          o.echoSteps = List.of(10, 50);
        }
        case "-h", "--help" -> {
          System.out.print(USAGE);
          System.exit(0);
        }
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    if (o.retries < 0) {
      o.retries = o.waitQuietSeconds > 0 ? 2 : 0;
    }
    for (String p : o.phases) {
      if (!ALL_PHASES.contains(p)) {
        throw new IllegalArgumentException("unknown phase " + p + " (known: " + ALL_PHASES + ")");
      }
    }
    if (o.gapMs < o.silenceMs + 300) {
      throw new IllegalArgumentException("--gap-ms must exceed --silence-ms by at least 300 ms, or turns merge");
    }
    return o;
  }

  private static List<Integer> ints(String csv) {
    List<Integer> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      out.add(Integer.parseInt(s.trim()));
    }
    return List.copyOf(out);
  }
}
