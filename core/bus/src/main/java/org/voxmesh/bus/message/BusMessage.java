package org.voxmesh.bus.message;

/**
 * Every record that travels on the Voxmesh event bus. One codec ({@code BusRecordCodec}) carries
 * them all; the sealed hierarchy is the list of types the codec knows.
 *
 * <p>Records holding {@code byte[]} are shared, not copied, on local delivery: treat the arrays as
 * read-only once sent.
 */
public sealed interface BusMessage
    permits IngestRequest, IngestReply, SessionInput, TranscriptionRequest, TranscriptionReply,
        AudioStreamRequest, AudioStreamReply {}
