package org.voxmesh.ingest.pipeline;

import org.voxmesh.bus.message.SessionInput;
import org.voxmesh.bus.message.TranscriptionRequest;

/** Something a pipeline step wants sent, in order: to the session's inbox or to the transcriber. */
public sealed interface PipelineOutput {

  record ToSession(SessionInput event) implements PipelineOutput {}

  record ToTranscriber(TranscriptionRequest request) implements PipelineOutput {}
}
