package org.voxmesh.session;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.voxmesh.runtime.config.Settings;

/**
 * Settings of the session service (the public edge).
 *
 * @param host interface the listeners bind to
 * @param httpPort plain HTTP/WebSocket port (0 = pick a free one, -1 = off)
 * @param httpsPort HTTPS/WSS port (0 = pick a free one, -1 = off)
 * @param tlsCert PEM certificate chain, or null to use the generated development certificate
 * @param tlsKey PEM private key matching {@code tlsCert}
 * @param devTlsDir where the development CA and certificate are generated and kept
 * @param apiKeys the standard API keys clients may use
 * @param generatedApiKey true when no key was configured and one was generated (printed once)
 * @param maxSessionDuration sessions are closed with 1001 after this long
 * @param maxAppendBytes largest decoded audio accepted in one input_audio_buffer.append
 * @param audioWindow audio chunks a session may have in its pipeline before the socket is paused
 * @param busTimeoutMs how long to wait for the ingest service to answer
 * @param defaultClientSecretTtl lifetime of a client secret when the request names none
 * @param engineThreads worker threads for responder and speech synthesis calls
 * @param transcriptWaitMs how long a response waits for the transcript of the user's last audio
 * @param drainDeadline on shutdown, how long running sessions may go on before they are closed
 */
public record SessionServiceConfig(
    String host,
    int httpPort,
    int httpsPort,
    Path tlsCert,
    Path tlsKey,
    Path devTlsDir,
    List<String> apiKeys,
    boolean generatedApiKey,
    Duration maxSessionDuration,
    int maxAppendBytes,
    int audioWindow,
    long busTimeoutMs,
    Duration defaultClientSecretTtl,
    int engineThreads,
    long transcriptWaitMs,
    Duration drainDeadline) {

  public static final int OPENAI_MAX_APPEND_BYTES = 15 * 1024 * 1024;

  public static SessionServiceConfig from(Settings s, Path dataDir) {
    List<String> keys = s.list("api.keys");
    boolean generated = keys.isEmpty();
    if (generated) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      keys = List.of("sk-voxmesh-" + HexFormat.of().formatHex(random));
    }
    String cert = s.stringOrNull("tls.cert");
    String key = s.stringOrNull("tls.key");
    if ((cert == null) != (key == null)) {
      throw new Settings.ConfigException(
          "invalid configuration tls.cert/tls.key (VOXMESH_TLS_CERT/VOXMESH_TLS_KEY): set both PEM files or neither");
    }
    return new SessionServiceConfig(
        s.string("http.host", "127.0.0.1"),
        s.integer("http.port", 8080, -1, 65535),
        s.integer("https.port", 8443, -1, 65535),
        cert == null ? null : Path.of(cert),
        key == null ? null : Path.of(key),
        dataDir.resolve("tls"),
        keys,
        generated,
        s.seconds("session.max.duration.seconds", Duration.ofMinutes(60), 1, 24 * 3600),
        s.integer("session.max.append.bytes", OPENAI_MAX_APPEND_BYTES, 1024, 64 * 1024 * 1024),
        s.integer("session.audio.window", 16, 1, 1024),
        s.integer("session.bus.timeout.ms", 10_000, 100, 600_000),
        Duration.ofMinutes(10),
        s.integer("response.threads", 16, 1, 1024),
        s.integer("response.transcript.wait.ms", 5_000, 0, 60_000),
        s.seconds("drain.seconds", Duration.ofSeconds(30), 0, 3600));
  }

  /** A copy with other listener ports (tests use 0 for free ports). */
  public SessionServiceConfig withPorts(int http, int https) {
    return new SessionServiceConfig(host, http, https, tlsCert, tlsKey, devTlsDir, apiKeys, generatedApiKey,
        maxSessionDuration, maxAppendBytes, audioWindow, busTimeoutMs, defaultClientSecretTtl, engineThreads,
        transcriptWaitMs, drainDeadline);
  }
}
