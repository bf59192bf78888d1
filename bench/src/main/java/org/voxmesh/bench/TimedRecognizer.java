package org.voxmesh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.voxmesh.speech.asr.RecognitionRequest;
import org.voxmesh.speech.asr.RecognitionResult;
import org.voxmesh.speech.asr.RecognitionStream;
import org.voxmesh.speech.asr.RecognizerOverloadedException;
import org.voxmesh.speech.asr.SpeechRecognizer;

/**
 * Wraps the platform's recognizer (through {@code Platform.start(settings, decorator)}) and records,
 * for every {@link RecognitionStream#finish()}, when it started and ended (System.nanoTime, the same
 * clock the load generator uses) and what it returned, so a {@code …completed} event can be matched
 * to its engine call by transcript and audio length.
 */
final class TimedRecognizer implements SpeechRecognizer {

  /** One finish() call (cpuNanos: CPU time of the calling thread inside it). */
  record Finish(long startNanos, long endNanos, long cpuNanos, String text, long audioMillis) {
    double millis() {
      return (endNanos - startNanos) / 1e6;
    }
  }

  private final SpeechRecognizer delegate;
  private final ConcurrentLinkedQueue<Finish> finishes = new ConcurrentLinkedQueue<>();
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  private final AtomicLong acceptNanos = new AtomicLong();
  private final AtomicLong acceptCpuNanos = new AtomicLong();
  private final AtomicLong acceptedSamples = new AtomicLong();
  private final AtomicLong overloaded = new AtomicLong();
  private final AtomicLong opened = new AtomicLong();

  TimedRecognizer(SpeechRecognizer delegate) {
    this.delegate = delegate;
  }

  /** Everything recorded so far, and forgets it. */
  List<Finish> drainFinishes() {
    List<Finish> out = new ArrayList<>();
    Finish f;
    while ((f = finishes.poll()) != null) {
      out.add(f);
    }
    return out;
  }


  /** {wall nanos spent in accept(), samples accepted, CPU nanos of the calling threads in accept()} so far. */
  long[] acceptTotals() {
    return new long[] {acceptNanos.get(), acceptedSamples.get(), acceptCpuNanos.get()};
  }

  long overloadedOpens() {
    return overloaded.get();
  }

  long opens() {
    return opened.get();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean streaming() {
    return delegate.streaming();
  }

  @Override
  public RecognitionStream open(RecognitionRequest request) {
    RecognitionStream stream;
    try {
      stream = delegate.open(request);
    } catch (RecognizerOverloadedException e) {
      overloaded.incrementAndGet();
      throw e;
    }
    opened.incrementAndGet();
    return new RecognitionStream() {
      @Override
      public String accept(short[] pcm16k) {
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try {
          return stream.accept(pcm16k);
        } finally {
          acceptCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
          acceptNanos.addAndGet(System.nanoTime() - t);
          acceptedSamples.addAndGet(pcm16k.length);
        }
      }

      @Override
      public RecognitionResult finish() {
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        RecognitionResult r = stream.finish();
        long cpuEnd = THREADS.getCurrentThreadCpuTime();
        long end = System.nanoTime();
        String text = r.text() == null ? "" : r.text().trim();
        finishes.add(new Finish(t, end, cpuEnd - cpu, text, Math.round(r.audioSeconds() * 1000)));
        return r;
      }

      @Override
      public void close() {
        stream.close();
      }
    };
  }

  @Override
  public void close() {
    delegate.close();
  }
}
