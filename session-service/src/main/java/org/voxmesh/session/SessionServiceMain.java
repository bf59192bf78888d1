package org.voxmesh.session;

import java.nio.file.Path;
import org.voxmesh.runtime.ServiceMain;
import org.voxmesh.session.conversation.EngineSettings;
import org.voxmesh.session.lifecycle.SessionEventsConfig;
import org.voxmesh.speech.responder.Responders;
import org.voxmesh.speech.tts.Synthesizers;

/** Runs the session service (the public edge) alone. */
public final class SessionServiceMain {

  private SessionServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run("session-service", 9091, (vertx, settings, hooks) -> {
      Path dataDir = Path.of(settings.string("data.dir", ".voxmesh"));
      SessionServiceConfig config = SessionServiceConfig.from(settings, dataDir);
      if (config.generatedApiKey()) {
        System.out.println("API key (generated; set VOXMESH_API_KEYS to choose your own): " + config.apiKeys().get(0));
      }
      SessionServerVerticle edge = new SessionServerVerticle(config,
          Responders.create(EngineSettings.responder(settings)),
          Synthesizers.create(EngineSettings.synthesizer(settings)),
          SessionEventsConfig.from(settings, settings.stringOrNull("kafka.bootstrap.servers")));
      hooks.onShutdown(edge::drain);
      return vertx.deployVerticle(edge);
    });
  }
}
