package org.voxmesh.transcript;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;
import org.voxmesh.runtime.ops.Meters;
import org.voxmesh.speech.asr.RecognitionRequest;
import org.voxmesh.speech.asr.RecognitionResult;
import org.voxmesh.speech.asr.RecognitionStream;
import org.voxmesh.speech.asr.RecognizerOverloadedException;
import org.voxmesh.speech.asr.SpeechRecognizer;

/**
 * The transcript service's recognizer as /metrics sees it: how long finishing a turn takes (the wait
 * a user has after they stop speaking), turns by outcome, and streams open (for PocketSphinx, the
 * decoders in use out of {@code asr.max.decoders}).
 */
final class MeteredRecognizer implements SpeechRecognizer {

  private final SpeechRecognizer delegate;
  private final Timer finish;
  private final Counter completed;
  private final Counter failed;
  private final Counter overloaded;
  private final AtomicInteger open = new AtomicInteger();

  MeteredRecognizer(SpeechRecognizer delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.finish = Meters.latency(registry, "voxmesh.asr.finish",
        "Time for the speech engine to finish a turn after its last audio", "engine", delegate.name());
    this.completed = turns(registry, "completed");
    this.failed = turns(registry, "failed");
    this.overloaded = turns(registry, "overloaded");
    registry.gauge("voxmesh.asr.streams.open", java.util.List.of(io.micrometer.core.instrument.Tag.of("engine", delegate.name())),
        open);
  }

  private Counter turns(MeterRegistry registry, String outcome) {
    return Counter.builder("voxmesh.asr.turns").tag("engine", delegate.name()).tag("outcome", outcome)
        .description("Turns the speech engine handled, by outcome").register(registry);
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
      overloaded.increment();
      throw e;
    }
    open.incrementAndGet();
    return new RecognitionStream() {
      private boolean closed;

      @Override
      public String accept(short[] pcm16k) {
        return stream.accept(pcm16k);
      }

      @Override
      public RecognitionResult finish() {
        long started = System.nanoTime();
        try {
          RecognitionResult result = stream.finish();
          completed.increment();
          return result;
        } catch (RuntimeException e) {
          failed.increment();
          throw e;
        } finally {
          finish.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          open.decrementAndGet();
        }
        stream.close();
      }
    };
  }

  @Override
  public void close() {
    delegate.close();
  }
}
