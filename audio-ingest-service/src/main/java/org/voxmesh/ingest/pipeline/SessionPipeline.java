package org.voxmesh.ingest.pipeline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.voxmesh.audio.PcmConverter;
import org.voxmesh.bus.message.IngestReply;
import org.voxmesh.bus.message.IngestRequest.IngestSettings;
import org.voxmesh.bus.message.IngestRequest.TurnSettings;
import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.bus.message.TranscriptionRequest;
import org.voxmesh.speech.turn.TurnDetector;
import org.voxmesh.speech.turn.SpeechStarted;
import org.voxmesh.speech.turn.SpeechStopped;
import org.voxmesh.speech.turn.TurnEvent;
import org.voxmesh.speech.turn.TurnParams;
import org.voxmesh.speech.vad.VadEngine;
import org.voxmesh.speech.vad.VoiceActivityDetector;

/**
 * One session's audio pipeline: decode and resample to 16 kHz, VAD on fixed frames, turn
 * segmentation, and the turn's audio out to the transcriber. Single-threaded by contract: the
 * owner runs calls one at a time (on a worker, since VAD blocks). Every method returns the
 * messages to send, in order, instead of sending them, so the pipeline itself does no I/O.
 *
 * <p>Times are milliseconds of session audio, derived from the 16 kHz sample clock.
 */
public final class SessionPipeline {

  static final int RATE = 16_000;
  /** Longest manual (push-to-talk) turn kept; older audio is dropped from its start. */
  static final int MAX_MANUAL_TURN_MS = 10 * 60 * 1000;
  /** Audio kept before a detected onset (covers prefix padding plus the detector's delay). */
  static final int RECENT_MS_BEYOND_PADDING = 2_000;

  private final VadEngine vadEngine;
  private final Supplier<String> itemIds;

  private IngestSettings settings;
  private PcmConverter converter;
  private VoiceActivityDetector vad;
  private TurnDetector turns;
  private short[] frame;
  private int frameFill;
  private long framedSamples; // samples consumed by VAD frames
  private SampleRing recent;
  private long samples; // every 16 kHz sample of the session so far
  private double inputSamples; // the same clock counted from the input bytes (no resampler delay)
  private long turnBoundary; // first sample not yet part of any committed or cleared turn

  private String turnItemId; // set while a server-VAD turn is in progress
  private long turnStartSample;
  private long turnSentUpTo;
  private String lastItemId;

  public SessionPipeline(IngestSettings settings, VadEngine vadEngine, Supplier<String> itemIds) {
    this.vadEngine = vadEngine;
    this.itemIds = itemIds;
    configure(settings);
  }

  public IngestSettings settings() {
    return settings;
  }

  /** Applies new settings to the audio that follows. A turn in progress ends if VAD is switched off. */
  public List<PipelineOutput> configure(IngestSettings next) {
    List<PipelineOutput> out = new ArrayList<>();
    IngestSettings previous = settings;
    settings = next;
    if (previous == null || !previous.inputFormat().equals(next.inputFormat())) {
      converter = PcmConverter.create(next.inputFormat(), RATE);
    }
    TurnSettings turn = next.turnDetection();
    if (turn == null) {
      if (turnItemId != null) {
        abortTurn(out);
      }
      closeVad();
      int capacity = msToSamples(MAX_MANUAL_TURN_MS);
      recent = resized(recent, capacity);
    } else {
      if (vad == null) {
        vad = vadEngine.newDetector();
        frame = new short[vad.frameSamples()];
        frameFill = 0;
        framedSamples = samples;
      }
      turns = new TurnDetector(
          new TurnParams((float) turn.threshold(), turn.prefixPaddingMs(), turn.silenceDurationMs()),
          (int) ((long) vad.frameSamples() * 1000 / RATE));
      recent = resized(recent, msToSamples(turn.prefixPaddingMs() + RECENT_MS_BEYOND_PADDING));
    }
    return out;
  }

  /** Processes one chunk of audio in the session's input format. */
  public List<PipelineOutput> onAudio(byte[] chunk) {
    List<PipelineOutput> out = new ArrayList<>();
    short[] pcm = converter.convert(chunk);
    recent.append(pcm);
    samples += pcm.length;
    inputSamples += (double) chunk.length / settings.inputFormat().bytesPerSample() * RATE
        / settings.inputFormat().sampleRate();
    if (vad == null) {
      return out; // manual turns: the ring holds the audio until commit
    }
    int offset = 0;
    while (offset < pcm.length) {
      int n = Math.min(frame.length - frameFill, pcm.length - offset);
      System.arraycopy(pcm, offset, frame, frameFill, n);
      frameFill += n;
      offset += n;
      if (frameFill == frame.length) {
        frameFill = 0;
        framedSamples += frame.length;
        float probability = vad.speechProbability(frame);
        for (TurnEvent event : turns.onFrame(probability, samplesToMs(framedSamples))) {
          onTurnEvent(event, out);
        }
      }
    }
    if (turnItemId != null) {
      sendTurnAudio(samples, out);
    } else {
      checkIdle(out);
    }
    return out;
  }

  /** server_vad idle_timeout_ms: nothing said for that long since the last turn (or commit/clear). */
  private void checkIdle(List<PipelineOutput> out) {
    TurnSettings turn = settings.turnDetection();
    if (turn == null || turn.idleTimeoutMs() == null || samples - turnBoundary < msToSamples(turn.idleTimeoutMs())) {
      return;
    }
    String itemId = itemIds.get();
    long startMs = reportedMs(turnBoundary);
    long endMs = reportedMs(samples);
    out.add(new PipelineOutput.ToSession(new SessionInput.IdleTimeout(itemId, lastItemId, startMs, endMs)));
    lastItemId = itemId;
    turnBoundary = samples;
  }

  /**
   * Ends the current turn now (manual commit). With server VAD and speech in progress, that turn is
   * committed; otherwise the uncommitted audio becomes item {@code requestedItemId}.
   */
  public CommitResult commit(String requestedItemId) {
    List<PipelineOutput> out = new ArrayList<>();
    String itemId;
    long startSample;
    if (turnItemId != null) {
      itemId = turnItemId;
      startSample = turnStartSample;
      sendTurnAudio(samples, out);
      turnItemId = null;
      turns.reset();
    } else {
      itemId = requestedItemId;
      startSample = Math.max(turnBoundary, recent.start());
      if (transcribing()) {
        out.add(new PipelineOutput.ToTranscriber(
            new TranscriptionRequest.TurnStart(itemId, reportedMs(startSample), settings.transcription(),
                settings.inputFormat().sampleRate())));
        for (long from = startSample; from < samples; from += RATE) {
          out.add(turnAudio(itemId, recent.copy(from, Math.min(from + RATE, samples))));
        }
      }
    }
    long startMs = reportedMs(startSample);
    long endMs = reportedMs(samples);
    String previous = lastItemId;
    if (transcribing()) {
      out.add(new PipelineOutput.ToTranscriber(new TranscriptionRequest.TurnEnd(itemId, previous, startMs, endMs)));
    }
    lastItemId = itemId;
    turnBoundary = samples;
    return new CommitResult(new IngestReply.Committed(itemId, previous, startMs, endMs), out);
  }

  /** A client-supplied utterance (an input_audio item) as one turn for the transcriber. */
  public List<PipelineOutput> transcribeItem(String itemId, byte[] audio) {
    List<PipelineOutput> out = new ArrayList<>();
    if (!transcribing()) {
      return out;
    }
    PcmConverter own = PcmConverter.create(settings.inputFormat(), RATE); // leaves the live stream's state alone
    short[] converted = own.convert(audio);
    short[] tail = own.flush();
    short[] pcm = java.util.Arrays.copyOf(converted, converted.length + tail.length);
    System.arraycopy(tail, 0, pcm, converted.length, tail.length);
    long durationMs = samplesToMs(pcm.length);
    out.add(new PipelineOutput.ToTranscriber(
        new TranscriptionRequest.TurnStart(itemId, 0, settings.transcription(), settings.inputFormat().sampleRate())));
    for (int from = 0; from < pcm.length; from += RATE) {
      out.add(turnAudio(itemId, java.util.Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + RATE))));
    }
    out.add(new PipelineOutput.ToTranscriber(new TranscriptionRequest.TurnEnd(itemId, null, 0, durationMs)));
    return out;
  }

  /** Drops uncommitted audio and any turn in progress (input_audio_buffer.clear). */
  public List<PipelineOutput> clear() {
    List<PipelineOutput> out = new ArrayList<>();
    if (turnItemId != null) {
      abortTurn(out);
    }
    if (turns != null) {
      turns.reset();
    }
    turnBoundary = samples;
    return out;
  }

  /** Releases the VAD state; the pipeline takes no more audio. */
  public List<PipelineOutput> close() {
    List<PipelineOutput> out = new ArrayList<>();
    if (turnItemId != null) {
      abortTurn(out);
    }
    closeVad();
    return out;
  }

  /** The outcome of a manual commit: the reply for the session and what to send. */
  public record CommitResult(IngestReply.Committed reply, List<PipelineOutput> outputs) {}

  private void onTurnEvent(TurnEvent event, List<PipelineOutput> out) {
    if (event instanceof SpeechStarted started) {
      turnItemId = itemIds.get();
      turnStartSample = Math.max(msToSamples(started.audioStartMs()), Math.max(turnBoundary, recent.start()));
      turnSentUpTo = turnStartSample;
      long startMs = reportedMs(turnStartSample);
      out.add(new PipelineOutput.ToSession(new SessionInput.SpeechStarted(turnItemId, startMs)));
      if (transcribing()) {
        out.add(new PipelineOutput.ToTranscriber(
            new TranscriptionRequest.TurnStart(turnItemId, startMs, settings.transcription(),
            settings.inputFormat().sampleRate())));
      }
    } else if (event instanceof SpeechStopped stopped && turnItemId != null) {
      long endSample = Math.min(samples, Math.max(turnSentUpTo, msToSamples(stopped.audioEndMs())));
      sendTurnAudio(endSample, out);
      long startMs = reportedMs(turnStartSample);
      long endMs = reportedMs(endSample);
      out.add(new PipelineOutput.ToSession(new SessionInput.SpeechStopped(turnItemId, lastItemId, startMs, endMs)));
      if (transcribing()) {
        out.add(new PipelineOutput.ToTranscriber(
            new TranscriptionRequest.TurnEnd(turnItemId, lastItemId, startMs, endMs)));
      }
      lastItemId = turnItemId;
      turnItemId = null;
      turnBoundary = endSample;
    }
  }

  private void sendTurnAudio(long upTo, List<PipelineOutput> out) {
    if (upTo > turnSentUpTo && transcribing()) {
      out.add(turnAudio(turnItemId, recent.copy(turnSentUpTo, upTo)));
    }
    turnSentUpTo = Math.max(turnSentUpTo, upTo);
  }

  private void abortTurn(List<PipelineOutput> out) {
    if (transcribing()) {
      out.add(new PipelineOutput.ToTranscriber(new TranscriptionRequest.TurnAbort(turnItemId)));
    }
    turnItemId = null;
  }

  private boolean transcribing() {
    return settings.transcription() != null;
  }

  private void closeVad() {
    if (vad != null) {
      vad.close();
      vad = null;
      turns = null;
    }
  }

  private static PipelineOutput turnAudio(String itemId, short[] pcm) {
    ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asShortBuffer().put(pcm);
    return new PipelineOutput.ToTranscriber(new TranscriptionRequest.TurnAudio(itemId, bytes.array()));
  }

  private static SampleRing resized(SampleRing ring, int capacity) {
    if (ring == null) {
      return new SampleRing(capacity);
    }
    return ring.capacity() == capacity ? ring : ring.withCapacity(capacity);
  }

  /**
   * Session-audio milliseconds of a sample index, on the client's clock: the resampler holds back a
   * few samples, so the output clock runs a constant bit behind the audio the client sent.
   */
  private long reportedMs(long sampleIndex) {
    long lag = Math.max(0, Math.round(inputSamples) - samples);
    return samplesToMs(sampleIndex + lag);
  }

  static long samplesToMs(long sampleCount) {
    return sampleCount * 1000 / RATE;
  }

  static int msToSamples(long ms) {
    return (int) (ms * RATE / 1000);
  }
}
