package org.voxmesh.app;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.voxmesh.runtime.config.Settings;
import org.voxmesh.runtime.kafka.KafkaBrokerOptions;
import org.voxmesh.runtime.kafka.KafkaBrokerProcess;

/** {@code ./voxmesh run kafka}: a standalone single-node KRaft broker for a multi-process setup. */
public final class KafkaMain {

  private KafkaMain() {}

  public static void main(String[] args) throws InterruptedException {
    Settings settings = Settings.load();
    Path dataDir = Path.of(settings.string("data.dir", ".voxmesh")).resolve("kafka");
    KafkaBrokerProcess broker = KafkaBrokerProcess.start(
        KafkaBrokerOptions.persistent(dataDir).withPort(settings.integer("kafka.port", 9092, 1, 65535)));
    System.out.println("Kafka broker ready at " + broker.bootstrapServers() + " (data in " + broker.dataDir() + ")");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "kafka-stop"));
    stopped.await();
  }
}
