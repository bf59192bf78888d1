package org.voxmesh.transcript;

import java.time.Instant;

/** A final transcript of one committed turn, as it leaves the transcript service for durable sinks. */
public record CompletedTurn(
    String sessionId,
    String itemId,
    String previousItemId,
    long sequence,
    String transcript,
    String language,
    String model,
    String engine,
    long audioStartMs,
    long audioEndMs,
    Instant createdAt) {}
