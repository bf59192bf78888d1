package org.voxmesh.gateway;

import org.voxmesh.runtime.ServiceMain;

/** Runs the audio gateway alone (its own JVM or pod); needs {@code KAFKA_BOOTSTRAP_SERVERS} for the Kafka API. */
public final class GatewayServiceMain {

  private GatewayServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run("audio-gateway-service", 9095, (vertx, settings) -> vertx.deployVerticle(
        AudioGatewayVerticle.create(settings, settings.string("kafka.bootstrap.servers", "127.0.0.1:9092"))));
  }
}
