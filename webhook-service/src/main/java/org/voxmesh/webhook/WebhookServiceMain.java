package org.voxmesh.webhook;

import org.voxmesh.runtime.ServiceMain;

/**
 * Runs the webhook service alone: Kafka (transcripts, session events) to signed webhooks, with retries, a DLQ and
 * an admin server for health and replays. Needs {@code KAFKA_BOOTSTRAP_SERVERS} and
 * {@code VOXMESH_WEBHOOK_ENDPOINTS} (or {@code VOXMESH_WEBHOOK_ENDPOINTS_FILE}); docs/webhooks.md lists every key.
 */
public final class WebhookServiceMain {

  private WebhookServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run("webhook-service", 9094, (vertx, settings, hooks) -> WebhookService.start(vertx, WebhookConfig.from(settings))
        .onSuccess(service -> hooks.readyWhen(service::ready))); // ready once every endpoint's consumer polls
  }
}
