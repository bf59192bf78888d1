package org.voxmesh.webhook.delivery;

/** How one HTTP attempt ended. */
public sealed interface AttemptResult {

  long millis();

  /** The receiver answered 2xx. */
  record Delivered(int status, long millis) implements AttemptResult {}

  /**
   * Anything else. Every kind is retried until the deadline, as OpenAI and Standard Webhooks senders do: a 4xx
   * is as likely a receiver deploy gone wrong as a permanent refusal, and only the receiver can tell.
   *
   * @param status the HTTP status, or 0 when there was no response
   */
  record Failed(Kind kind, int status, String message, long millis) implements AttemptResult {
    @Override
    public String toString() {
      return status > 0 ? "HTTP " + status + (message.isEmpty() ? "" : ": " + message) : kind.label + ": " + message;
    }
  }

  enum Kind {
    /** Non-2xx status (3xx included: redirects are not followed). */
    HTTP_STATUS("http status"),
    /** No complete response within the request timeout. */
    TIMEOUT("timeout"),
    /** Could not connect, or the connection broke. */
    CONNECTION("connection");

    private final String label;

    Kind(String label) {
      this.label = label;
    }
  }
}
