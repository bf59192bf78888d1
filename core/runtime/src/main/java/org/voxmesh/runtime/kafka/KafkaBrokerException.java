package org.voxmesh.runtime.kafka;

/** The embedded Kafka broker could not be found, started or stopped; the message says what to do. */
public class KafkaBrokerException extends RuntimeException {

  public KafkaBrokerException(String message) {
    super(message);
  }

  public KafkaBrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
