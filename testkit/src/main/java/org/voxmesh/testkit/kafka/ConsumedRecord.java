package org.voxmesh.testkit.kafka;

/** One record as a plain Kafka consumer saw it (key and value decoded as UTF-8). */
public record ConsumedRecord(String topic, int partition, long offset, String key, String value, long timestamp) {}
