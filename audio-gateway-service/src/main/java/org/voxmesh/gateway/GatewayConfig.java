package org.voxmesh.gateway;

import org.voxmesh.bus.kafka.Topics;
import org.voxmesh.bus.message.IngestRequest.TranscriptionSettings;
import org.voxmesh.bus.message.IngestRequest.TurnSettings;
import org.voxmesh.runtime.config.Settings;

/**
 * Settings of the audio gateway (keys under {@code gateway.*}, environment {@code VOXMESH_GATEWAY_*}).
 *
 * @param maxStreams streams (bus and Kafka together) this instance serves at once; more are refused / dropped
 * @param window audio chunks of one stream in flight to the ingest pipeline (the credit window)
 * @param maxQueuedChunks chunks of one bus stream waiting for the window before a Chunk is refused as overloaded
 * @param idleTimeoutMs a stream with no audio for this long is ended (its open turn committed)
 * @param requestTimeoutMs how long to wait for the ingest pipeline to answer one request
 * @param turn default server VAD settings of new streams
 * @param transcription default transcription settings; null turns transcription off
 * @param kafkaEnabled whether the Kafka consumer runs
 * @param bootstrapServers Kafka bootstrap list
 * @param topic the audio-in topic
 * @param topicPartitions partitions the topic is created with when it does not exist
 * @param groupId the consumer group
 * @param maxInFlightRecords Kafka records taken but not yet finished; the consumer pauses beyond this
 * @param commitIntervalMs how often finished offsets are committed
 * @param closedStreamMemory closed streams whose last sequence is remembered, so late duplicates do not reopen them
 */
public record GatewayConfig(int maxStreams, int window, int maxQueuedChunks, long idleTimeoutMs, long requestTimeoutMs,
    TurnSettings turn, TranscriptionSettings transcription, boolean kafkaEnabled, String bootstrapServers,
    String topic, int topicPartitions, String groupId, int maxInFlightRecords, long commitIntervalMs,
    int closedStreamMemory) {

  public static GatewayConfig from(Settings s, String bootstrapServers) {
    TurnSettings turn = new TurnSettings(
        s.integer("gateway.vad.threshold.percent", 50, 1, 99) / 100.0,
        s.integer("gateway.vad.prefix.padding.ms", 300, 0, 5_000),
        s.integer("gateway.vad.silence.ms", 500, 100, 10_000),
        null);
    TranscriptionSettings transcription = s.bool("gateway.transcription", true)
        ? new TranscriptionSettings(s.stringOrNull("gateway.transcription.model"),
            s.stringOrNull("gateway.transcription.language"), null)
        : null;
    return new GatewayConfig(
        s.integer("gateway.max.streams", 256, 1, 100_000),
        s.integer("gateway.window", 8, 1, 256),
        s.integer("gateway.max.queued.chunks", 32, 0, 10_000),
        s.integer("gateway.stream.idle.ms", 30_000, 100, 3_600_000),
        s.integer("gateway.request.timeout.ms", 15_000, 100, 600_000),
        turn,
        transcription,
        s.bool("gateway.kafka", true),
        bootstrapServers,
        s.string("gateway.kafka.topic", Topics.AUDIO_IN),
        s.integer("gateway.kafka.partitions", 3, 1, 1000),
        s.string("gateway.kafka.group.id", "voxmesh-audio-gateway"),
        s.integer("gateway.kafka.max.in.flight", 512, 1, 100_000),
        s.integer("gateway.kafka.commit.interval.ms", 500, 10, 60_000),
        s.integer("gateway.closed.stream.memory", 10_000, 0, 1_000_000));
  }

  public GatewayConfig withKafka(String bootstrap, String groupId) {
    return new GatewayConfig(maxStreams, window, maxQueuedChunks, idleTimeoutMs, requestTimeoutMs, turn, transcription,
        bootstrap != null, bootstrap, topic, topicPartitions, groupId, maxInFlightRecords, commitIntervalMs,
        closedStreamMemory);
  }

  public GatewayConfig withIdleTimeoutMs(long ms) {
    return new GatewayConfig(maxStreams, window, maxQueuedChunks, ms, requestTimeoutMs, turn, transcription,
        kafkaEnabled, bootstrapServers, topic, topicPartitions, groupId, maxInFlightRecords, commitIntervalMs,
        closedStreamMemory);
  }
}
