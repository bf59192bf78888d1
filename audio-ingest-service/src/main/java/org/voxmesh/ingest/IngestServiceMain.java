package org.voxmesh.ingest;

import java.nio.file.Path;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.runtime.ServiceMain;
import org.voxmesh.speech.vad.SileroVadEngine;

/** Runs the audio-ingest service alone (its own JVM or pod). */
public final class IngestServiceMain {

  private IngestServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run("audio-ingest-service", 9092, (vertx, settings) -> {
      String model = settings.stringOrNull("vad.model");
      SileroVadEngine vad = SileroVadEngine.load(model == null ? SileroVadEngine.defaultModelPath() : Path.of(model));
      return vertx.deployVerticle(new IngestVerticle(IngestConfig.from(settings), vad, Ids::itemId));
    });
  }
}
