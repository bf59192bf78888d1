package org.voxmesh.speech.engine.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import org.voxmesh.speech.asr.RecognitionRequest;
import org.voxmesh.speech.asr.RecognitionResult;
import org.voxmesh.speech.asr.RecognitionStream;
import org.voxmesh.speech.asr.RecognizerOverloadedException;
import org.voxmesh.speech.asr.SpeechRecognizer;

/**
 * Recognition by an OpenAI-compatible HTTP service (OpenAI, speaches, vLLM, ...): each utterance's
 * audio is buffered and, on {@link RecognitionStream#finish()}, sent as one {@code
 * multipart/form-data} POST to {@code {baseUrl}/audio/transcriptions} with the fields {@code file}
 * (a 16 kHz mono PCM16 WAV), {@code model} (the request's model, else the configured one), {@code
 * language} and {@code prompt} (when the request sets them) and {@code response_format=json}; the
 * answer's {@code text} is the transcript.
 *
 * <p>Not streaming: {@link RecognitionStream#accept} always returns null. At most {@link
 * OpenAiCompatibleConfig#maxConcurrent()} utterances are open at once ({@link #open} throws {@link
 * RecognizerOverloadedException} beyond), and each buffers at most {@link
 * OpenAiCompatibleConfig#maxAudio()} of audio ({@code accept} throws {@link IllegalStateException}
 * beyond, keeping what it had). A non-2xx answer, an unreadable answer, a timeout or an unreachable
 * service throw {@link UpstreamRecognitionException} from {@code finish}, carrying the HTTP status
 * and the upstream's error message.
 *
 * <p>Thread-safe; {@code finish} blocks for the HTTP round trip: call it on a worker thread.
 */
public final class OpenAiCompatibleRecognizer implements SpeechRecognizer {

  static final int SAMPLE_RATE = 16_000;
  private static final int MAX_RESPONSE_BYTES = 4 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OpenAiCompatibleConfig config;
  private final URI endpoint;
  private final HttpClient http;
  private final Semaphore permits;
  private final long maxSamples;
  private volatile boolean closed;

  public OpenAiCompatibleRecognizer(OpenAiCompatibleConfig config) {
    this.config = config;
    this.endpoint = URI.create(config.baseUrl() + "/audio/transcriptions");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.permits = new Semaphore(config.maxConcurrent());
    this.maxSamples = config.maxAudio().toMillis() * SAMPLE_RATE / 1000;
  }

  /** {@code openai-compatible/<configured model>}. */
  @Override
  public String name() {
    return "openai-compatible/" + config.model();
  }

  @Override
  public boolean streaming() {
    return false;
  }

  public OpenAiCompatibleConfig config() {
    return config;
  }

  /**
   * @throws RecognizerOverloadedException when {@code maxConcurrent} utterances are already open
   */
  @Override
  public RecognitionStream open(RecognitionRequest request) {
    if (closed) {
      throw new IllegalStateException(name() + " recognizer is closed");
    }
    if (!permits.tryAcquire()) {
      throw new RecognizerOverloadedException(
          name() + ": all " + config.maxConcurrent() + " upstream slots are busy");
    }
    return new Stream(request == null ? RecognitionRequest.DEFAULT : request);
  }

  /** Refuses new utterances; open ones may still finish. Idempotent. */
  @Override
  public void close() {
    closed = true;
  }

  private final class Stream implements RecognitionStream {
    private final RecognitionRequest request;
    private byte[] pcm = new byte[64 * 1024]; // little-endian PCM16
    private int bytes;
    private boolean finished;
    private boolean released;

    Stream(RecognitionRequest request) {
      this.request = request;
    }

    @Override
    public String accept(short[] pcm16k) {
      ensureOpen();
      long samples = bytes / 2;
      if (samples + pcm16k.length > maxSamples) {
        throw new IllegalStateException(
            "utterance exceeds the "
                + config.maxAudio().toSeconds()
                + " s of audio "
                + name()
                + " accepts");
      }
      int need = bytes + 2 * pcm16k.length;
      if (need > pcm.length) {
        pcm = Arrays.copyOf(pcm, (int) Math.min(Math.max(need, 2L * pcm.length), 2 * maxSamples));
      }
      for (short s : pcm16k) {
        pcm[bytes++] = (byte) s;
        pcm[bytes++] = (byte) (s >> 8);
      }
      return null;
    }

    @Override
    public RecognitionResult finish() {
      ensureOpen();
      finished = true;
      try {
        double seconds = bytes / 2 / (double) SAMPLE_RATE;
        if (bytes == 0) {
          return new RecognitionResult("", request.language(), 0);
        }
        return transcribe(seconds);
      } finally {
        pcm = null;
        release();
      }
    }

    @Override
    public void close() {
      pcm = null;
      finished = true;
      release();
    }

    private void release() {
      if (!released) {
        released = true;
        permits.release();
      }
    }

    private void ensureOpen() {
      if (finished) {
        throw new IllegalStateException("recognition stream is finished or closed");
      }
    }

    private RecognitionResult transcribe(double seconds) {
      String boundary = "voxmesh-" + HexFormat.of().formatHex(randomBytes());
      String model = blankToNull(request.model()) != null ? request.model().strip() : config.model();
      StringBuilder head = new StringBuilder();
      field(head, boundary, "model", model);
      field(head, boundary, "response_format", "json");
      if (blankToNull(request.language()) != null) {
        field(head, boundary, "language", request.language().strip());
      }
      if (blankToNull(request.prompt()) != null) {
        field(head, boundary, "prompt", request.prompt());
      }
      head.append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio.wav\"")
          .append("\r\nContent-Type: audio/wav\r\n\r\n");
      String tail = "\r\n--" + boundary + "--\r\n";

      HttpRequest.Builder req =
          HttpRequest.newBuilder(endpoint)
              .timeout(config.timeout())
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .header("Accept", "application/json")
              .POST(
                  BodyPublishers.concat(
                      BodyPublishers.ofByteArray(head.toString().getBytes(StandardCharsets.UTF_8)),
                      BodyPublishers.ofByteArray(wavHeader(bytes)),
                      BodyPublishers.ofByteArray(pcm, 0, bytes),
                      BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.US_ASCII))));
      if (config.apiKey() != null) {
        req.header("Authorization", "Bearer " + config.apiKey());
      }

      HttpResponse<InputStream> resp;
      byte[] body;
      try {
        resp = http.send(req.build(), BodyHandlers.ofInputStream());
        try (InputStream in = resp.body()) {
          body = readBounded(in);
        }
      } catch (HttpTimeoutException e) {
        throw failure("timed out after " + config.timeout().toMillis() + " ms", 0, null, e);
      } catch (IOException e) {
        throw failure("failed: " + e, 0, null, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted", 0, null, e);
      }

      int status = resp.statusCode();
      if (status < 200 || status > 299) {
        String msg = errorMessage(body);
        throw failure("answered HTTP " + status + ": " + msg, status, msg, null);
      }
      JsonNode json;
      try {
        json = JSON.readTree(body);
      } catch (IOException e) {
        throw failure("answered HTTP " + status + " with a body that is not JSON", status, null, e);
      }
      JsonNode text = json == null ? null : json.get("text");
      if (text == null || !text.isTextual()) {
        throw failure(
            "answered HTTP " + status + " without a \"text\" field: " + snippet(body),
            status,
            null,
            null);
      }
      String language = request.language();
      JsonNode lang = json.get("language");
      if (lang != null && lang.isTextual() && !lang.asText().isBlank()) {
        language = lang.asText(); // verbose_json-style servers report what they detected
      }
      return new RecognitionResult(text.asText().strip(), language, seconds);
    }

    private UpstreamRecognitionException failure(
        String what, int status, String upstreamMessage, Throwable cause) {
      return new UpstreamRecognitionException(
          "upstream transcription at " + endpoint + " " + what, status, upstreamMessage, cause);
    }
  }

  private static void field(StringBuilder sb, String boundary, String name, String value) {
    sb.append("--")
        .append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"")
        .append(name)
        .append("\"\r\n\r\n")
        .append(value)
        .append("\r\n");
  }

  /** The 44-byte RIFF header of a 16 kHz mono PCM16 WAV with {@code dataBytes} of samples. */
  static byte[] wavHeader(int dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
    b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1) // PCM
        .putShort((short) 1) // mono
        .putInt(SAMPLE_RATE)
        .putInt(SAMPLE_RATE * 2) // byte rate
        .putShort((short) 2) // block align
        .putShort((short) 16); // bits per sample
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    return b.array();
  }

  /**
   * The upstream's error text: OpenAI/vLLM {@code {"error":{"message":...}}}, FastAPI/speaches
   * {@code {"detail":...}}, a plain {@code {"error":"..."}} or {@code {"message":...}}, else the
   * body itself (shortened).
   */
  static String errorMessage(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.isObject()) {
        JsonNode error = json.get("error");
        if (error != null && error.isObject() && error.hasNonNull("message")) {
          return error.get("message").asText();
        }
        if (error != null && error.isTextual()) {
          return error.asText();
        }
        JsonNode detail = json.get("detail");
        if (detail != null && !detail.isNull()) {
          return detail.isTextual() ? detail.asText() : detail.toString();
        }
        if (json.hasNonNull("message")) {
          return json.get("message").asText();
        }
      }
    } catch (IOException e) {
      // not JSON: fall through to the raw body
    }
    String s = snippet(body);
    return s.isEmpty() ? "(empty body)" : s;
  }

  private static String snippet(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8).strip();
    return s.length() > 500 ? s.substring(0, 500) + "..." : s;
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      if (out.size() + n > MAX_RESPONSE_BYTES) {
        throw new IOException("response larger than " + MAX_RESPONSE_BYTES + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
