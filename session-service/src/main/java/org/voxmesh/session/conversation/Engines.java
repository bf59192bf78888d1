package org.voxmesh.session.conversation;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.WorkerExecutor;
import org.voxmesh.speech.responder.Responder;
import org.voxmesh.speech.tts.SpeechSynthesizer;

/**
 * The engines a conversation session answers with, and the worker pool their blocking calls run
 * on (never an event loop).
 *
 * @param responder writes the assistant's replies (an LLM upstream or the embedded rule responder)
 * @param synthesizer speaks them (Flite or an upstream)
 * @param workers bounded pool for responder pulls and synthesis
 * @param transcriptWaitMs how long a response waits for the transcript of the user's last audio
 * @param speechLatency records the time from asking the synthesizer for a sentence to its first audio
 */
public record Engines(Responder responder, SpeechSynthesizer synthesizer, WorkerExecutor workers, long transcriptWaitMs,
    Timer speechLatency) {

  /** Engines whose latency goes nowhere (component tests). */
  public Engines(Responder responder, SpeechSynthesizer synthesizer, WorkerExecutor workers, long transcriptWaitMs) {
    this(responder, synthesizer, workers, transcriptWaitMs, Timer.builder("unused").register(new SimpleMeterRegistry()));
  }
}
