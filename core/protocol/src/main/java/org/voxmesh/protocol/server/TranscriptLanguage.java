package org.voxmesh.protocol.server;

/** One entry of {@code languages} in a transcription completion: an ISO-639-1 {@code code}. */
public record TranscriptLanguage(String code) {}
