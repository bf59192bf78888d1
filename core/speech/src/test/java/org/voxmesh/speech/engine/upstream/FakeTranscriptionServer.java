package org.voxmesh.speech.engine.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for an OpenAI-compatible transcription service on a real loopback socket. It parses
 * the multipart body and the WAV inside it for real, records what it received, and answers
 * whatever the test's responder returns.
 */
final class FakeTranscriptionServer implements AutoCloseable {

  /** One part of a multipart/form-data body. */
  record Part(String name, String filename, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** A parsed WAV file. */
  record Wav(int format, int channels, int sampleRate, int bitsPerSample, short[] samples) {}

  /** What the server received for one request. */
  record Received(
      String method,
      String path,
      String authorization,
      String contentType,
      Map<String, Part> parts,
      Wav wav) {}

  record Reply(int status, String contentType, String body, long delayMillis) {
    static Reply json(int status, String body) {
      return new Reply(status, "application/json", body, 0);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private volatile Function<Received, Reply> responder;

  FakeTranscriptionServer(Function<Received, Reply> responder) throws IOException {
    this.responder = responder;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/audio/transcriptions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      Map<String, Part> parts = new LinkedHashMap<>();
      Wav wav = null;
      String problem = null;
      try {
        for (Part p : parseMultipart(contentType, body)) {
          parts.put(p.name(), p);
        }
        Part file = parts.get("file");
        if (file != null) {
          wav = parseWav(file.content());
        }
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
      Received r =
          new Received(
              ex.getRequestMethod(),
              ex.getRequestURI().getPath(),
              ex.getRequestHeaders().getFirst("Authorization"),
              contentType,
              parts,
              wav);
      received.add(r);
      Reply reply =
          problem != null
              ? Reply.json(400, "{\"error\":{\"message\":\"bad multipart: " + problem + "\"}}")
              : responder.apply(r);
      if (reply.delayMillis() > 0) {
        try {
          Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", reply.contentType());
      ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    } catch (IOException e) {
      // the client went away (e.g. it timed out): nothing to answer
    }
  }

  static List<Part> parseMultipart(String contentType, byte[] body) {
    if (contentType == null || !contentType.startsWith("multipart/form-data")) {
      throw new IllegalArgumentException("content type is " + contentType);
    }
    Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
    if (!m.find()) {
      throw new IllegalArgumentException("no boundary in " + contentType);
    }
    byte[] delim = ("--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
    List<Part> parts = new ArrayList<>();
    int pos = indexOf(body, delim, 0);
    if (pos != 0) {
      throw new IllegalArgumentException("body does not start with the boundary");
    }
    while (true) {
      pos += delim.length;
      if (startsWith(body, pos, "--")) {
        return parts; // closing delimiter
      }
      if (!startsWith(body, pos, "\r\n")) {
        throw new IllegalArgumentException("boundary not followed by CRLF");
      }
      pos += 2;
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos);
      if (headersEnd < 0) {
        throw new IllegalArgumentException("part without header end");
      }
      String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      byte[] next = ("\r\n--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
      int contentEnd = indexOf(body, next, contentStart);
      if (contentEnd < 0) {
        throw new IllegalArgumentException("unterminated part");
      }
      String name = null;
      String filename = null;
      String type = null;
      for (String h : headers.split("\r\n")) {
        String lower = h.toLowerCase();
        if (lower.startsWith("content-disposition:")) {
          Matcher n = Pattern.compile("[; ]name=\"([^\"]*)\"").matcher(h);
          name = n.find() ? n.group(1) : null;
          Matcher f = Pattern.compile("filename=\"([^\"]*)\"").matcher(h);
          filename = f.find() ? f.group(1) : null;
        } else if (lower.startsWith("content-type:")) {
          type = h.substring("content-type:".length()).strip();
        }
      }
      if (name == null) {
        throw new IllegalArgumentException("part without a name: " + headers);
      }
      byte[] content = new byte[contentEnd - contentStart];
      System.arraycopy(body, contentStart, content, 0, content.length);
      parts.add(new Part(name, filename, type, content));
      pos = contentEnd + 2; // at the next "--boundary"
    }
  }

  static Wav parseWav(byte[] b) {
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (b.length < 12
        || !new String(b, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
        || !new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WAVE")) {
      throw new IllegalArgumentException("file is not RIFF/WAVE");
    }
    if (buf.getInt(4) != b.length - 8) {
      throw new IllegalArgumentException("RIFF size " + buf.getInt(4) + " != " + (b.length - 8));
    }
    int pos = 12;
    int format = -1;
    int channels = -1;
    int rate = -1;
    int bits = -1;
    while (pos + 8 <= b.length) {
      String id = new String(b, pos, 4, StandardCharsets.US_ASCII);
      int size = buf.getInt(pos + 4);
      if (id.equals("fmt ")) {
        format = buf.getShort(pos + 8);
        channels = buf.getShort(pos + 10);
        rate = buf.getInt(pos + 12);
        bits = buf.getShort(pos + 22);
      } else if (id.equals("data")) {
        if (pos + 8 + size != b.length) {
          throw new IllegalArgumentException("data size " + size + " does not match the file");
        }
        short[] s = new short[size / 2];
        for (int i = 0; i < s.length; i++) {
          s[i] = buf.getShort(pos + 8 + 2 * i);
        }
        return new Wav(format, channels, rate, bits, s);
      }
      pos += 8 + size;
    }
    throw new IllegalArgumentException("no data chunk");
  }

  private static boolean startsWith(byte[] b, int pos, String s) {
    byte[] p = s.getBytes(StandardCharsets.US_ASCII);
    if (pos + p.length > b.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (b[pos + i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] b, byte[] pat, int from) {
    outer:
    for (int i = from; i + pat.length <= b.length; i++) {
      for (int j = 0; j < pat.length; j++) {
        if (b[i + j] != pat[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
