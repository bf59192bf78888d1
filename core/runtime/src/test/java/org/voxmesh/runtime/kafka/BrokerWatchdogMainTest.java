package org.voxmesh.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The child JVM must exit when its parent goes away, which it sees as end-of-file on stdin. */
class BrokerWatchdogMainTest {

  @Test
  void childExitsWhenStdinCloses() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        BrokerWatchdogMain.class.getName(), SleepForeverMain.class.getName()))
        .redirectErrorStream(true)
        .start();
    try {
      assertThat(child.waitFor(1, TimeUnit.SECONDS)).as("still running while stdin is open").isFalse();
      child.getOutputStream().close();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("exited after stdin closed").isTrue();
      assertThat(child.exitValue()).isZero();
      assertThat(new String(child.getInputStream().readAllBytes())).contains("stdin closed");
    } finally {
      child.destroyForcibly();
    }
  }
}
