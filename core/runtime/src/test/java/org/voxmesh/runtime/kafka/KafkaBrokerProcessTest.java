package org.voxmesh.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real broker from kafka-dev/target/kafka-lib (surefire passes -Dkafka.lib). */
class KafkaBrokerProcessTest {

  @TempDir Path tmp;

  @Test
  void startsAnswersStopsAndRestartsOnTheSameDataDir() throws Exception {
    Path data = tmp.resolve("kafka");
    KafkaBrokerProcess broker = KafkaBrokerProcess.start(KafkaBrokerOptions.persistent(data));
    try {
      String bootstrap = broker.bootstrapServers();
      assertThat(bootstrap).startsWith("127.0.0.1:");
      String clusterId = broker.clusterId();
      assertThat(clusterId).hasSize(22);
      assertThat(metadata(broker).brokers()).isEqualTo(1);
      assertThat(metadata(broker).clusterId()).isEqualTo(clusterId);
      System.out.printf("broker first start (format + start + ready): %d ms%n", broker.lastStartDuration().toMillis());

      broker.stop();
      assertThat(broker.isRunning()).isFalse();
      assertThat(accepts(broker.port())).as("port closed after stop").isFalse();

      broker.start();
      assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
      assertThat(metadata(broker).clusterId()).as("not reformatted").isEqualTo(clusterId);
      System.out.printf("broker restart on formatted dir: %d ms%n", broker.lastStartDuration().toMillis());
    } finally {
      broker.close();
    }
    assertThat(Files.exists(data.resolve("data/meta.properties"))).as("persistent data kept").isTrue();

    // A new process on the same folder (what `./voxmesh run` does twice) keeps the cluster and the controller port.
    try (KafkaBrokerProcess again = KafkaBrokerProcess.start(KafkaBrokerOptions.persistent(data))) {
      assertThat(metadata(again).clusterId()).isEqualTo(broker.clusterId());
    }
  }

  @Test
  void temporaryBrokerDeletesItsFolderOnClose() {
    KafkaBrokerProcess broker = KafkaBrokerProcess.start(KafkaBrokerOptions.temporary());
    Path data = broker.dataDir();
    assertThat(broker.logFile()).exists();
    broker.close();
    assertThat(data).doesNotExist();
  }

  @Test
  void missingJarFolderSaysHowToBuildIt() {
    KafkaBrokerOptions options = KafkaBrokerOptions.temporary().withKafkaLib(tmp.resolve("nope"));
    assertThatThrownBy(() -> new KafkaBrokerProcess(options))
        .isInstanceOf(KafkaBrokerException.class)
        .hasMessageContaining("Kafka broker jars not found")
        .hasMessageContaining("./voxmesh run")
        .hasMessageContaining("mvn install");
  }

  @Test
  void takenPortIsReportedBeforeLaunching() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      KafkaBrokerOptions options = KafkaBrokerOptions.temporary().withPort(taken.getLocalPort());
      assertThatThrownBy(() -> KafkaBrokerProcess.start(options))
          .isInstanceOf(KafkaBrokerException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("already in use");
    }
  }

  @Test
  void brokerThatCannotStartFailsWithItsLog() {
    KafkaBrokerOptions options = KafkaBrokerOptions.temporary()
        .withBrokerProperty("num.io.threads", "not-a-number")
        .withStartTimeout(Duration.ofSeconds(30));
    assertThatThrownBy(() -> KafkaBrokerProcess.start(options))
        .isInstanceOf(KafkaBrokerException.class)
        .hasMessageContaining("num.io.threads");
  }

  private static KafkaMetadataProbe.Answer metadata(KafkaBrokerProcess broker) {
    return KafkaMetadataProbe.ask("127.0.0.1", broker.port(), Duration.ofSeconds(5)).orElseThrow();
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
