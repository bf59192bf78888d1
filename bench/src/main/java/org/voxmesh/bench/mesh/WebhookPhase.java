package org.voxmesh.bench.mesh;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.voxmesh.bench.Stats;
import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.bus.kafka.TranscriptRecord;
import org.voxmesh.testkit.kafka.EmbeddedKafka;
import org.voxmesh.webhook.sign.WebhookSecret;

/**
 * Benchmark 4: webhook-service (its own JVM, default delivery settings: 16 connections, 1,000 records in
 * flight) consuming {@code voxmesh.transcripts.v1} (3 partitions) and POSTing signed events to a
 * {@link WebhookReceiver} in this JVM. First a backlog drain (the ceiling: records already on the topic when
 * the service starts), then fixed offered rates with record → delivery latency: from the producer's
 * {@code send()} (idempotent, acks=all, linger 0, as the transcript service's) to the POST's arrival, both
 * timed in this JVM.
 */
final class WebhookPhase {

  private static final int SESSIONS = 200;
  private static final int COLD_BACKLOG = 5000;
  private static final int WARMUP_RATE = 2000;
  private static final int WARMUP_SECONDS = 15;

  private final MeshBench bench;
  private final MeshReport report;
  private KafkaProducer<String, String> producer;
  private long[] sentAt;
  private final long[] sequence = new long[SESSIONS];

  WebhookPhase(MeshBench bench) {
    this.bench = bench;
    this.report = bench.report;
  }

  Map<String, Object> run() throws Exception {
    String bootstrap = bench.bootstrap();
    EmbeddedKafka.createTopic(bootstrap, Topics.TRANSCRIPTS, 3);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    int capacity = COLD_BACKLOG + bench.opt.webhookBacklog + WARMUP_RATE * WARMUP_SECONDS + 2000;
    for (int rate : bench.opt.webhookRates) {
      capacity += rate * bench.opt.webhookSeconds + 1000;
    }
    sentAt = new long[capacity];
    Map<String, Object> out = new LinkedHashMap<>();
    producer = producer(bootstrap);
    ChildJvm service = null;
    try (WebhookReceiver receiver = new WebhookReceiver(WebhookSecret.parse(secret), capacity)) {
      report.section("(4) webhook delivery: webhook-service JVM (%s), %s (3 partitions) -> signed POSTs to a"
          + " loopback receiver answering 200 at once", MeshBench.SERVICE_HEAP, Topics.TRANSCRIPTS);
      // 1. a cold start: records already on the topic when the service starts (JIT still compiling)
      int cold = COLD_BACKLOG;
      for (int i = 0; i < cold; i++) {
        send(i);
      }
      producer.flush();
      MeshReport.say("webhook: %d records on the topic; starting webhook-service", cold);
      bench.waitQuiet("webhook cold start");
      Map<String, String> s = new LinkedHashMap<>();
      s.put("kafka.bootstrap.servers", bootstrap);
      s.put("webhook.endpoints", "[{\"id\":\"bench\",\"url\":\"" + receiver.url() + "\",\"secret\":\"" + secret + "\"}]");
      s.put("webhook.topic.session.events", "none");
      s.put("webhook.admin.port", "0");
      service = ChildJvm.start("webhook-throughput", "org.voxmesh.webhook.WebhookServiceMain", MeshBench.SERVICE_HEAP,
          s, bench.logDir);
      Map<String, Long> named = Map.of("webhook_service_jvm", service.pid());
      service.awaitOutput("webhook-service ready", 120_000);
      waitFor(() -> receiver.delivered.get() >= 1, 60_000);
      MeshCpu.Snapshot a = MeshCpu.snapshot();
      waitFor(() -> receiver.delivered.get() >= cold, 180_000);
      out.put("cold_start_backlog", drain("cold start", receiver, 0, cold, MeshCpu.between(a, MeshCpu.snapshot()), named));

      // 2. the JIT still compiles (~0.4 cores) after a cold start: a sustained warm-up, not reported
      offered(receiver, WARMUP_RATE, cold, WARMUP_SECONDS, named, false);
      int warmed = cold + WARMUP_RATE * WARMUP_SECONDS;

      // 3. the ceiling, warm: a burst produced as fast as the producer can, drained by the running service
      int burst = bench.opt.webhookBacklog;
      bench.waitQuiet("webhook burst");
      a = MeshCpu.snapshot();
      for (int i = warmed; i < warmed + burst; i++) {
        send(i);
      }
      producer.flush();
      waitFor(() -> receiver.delivered.get() >= warmed + burst, 180_000);
      out.put("warm_burst", drain("warm burst", receiver, warmed, burst, MeshCpu.between(a, MeshCpu.snapshot()), named));

      report.row("");
      report.row("%-8s %8s %9s | %7s %7s %7s %7s | %5s %5s %5s %5s | %s", "offered", "records", "delivered", "p50",
          "p95", "p99", "max", "hook", "kafka", "bench", "other", "duplicates/signatures");
      report.row("%-8s (records/s offered; delivered/s in the window; record -> delivery ms; CPU cores: webhook"
          + " JVM, broker, bench JVM = producer + receiver, other processes)", "");
      List<Map<String, Object>> rates = new ArrayList<>();
      int next = cold + WARMUP_RATE * WARMUP_SECONDS + burst;
      for (int rate : bench.opt.webhookRates) {
        bench.waitQuiet("webhook rate " + rate);
        rates.add(offered(receiver, rate, next, bench.opt.webhookSeconds, named, true));
        next += rate * bench.opt.webhookSeconds;
      }
      out.put("offered_rates", rates);
      out.put("signatures_verified", receiver.verified.get());
      out.put("bad_signatures", receiver.badSignatures.get());
      out.put("duplicates", receiver.duplicates.get());
      out.put("settings", "defaults: webhook.max.concurrency 16, webhook.max.in.flight 1000, commit every 1 s;"
          + " producer idempotent acks=all linger 0; receiver verifies 1 in " + WebhookReceiver.VERIFY_EVERY);
      return out;
    } finally {
      if (service != null) {
        service.stop();
      }
      producer.close();
    }
  }

  /** Delivery rate of records {@code [first, first + n)} from their first to their last arrival. */
  private Map<String, Object> drain(String label, WebhookReceiver receiver, int first, int n, MeshCpu.Usage cpu,
      Map<String, Long> named) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = receiver.arrival(first + i);
    }
    Arrays.sort(t);
    double seconds = (t[n - 1] - t[0]) / 1e9;
    double middle = (t[n * 9 / 10] - t[n / 10]) / 1e9;
    double rate = (n - 1) / seconds;
    double middleRate = (n * 9 / 10 - n / 10) / middle;
    // CPU over the whole window (production included) spread over the drain: the work happens while delivering
    double hookSeconds = cpu.child(named.get("webhook_service_jvm")) * cpu.seconds();
    double hook = hookSeconds / seconds;
    double perDelivery = hookSeconds / n * 1e6;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("records", n);
    m.put("first_to_last_seconds", Math.round(seconds * 100) / 100.0);
    m.put("deliveries_per_second", Math.round(rate));
    m.put("deliveries_per_second_middle_80pct", Math.round(middleRate));
    m.put("cpu_cores_over_window", MeshBench.cpuMap(cpu, named));
    m.put("cpu_window_seconds", Math.round(cpu.seconds() * 100) / 100.0);
    m.put("webhook_cpu_seconds", Math.round(hookSeconds * 100) / 100.0);
    m.put("webhook_cores_while_draining", MeshCpu.r2(hook));
    m.put("webhook_cpu_us_per_delivery", Math.round(perDelivery));
    m.put("disturbed", cpu.other() > bench.opt.quietCores);
    double others = (cpu.allChildren() - cpu.child(named.get("webhook_service_jvm"))) * cpu.seconds() / seconds;
    report.row("%s, %d records: %.2f s first to last delivery = %d deliveries/s (middle 80%%: %d/s); CPU while"
        + " draining: webhook JVM %.2f, broker %.2f, bench JVM %.2f, other %.2f cores; %d us of webhook CPU per"
        + " delivery%s", label, n, seconds, Math.round(rate), Math.round(middleRate), hook, others,
        cpu.self() * cpu.seconds() / seconds, cpu.other() * cpu.seconds() / seconds, Math.round(perDelivery),
        cpu.other() > bench.opt.quietCores ? " *disturbed" : "");
    return m;
  }

  /** Offers {@code rate} records/s for the configured seconds, waits for their delivery, and times each. */
  private Map<String, Object> offered(WebhookReceiver receiver, int rate, int first, int seconds,
      Map<String, Long> named, boolean reported) throws Exception {
    int n = rate * seconds;
    long start = System.nanoTime() + 50_000_000L;
    MeshCpu.Snapshot a = MeshCpu.snapshot();
    Map<String, Long> threadsBefore = ThreadGroups.snapshot(named.values());
    for (int i = 0; i < n; i++) {
      long due = start + (long) i * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      send(first + i);
    }
    long end = System.nanoTime();
    MeshCpu.Usage cpu = MeshCpu.between(a, MeshCpu.snapshot());
    Map<String, Object> threads = ThreadGroups.between(threadsBefore, ThreadGroups.snapshot(named.values()), cpu.seconds());
    waitFor(() -> receiver.delivered.get() >= first + n, 60_000);
    double[] lat = new double[n];
    int got = 0;
    int inWindow = 0;
    for (int i = first; i < first + n; i++) {
      long at = receiver.arrival(i);
      if (at != 0) {
        lat[got++] = (at - sentAt[i]) / 1e6;
        if (at <= end) {
          inWindow++;
        }
      }
    }
    Stats st = Stats.of(lat, got);
    if (!reported) {
      return Map.of();
    }
    double window = (end - start) / 1e9;
    double hook = cpu.child(named.get("webhook_service_jvm"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("offered_per_second", rate);
    m.put("records", n);
    m.put("delivered", got);
    m.put("delivered_per_second_in_window", Math.round(inWindow / window));
    m.put("record_to_delivery", MeshReport.stats(st));
    m.put("cpu_cores", MeshBench.cpuMap(cpu, named));
    m.put("disturbed", cpu.other() > bench.opt.quietCores);
    m.put("webhook_cpu_by_thread_group", threads);
    m.put("webhook_cpu_us_per_delivery", Math.round(hook * 1e6 / rate));
    report.row("%-8d %8d %9d | %7s %7s %7s %7s | %5s %5s %5s %5s | %d dup, %d/%d verified%s", rate, n,
        Math.round(inWindow / window), MeshReport.f1(st.p50()), MeshReport.f1(st.p95()), MeshReport.f1(st.p99()),
        MeshReport.f1(st.max()), MeshReport.f2(hook), MeshReport.f2(cpu.allChildren() - hook),
        MeshReport.f2(cpu.self()), MeshReport.f2(cpu.other()), receiver.duplicates.get(), receiver.verified.get(),
        receiver.verified.get() + receiver.badSignatures.get(), cpu.other() > bench.opt.quietCores ? " *disturbed" : "");
    report.row("%-8s webhook JVM threads: %s", "", threads);
    return m;
  }

  /** Record {@code index}: session {@code index % 200}, the next sequence of that session. */
  private void send(int index) {
    int s = index % SESSIONS;
    long seq = ++sequence[s];
    TranscriptRecord r = TranscriptRecord.completed("sess_wh" + s, "item_" + index, null, seq,
        "the quick brown fox jumps over the lazy dog " + index, "en", "gpt-4o-transcribe", "pocketsphinx-en-us",
        seq * 3000, seq * 3000 + 2400, Instant.now());
    sentAt[index] = System.nanoTime();
    producer.send(new ProducerRecord<>(Topics.TRANSCRIPTS, r.kafkaKey(), r.toJson()));
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(p);
  }

  private static void waitFor(java.util.function.BooleanSupplier done, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeoutMs + " ms");
      }
      Thread.sleep(5);
    }
  }
}
