package org.voxmesh.transcript;

import java.nio.file.Path;
import org.voxmesh.runtime.ServiceMain;
import org.voxmesh.speech.asr.Recognizers;
import org.voxmesh.speech.asr.SpeechRecognizer;
import org.voxmesh.transcript.publish.TranscriptPublishConfig;

/** Runs the transcript service alone; needs {@code KAFKA_BOOTSTRAP_SERVERS}. */
public final class TranscriptServiceMain {

  private TranscriptServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run("transcript-service", 9093, (vertx, settings) -> {
      TranscriptConfig config = TranscriptConfig.from(settings);
      String bootstrap = settings.string("kafka.bootstrap.servers", "127.0.0.1:9092");
      SpeechRecognizer recognizer = Recognizers.create(config.recognizer());
      return TranscriptPublishConfig.from(settings, Path.of(settings.string("data.dir", ".voxmesh")), bootstrap)
          .startSink(vertx)
          .compose(sink -> vertx.deployVerticle(new TranscriptVerticle(config, recognizer, sink)));
    });
  }
}
