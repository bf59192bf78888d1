package org.voxmesh.webhook.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  // The example in the Standard Webhooks specification and its reference libraries' tests.
  private static final WebhookSecret SPEC_SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long SPEC_TS = 1614265330;
  private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  @DisplayName("Signs the Standard Webhooks reference example to the published signature")
  void referenceVector() {
    assertThat(WebhookSigner.sign(SPEC_SECRET, SPEC_ID, SPEC_TS, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    WebhookSigner.verify(SPEC_SECRET, SPEC_ID, Long.toString(SPEC_TS), SPEC_SIGNATURE, SPEC_BODY, SPEC_TS,
        WebhookSigner.DEFAULT_TOLERANCE);
  }

  @Test
  @DisplayName("During a rotation every secret signs, and either one verifies")
  void rotation() {
    WebhookSecret other = WebhookSecret.ofKey(new byte[32]);
    String header = WebhookSigner.sign(List.of(other, SPEC_SECRET), SPEC_ID, SPEC_TS, SPEC_BODY);
    assertThat(header.split(" ")).hasSize(2).contains(SPEC_SIGNATURE);
    for (WebhookSecret s : List.of(other, SPEC_SECRET)) {
      WebhookSigner.verify(s, SPEC_ID, Long.toString(SPEC_TS), header, SPEC_BODY, SPEC_TS, Duration.ofMinutes(5));
    }
  }

  @Test
  @DisplayName("A changed body, id, timestamp or secret, and stale or missing headers, are rejected")
  void rejects() {
    String ts = Long.toString(SPEC_TS);
    Duration tol = WebhookSigner.DEFAULT_TOLERANCE;
    byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WebhookSigner.verify(SPEC_SECRET, SPEC_ID, ts, SPEC_SIGNATURE, tampered, SPEC_TS, tol))
        .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no v1 signature");
    assertThatThrownBy(() -> WebhookSigner.verify(SPEC_SECRET, "msg_other", ts, SPEC_SIGNATURE, SPEC_BODY, SPEC_TS, tol))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> WebhookSigner.verify(WebhookSecret.ofKey(new byte[24]), SPEC_ID, ts, SPEC_SIGNATURE,
        SPEC_BODY, SPEC_TS, tol)).isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> WebhookSigner.verify(SPEC_SECRET, SPEC_ID, ts, SPEC_SIGNATURE, SPEC_BODY, SPEC_TS + 301,
        tol)).hasMessageContaining("too old");
    assertThatThrownBy(() -> WebhookSigner.verify(SPEC_SECRET, SPEC_ID, ts, SPEC_SIGNATURE, SPEC_BODY, SPEC_TS - 301,
        tol)).hasMessageContaining("too new");
    assertThatThrownBy(() -> WebhookSigner.verify(SPEC_SECRET, SPEC_ID, null, SPEC_SIGNATURE, SPEC_BODY, SPEC_TS, tol))
        .hasMessageContaining("webhook-timestamp");
    assertThatThrownBy(() -> WebhookSigner.verify(SPEC_SECRET, SPEC_ID, ts, "v2," + SPEC_SIGNATURE.substring(3),
        SPEC_BODY, SPEC_TS, tol)).isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  @DisplayName("Secrets must be whsec_ + base64 of 24 to 64 bytes, and errors never echo the secret")
  void secretFormat() {
    assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .hasMessageContaining("whsec_ prefix").hasMessageNotContaining("MfKQ");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_not*base64!"))
        .hasMessageContaining("base64").hasMessageNotContaining("not*base64");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).hasMessageContaining("5 bytes");
    assertThat(SPEC_SECRET.toString()).doesNotContain("MfKQ");
    assertThat(SPEC_SECRET.encoded()).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }
}
