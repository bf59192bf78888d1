package org.voxmesh.runtime.kafka;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Entry point of the broker child JVM: runs the Kafka main class given as the first argument and exits when
 * its standard input reaches end-of-file.
 *
 * <p>The parent keeps the write end of that pipe open for its whole life, so the broker also stops when the
 * parent is killed with SIGKILL, where shutdown hooks never run. {@code System.exit} triggers Kafka's own
 * shutdown hook, which does a controlled shutdown.
 *
 * <p>{@code Process.destroy()} in the parent also closes the pipe right after SIGTERM; the two shutdown paths
 * then meet in the same JVM shutdown, which is harmless.
 *
 * <p>This class is copied as a single class file into the broker's data directory, so it may use the JDK only
 * (no lambdas capturing other project classes, no nested classes).
 */
public final class BrokerWatchdogMain {

  private BrokerWatchdogMain() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: BrokerWatchdogMain <main class> [args...]");
    }
    Thread watchdog = new Thread(BrokerWatchdogMain::exitWhenParentGone, "voxmesh-parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      Class.forName(args[0])
          .getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void exitWhenParentGone() {
    try {
      while (System.in.read() != -1) {
        // the parent never writes; anything it sends is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the same thing as end-of-file
    }
    System.err.println("voxmesh: stdin closed (the parent stopped this broker or is gone), shutting down");
    System.exit(0);
  }
}
