package org.voxmesh.transcript.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxmesh.runtime.config.Settings;

class TranscriptPublishConfigTest {

  private static final Path DATA = Path.of("/var/lib/voxmesh");

  @Test
  void defaults() {
    TranscriptPublishConfig c = TranscriptPublishConfig.from(Settings.of(Map.of()), DATA, "k:9092");
    assertThat(c.outbox().dir()).isEqualTo(DATA.resolve("outbox/transcripts"));
    assertThat(c.outbox().slots()).isEqualTo(TranscriptPublishConfig.DEFAULT_SLOTS);
    assertThat(c.outbox().maxBytes()).isEqualTo(256L << 20);
    assertThat(c.outbox().fsync()).isEqualTo(OutboxSettings.Fsync.ALWAYS);
    assertThat(c.outbox().probeInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.kafka().bootstrapServers()).isEqualTo("k:9092");
    assertThat(c.kafka().partitions()).isEqualTo(3);
    assertThat(c.kafka().producerConfig()).containsEntry("delivery.timeout.ms", "120000")
        .containsEntry("request.timeout.ms", "30000").containsEntry("enable.idempotence", "true");
  }

  @Test
  void everyKey() {
    TranscriptPublishConfig c = TranscriptPublishConfig.from(Settings.of(Map.of(
        "kafka.partitions", "6",
        "kafka.delivery.timeout.ms", "20000",
        "transcripts.outbox.dir", "/srv/outbox",
        "transcripts.outbox.max.mb", "1024",
        "transcripts.outbox.fsync", "interval",
        "transcripts.outbox.fsync.interval.ms", "250",
        "transcripts.outbox.probe.interval.ms", "500")), DATA, "k:9092");
    assertThat(c.outbox().dir()).isEqualTo(Path.of("/srv/outbox"));
    assertThat(c.outbox().slots()).as("a configured folder is never shared").isEqualTo(1);
    assertThat(c.outbox().maxBytes()).isEqualTo(1L << 30);
    assertThat(c.outbox().fsync()).isEqualTo(OutboxSettings.Fsync.INTERVAL);
    assertThat(c.outbox().fsyncInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.outbox().probeInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.kafka().partitions()).isEqualTo(6);
    assertThat(c.kafka().producerConfig()).containsEntry("delivery.timeout.ms", "20000")
        .containsEntry("request.timeout.ms", "20000");
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> TranscriptPublishConfig.from(Settings.of(Map.of("transcripts.outbox.fsync", "sometimes")),
        DATA, "k:9092")).isInstanceOf(Settings.ConfigException.class)
        .hasMessageContaining("transcripts.outbox.fsync (VOXMESH_TRANSCRIPTS_OUTBOX_FSYNC): 'sometimes'");
    assertThatThrownBy(() -> TranscriptPublishConfig.from(Settings.of(Map.of("transcripts.outbox.max.mb", "0")),
        DATA, "k:9092")).isInstanceOf(Settings.ConfigException.class)
        .hasMessageContaining("transcripts.outbox.max.mb");
  }
}
