package org.voxmesh.transcript;

import io.vertx.core.Future;
import org.voxmesh.bus.kafka.TranscriptRecord;

/** Where final transcripts go besides the live session (Kafka in production). */
public interface TranscriptSink {

  /** Completes once the sink has durably taken the transcript. */
  Future<?> publish(TranscriptRecord record);

  Future<Void> close();
}
