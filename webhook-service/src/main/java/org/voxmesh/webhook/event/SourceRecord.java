package org.voxmesh.webhook.event;

/**
 * A Kafka record as the webhook service sees it, whichever client read it (the dispatcher's vertx-kafka-client
 * consumer or the replay's plain kafka-clients one).
 *
 * @param value the raw value; null for a tombstone
 * @param timestamp the record timestamp, ms since the epoch
 */
public record SourceRecord(String topic, int partition, long offset, String key, byte[] value, long timestamp) {

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset + " key=" + key;
  }
}
