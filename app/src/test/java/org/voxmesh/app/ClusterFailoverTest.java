package org.voxmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.ingest.IngestServiceMain;
import org.voxmesh.session.SessionServiceMain;
import org.voxmesh.testkit.corpus.Corpus;
import org.voxmesh.testkit.corpus.SessionFormat;
import org.voxmesh.testkit.corpus.Utterance;
import org.voxmesh.testkit.kafka.ConsumedRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.transcript.TranscriptServiceMain;

/**
 * The services as separate JVMs on one Hazelcast-clustered event bus (1 session-service, 2
 * audio-ingest-service, 2 transcript-service) against the embedded broker. Several sessions stream
 * corpus speech; one ingest process and later one transcript process are killed with SIGKILL
 * mid-stream. Every session keeps going, turns in flight end with a clear event, later turns
 * transcribe, and every transcript the clients saw is in Kafka once, in per-session order.
 */
class ClusterFailoverTest {

  private static final String API_KEY = "sk-cluster-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String COMPLETED = "conversation.item.input_audio_transcription.completed";
  private static final String FAILED = "conversation.item.input_audio_transcription.failed";
  private static final int SESSIONS = 4;
  private static final int TURNS_BETWEEN_KILLS = 2;
  /** Times real time: 4 sessions at 2x keep 8 real-time streams of VAD and ASR busy on the test machine. */
  private static final double SPEED = 2.0;
  private static final Pattern INGEST_ID = Pattern.compile("audio ingest ready: instance=(ingest-[0-9a-f]+)");
  private static final Pattern TRANSCRIPT_ID = Pattern.compile("transcript service ready: instance=(transcript-[0-9a-f]+)");
  private static final Pattern HTTP_PORT = Pattern.compile("session service listening on http=(\\d+)");
  /** Per-session addresses name the owning instance and the session. */
  private static final Pattern INGEST_OF = Pattern.compile("audio pipeline at voxmesh\\.ingest\\.(?<owner>ingest-[0-9a-f]+)\\.(?<session>sess_\\w+)");
  private static final Pattern TRANSCRIPT_OF = Pattern.compile("transcribed at voxmesh\\.transcription\\.(?<owner>transcript-[0-9a-f]+)\\.(?<session>sess_\\w+)");

  @TempDir
  Path dir;

  private final List<ClusterProcess> processes = new ArrayList<>();
  private final List<ClusterSession> sessions = new ArrayList<>();
  private Vertx vertx;
  /** Kept after the run (target/cluster-failover/...), for a look at what each process did. */
  private final Path logDir = Path.of("target", "cluster-failover", Long.toString(System.currentTimeMillis())).toAbsolutePath();

  @AfterEach
  void tearDown() {
    if (vertx != null) {
      sessions.forEach(s -> s.close());
      vertx.close();
    }
    processes.forEach(ClusterProcess::kill);
    for (ClusterProcess p : processes) {
      System.out.println("---- " + p.name() + " (" + p.log() + "), last lines:\n" + p.tail(15));
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void sessionsSurviveSigkillOfAnIngestAndOfATranscriptProcess() throws Exception {
    long t0 = System.nanoTime();
    String bootstrap = EmbeddedKafka.bootstrapServers();
    EmbeddedKafka.createTopic(Topics.TRANSCRIPTS, 3);
    int[] ports = ClusterProcess.freePorts(5);
    String members = java.util.Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    Map<String, String> common = Map.of(
        "cluster.members", members,
        "cluster.name", "voxmesh-test-" + UUID.randomUUID(),
        "cluster.join.wait.seconds", "0",
        "cluster.heartbeat.timeout.seconds", "5",
        "kafka.bootstrap.servers", bootstrap,
        "drain.seconds", "1",
        "log.format", "json");

    // The session service first, alone: it becomes the cluster's first member, so the others join
    // it instead of forming clusters of their own at the same moment.
    ClusterProcess edge = start("session", "session-service", SessionServiceMain.class, ports[0], common, Map.of(
        "http.host", "127.0.0.1", "http.port", "0", "https.port", "-1", "api.keys", API_KEY,
        // above the ingest's transcriber timeout, so a stalled transcriber is not mistaken for a lost ingest
        "session.bus.timeout.ms", "15000"));
    Duration edgeReady = edge.awaitReady(Duration.ofSeconds(90));
    Map<String, String> ingestSettings = Map.of("ingest.vad.threads", "2", "ingest.transcriber.timeout.ms", "10000");
    Map<String, String> transcriptSettings = Map.of("asr.max.decoders", "8");
    ClusterProcess ingestA = start("ingest-a", "audio-ingest-service", IngestServiceMain.class, ports[1], common, ingestSettings);
    ClusterProcess ingestB = start("ingest-b", "audio-ingest-service", IngestServiceMain.class, ports[2], common, ingestSettings);
    ClusterProcess transcriptA = start("transcript-a", "transcript-service", TranscriptServiceMain.class, ports[3], common, transcriptSettings);
    ClusterProcess transcriptB = start("transcript-b", "transcript-service", TranscriptServiceMain.class, ports[4], common, transcriptSettings);
    for (ClusterProcess p : List.of(ingestA, ingestB, transcriptA, transcriptB)) {
      p.awaitReady(Duration.ofSeconds(120));
    }
    long clusterReady = System.nanoTime();
    System.out.printf("cluster: session-service ready in %d ms, all 5 services in %d ms%n",
        edgeReady.toMillis(), (clusterReady - t0) / 1_000_000);
    Map<String, ClusterProcess> ingestById = Map.of(
        ingestA.find(INGEST_ID).orElseThrow(), ingestA, ingestB.find(INGEST_ID).orElseThrow(), ingestB);
    Map<String, ClusterProcess> transcriptById = Map.of(
        transcriptA.find(TRANSCRIPT_ID).orElseThrow(), transcriptA, transcriptB.find(TRANSCRIPT_ID).orElseThrow(), transcriptB);
    int port = Integer.parseInt(edge.find(HTTP_PORT).orElseThrow());

    // Sessions: each streams its own rotation of corpus utterances at 3x real time, with gaps.
    vertx = Vertx.vertx();
    Corpus corpus = Corpus.load();
    List<Utterance> pool = new ArrayList<>();
    for (String voice : List.of("flite_slt", "fest_slt", "flite_kal16")) {
      pool.addAll(corpus.utterances(voice).subList(0, 8));
    }
    for (int i = 0; i < SESSIONS; i++) {
      List<byte[]> audio = new ArrayList<>();
      for (int j = 0; j < 8; j++) {
        audio.add(pool.get((i * 5 + j) % pool.size()).sessionAudio(SessionFormat.PCM16));
      }
      ClusterSession session = new ClusterSession(vertx, "s" + i, audio, 900, 40, SPEED);
      sessions.add(session);
      await(session.start(port, API_KEY));
      Thread.sleep(150);
    }
    Set<String> sessionIds = sessions.stream().map(s -> s.sessionId().orElseThrow()).collect(Collectors.toSet());
    waitUntil("every session completed " + TURNS_BETWEEN_KILLS + " turns", Duration.ofSeconds(60),
        () -> sessions.stream().allMatch(s -> s.completedCount() >= TURNS_BETWEEN_KILLS));

    // Load is spread: both ingest instances own sessions, both transcript instances serve some.
    Map<String, String> ingestOf = lastMatch(List.of(edge),
        INGEST_OF);
    Map<String, String> transcriptOf = lastMatch(List.of(ingestA, ingestB),
        TRANSCRIPT_OF);
    System.out.println("before the kills: ingest by session " + ingestOf + ", transcript by session " + transcriptOf);
    assertThat(ingestOf.keySet()).containsAll(sessionIds);
    assertThat(new HashSet<>(ingestOf.values())).as("sessions on each ingest instance").isEqualTo(ingestById.keySet());
    // Each ingest instance picks its transcript instance round-robin from its own side, so with a
    // handful of sessions both may pick the same one: only the ingest spread (one sender, strict
    // round-robin) is deterministic. The transcript kill below works either way.
    assertThat(transcriptById.keySet()).containsAll(new HashSet<>(transcriptOf.values()));

    // JSON logs: one query on session_id follows a session through every process that served it.
    String followed = sessions.get(0).sessionId().orElseThrow();
    assertLogsFollow(followed, edge, "session-service");
    assertLogsFollow(followed, ingestById.get(ingestOf.get(followed)), "audio-ingest-service");
    assertLogsFollow(followed, transcriptById.get(transcriptOf.get(followed)), "transcript-service");

    // 1. kill -9 an ingest process mid-stream.
    String deadIngest = ingestOf.get(sessions.get(0).sessionId().orElseThrow());
    Set<String> movedSessions = ingestOf.entrySet().stream().filter(e -> e.getValue().equals(deadIngest))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    Instant ingestKilledAt = Instant.now();
    long ingestKilled = System.nanoTime();
    ingestById.get(deadIngest).kill();
    System.out.println("killed " + ingestById.get(deadIngest) + " = " + deadIngest + ", owner of " + movedSessions);
    waitUntil("every session completed " + TURNS_BETWEEN_KILLS + " turns committed after the ingest kill",
        Duration.ofSeconds(60), () -> sessions.stream().allMatch(s -> s.completedCommittedAfter(ingestKilled) >= TURNS_BETWEEN_KILLS));
    Map<String, String> ingestAfter = lastMatch(List.of(edge),
        INGEST_OF);
    assertThat(ingestAfter.values()).as("no session is owned by the dead instance").doesNotContain(deadIngest);

    // 2. kill -9 the transcript process serving most sessions now.
    ClusterProcess liveIngest = ingestById.entrySet().stream().filter(e -> !e.getKey().equals(deadIngest))
        .findFirst().orElseThrow().getValue();
    Map<String, String> transcriptNow = lastMatch(List.of(ingestA, ingestB),
        TRANSCRIPT_OF);
    String deadTranscript = transcriptNow.values().stream()
        .collect(Collectors.groupingBy(v -> v, Collectors.counting())).entrySet().stream()
        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    Instant transcriptKilledAt = Instant.now();
    long transcriptKilled = System.nanoTime();
    Set<String> onDeadTranscript = transcriptNow.entrySet().stream().filter(e -> e.getValue().equals(deadTranscript))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    transcriptById.get(deadTranscript).kill();
    System.out.println("killed " + transcriptById.get(deadTranscript) + " = " + deadTranscript + ", serving "
        + transcriptNow.entrySet().stream().filter(e -> e.getValue().equals(deadTranscript)).map(Map.Entry::getKey).toList());
    waitUntil("every session completed " + TURNS_BETWEEN_KILLS + " turns committed after the transcript kill",
        Duration.ofSeconds(60), () -> sessions.stream().allMatch(s -> s.completedCommittedAfter(transcriptKilled) >= TURNS_BETWEEN_KILLS));

    // Wind down at a gap; every committed turn must be resolved.
    sessions.forEach(ClusterSession::finish);
    waitUntil("sessions finished streaming", Duration.ofSeconds(30), () -> sessions.stream().allMatch(ClusterSession::finished));
    waitUntil("every committed turn completed or failed", Duration.ofSeconds(30),
        () -> sessions.stream().allMatch(s -> !s.outcomes().containsValue(null)));
    Thread.sleep(500); // nothing more may arrive: a second outcome for an item would show up here

    // ---- what the clients saw
    Map<String, Map<String, String>> completedByClient = new HashMap<>(); // session -> item -> transcript
    int failedTurns = 0;
    int lostTurns = 0;
    for (ClusterSession s : sessions) {
      String id = s.sessionId().orElseThrow();
      Map<String, String> outcomes = s.outcomes();
      // The last committed turn may still be transcribing when the session is stopped (loaded box).
      List<String> committedInOrder = new java.util.ArrayList<>(outcomes.keySet());
      if (!committedInOrder.isEmpty() && outcomes.get(committedInOrder.get(committedInOrder.size() - 1)) == null) {
        outcomes.remove(committedInOrder.get(committedInOrder.size() - 1));
      }
      assertThat(outcomes.values()).as("%s: each committed turn ends once, completed or failed", s)
          .allMatch(v -> "completed".equals(v) || "failed".equals(v));
      failedTurns += (int) outcomes.values().stream().filter("failed"::equals).count();
      for (ClusterSession.Event e : s.ofType(FAILED)) {
        assertThat(e.json().getJsonObject("error").getString("message")).as("%s: failure message", s).isNotBlank();
      }
      Map<String, String> completed = new LinkedHashMap<>();
      s.ofType(COMPLETED).forEach(e -> completed.put(e.itemId(), e.json().getString("transcript")));
      completedByClient.put(id, completed);
      // Turns that started but never committed: only where the pipeline moved, and then with an error event.
      Set<String> started = s.ofType("input_audio_buffer.speech_started").stream().map(ClusterSession.Event::itemId)
          .collect(Collectors.toSet());
      started.removeAll(outcomes.keySet());
      // The session's last turn may still be in flight when the test stops it (VAD lags on a loaded box).
      List<ClusterSession.Event> startedInOrder = s.ofType("input_audio_buffer.speech_started");
      if (!startedInOrder.isEmpty()) {
        started.remove(startedInOrder.get(startedInOrder.size() - 1).itemId());
      }
      List<ClusterSession.Event> errors = s.ofType("error");
      if (!started.isEmpty()) {
        lostTurns += started.size();
        // Only where something died under the session: its ingest (moved) or its transcript instance.
        assertThat(movedSessions.contains(id) || onDeadTranscript.contains(id))
            .as("%s: turns %s never committed", s, started).isTrue();
      }
      if (movedSessions.contains(id)) {
        assertThat(errors).as("%s: the client is told its pipeline moved", s).anySatisfy(e ->
            assertThat(e.json().getJsonObject("error").getString("message")).contains("moved to another instance"));
      } else {
        assertThat(errors).as("%s: no error events", s).isEmpty();
      }
      assertThat(s.completedCommittedAfter(transcriptKilled)).as("%s: later turns", s).isGreaterThanOrEqualTo(TURNS_BETWEEN_KILLS);
    }
    int totalCompleted = completedByClient.values().stream().mapToInt(Map::size).sum();

    // ---- measurements
    System.out.printf("sessions %d, completed %d, failed %d, started-but-lost %d; test %d s%n",
        SESSIONS, totalCompleted, failedTurns, lostTurns, (System.nanoTime() - t0) / 1_000_000_000L);
    report("ingest kill", ingestKilledAt, ingestKilled, edge, Pattern.compile("audio pipeline at .* lost"),
        Pattern.compile("audio pipeline re-opened at .* in (\\d+) ms"));
    report("transcript kill", transcriptKilledAt, transcriptKilled, liveIngest, Pattern.compile("transcription of .* failed"),
        Pattern.compile("transcribed at voxmesh"));

    // ---- what Kafka holds: every completed transcript once, in per-session sequence order
    List<ConsumedRecord> raw = EmbeddedKafka.consumeAll(bootstrap, Topics.TRANSCRIPTS, totalCompleted, Duration.ofSeconds(30));
    Map<String, List<TranscriptRecord>> bySession = new TreeMap<>();
    Map<String, Integer> partitionOf = new HashMap<>();
    for (ConsumedRecord r : raw) {
      if (!sessionIds.contains(r.key())) {
        continue; // other tests' sessions on the shared broker
      }
      TranscriptRecord t = TranscriptRecord.fromJson(r.value().getBytes(StandardCharsets.UTF_8));
      assertThat(t.sessionId()).isEqualTo(r.key());
      assertThat(partitionOf.computeIfAbsent(r.key(), k -> r.partition())).as("one partition per session").isEqualTo(r.partition());
      bySession.computeIfAbsent(t.sessionId(), k -> new ArrayList<>()).add(t);
    }
    for (String id : sessionIds) {
      List<TranscriptRecord> records = bySession.getOrDefault(id, List.of());
      Map<String, String> seen = completedByClient.get(id);
      List<String> recordItems = records.stream().map(TranscriptRecord::itemId).toList();
      assertThat(recordItems).as("%s: no transcript twice in Kafka", id).doesNotHaveDuplicates();
      assertThat(recordItems).as("%s: every completed transcript the client saw is in Kafka", id)
          .containsAll(seen.keySet());
      for (TranscriptRecord t : records) {
        if (seen.containsKey(t.itemId())) {
          assertThat(t.transcript()).as("%s %s: text", id, t.itemId()).isEqualTo(seen.get(t.itemId()));
        }
      }
      assertThat(recordItems.stream().filter(seen::containsKey).toList()).as("%s: Kafka order is the order the client saw", id)
          .containsExactlyElementsOf(seen.keySet());
    }
    // The dedupe key consumers are told to use (docs/kafka-transcripts.md): unique, and increasing in partition order.
    Map<String, List<Long>> sequences = new TreeMap<>();
    bySession.forEach((id, records) -> sequences.put(id, records.stream().map(TranscriptRecord::sequence).toList()));
    System.out.println("Kafka sequences by session, in partition order: " + sequences);
    sequences.forEach((id, seq) -> {
      assertThat(seq).as("%s: (session_id, sequence) is unique", id).doesNotHaveDuplicates();
      assertThat(seq).as("%s: sequence order", id).isSorted();
    });
  }

  private ClusterProcess start(String name, String service, Class<?> main, int clusterPort, Map<String, String> common,
      Map<String, String> own) {
    Map<String, String> settings = new HashMap<>(common);
    settings.putAll(own);
    settings.put("cluster.port", Integer.toString(clusterPort));
    settings.put("data.dir", dir.resolve(name).toString());
    ClusterProcess p = ClusterProcess.start(name, service, main, settings, logDir);
    processes.add(p);
    return p;
  }

  private static void assertLogsFollow(String sessionId, ClusterProcess process, String service) {
    List<io.vertx.core.json.JsonObject> lines = process.output().lines()
        .filter(line -> line.startsWith("{") && line.contains(sessionId))
        .map(io.vertx.core.json.JsonObject::new)
        .filter(json -> sessionId.equals(json.getString("session_id")))
        .toList();
    assertThat(lines).as("%s log lines with session_id %s", process.name(), sessionId).isNotEmpty();
    assertThat(lines).allSatisfy(json -> {
      assertThat(json.getString("service")).isEqualTo(service);
      assertThat(json.getString("message")).isNotBlank();
      assertThat(json.getString("level")).isNotBlank();
    });
  }

  /** For each session (group "session"), the owner (group "owner") of its last match across the processes' logs. */
  private static Map<String, String> lastMatch(List<ClusterProcess> processes, Pattern pattern) {
    Map<String, String> last = new LinkedHashMap<>();
    for (ClusterProcess p : processes) {
      Matcher m = pattern.matcher(p.output());
      while (m.find()) {
        last.put(m.group("session"), m.group("owner"));
      }
    }
    return last;
  }

  /** Prints how long detection and recovery took, from log timestamps and the clients' events. */
  private void report(String what, Instant killedAt, long killedNanos, ClusterProcess log, Pattern detected, Pattern recovered) {
    List<Long> detectMs = timesAfter(log, detected, killedAt);
    List<Long> recoverMs = timesAfter(log, recovered, killedAt);
    List<Long> firstEventMs = new ArrayList<>();
    List<Long> nextCompletedMs = new ArrayList<>();
    for (ClusterSession s : sessions) {
      s.events().stream().filter(e -> e.atNanos() > killedNanos && (e.type().equals("error") || e.type().equals(FAILED)))
          .findFirst().ifPresent(e -> firstEventMs.add((e.atNanos() - killedNanos) / 1_000_000));
      s.events().stream().filter(e -> e.atNanos() > killedNanos && e.type().equals(COMPLETED))
          .findFirst().ifPresent(e -> nextCompletedMs.add((e.atNanos() - killedNanos) / 1_000_000));
    }
    System.out.printf("%s: detected (log) after %s ms; recovered (log) after %s ms; clients' error/failed events after %s ms; "
        + "first completed after %s ms%n", what, detectMs, recoverMs, firstEventMs, nextCompletedMs);
  }

  private static List<Long> timesAfter(ClusterProcess p, Pattern pattern, Instant after) {
    List<Long> ms = new ArrayList<>();
    for (String line : p.output().lines().toList()) {
      if (pattern.matcher(line).find() && line.length() > 29) {
        try {
          Instant at = line.startsWith("{")
              ? Instant.parse(new io.vertx.core.json.JsonObject(line).getString("timestamp"))
              : OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant();
          if (!at.isBefore(after)) {
            ms.add(Duration.between(after, at).toMillis());
          }
        } catch (RuntimeException ignored) {
          // not a timestamped line
        }
      }
    }
    return ms;
  }

  private void waitUntil(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + "; sessions: " + sessions.stream()
            .map(s -> s + " completed=" + s.completedCount() + " outcomes=" + s.outcomes().values()
                + " failures=" + s.ofType(FAILED).stream().map(e -> e.json().getJsonObject("error").getString("message")).distinct().toList()
                + " errors=" + s.ofType("error").stream().map(e -> e.json().getJsonObject("error").getString("message")).toList())
            .collect(Collectors.joining("\n  ", "\n  ", "")));
      }
      Thread.sleep(100);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
