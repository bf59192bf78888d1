package org.voxmesh.testkit.corpus;

/**
 * The three input formats of a Realtime session (protocol §11.2), as the test clients name them
 * ({@code --format pcm16|pcmu|pcma}).
 */
public enum SessionFormat {
  /** {@code {"type":"audio/pcm","rate":24000}}: signed 16-bit little-endian PCM, mono, 24 kHz. */
  PCM16("pcm16", "audio/pcm", 24_000, 2, (byte) 0x00),
  /** {@code {"type":"audio/pcmu"}}: G.711 µ-law, 8 kHz. */
  PCMU("pcmu", "audio/pcmu", 8_000, 1, (byte) 0xFF),
  /** {@code {"type":"audio/pcma"}}: G.711 A-law, 8 kHz. */
  PCMA("pcma", "audio/pcma", 8_000, 1, (byte) 0xD5);

  private final String cliName;
  private final String mimeType;
  private final int sampleRate;
  private final int bytesPerSample;
  private final byte silenceByte;

  SessionFormat(String cliName, String mimeType, int sampleRate, int bytesPerSample, byte silenceByte) {
    this.cliName = cliName;
    this.mimeType = mimeType;
    this.sampleRate = sampleRate;
    this.bytesPerSample = bytesPerSample;
    this.silenceByte = silenceByte;
  }

  /** The value of the node clients' {@code --format} flag. */
  public String cliName() {
    return cliName;
  }

  /** The GA {@code format.type}. */
  public String mimeType() {
    return mimeType;
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int bytesPerSample() {
    return bytesPerSample;
  }

  /** Bytes per millisecond of audio: 48 for PCM16 at 24 kHz, 8 for G.711. */
  public int bytesPerMs() {
    return sampleRate / 1000 * bytesPerSample;
  }

  /** The byte that encodes digital silence (each byte of a PCM16 zero sample is 0x00). */
  public byte silenceByte() {
    return silenceByte;
  }

  /** Encodes mono PCM16 audio of any rate into this format (resampling as needed). */
  public byte[] encode(PcmAudio audio) {
    short[] samples = SessionAudio.resample(audio.samples(), audio.sampleRate(), sampleRate);
    return switch (this) {
      case PCM16 -> SessionAudio.toPcm16Le(samples);
      case PCMU -> SessionAudio.toMuLaw(samples);
      case PCMA -> SessionAudio.toALaw(samples);
    };
  }

  /** Silence of the given length in this format. */
  public byte[] silence(int millis) {
    byte[] out = new byte[millis * bytesPerMs()];
    java.util.Arrays.fill(out, silenceByte);
    return out;
  }

  public static SessionFormat fromCliName(String name) {
    for (SessionFormat f : values()) {
      if (f.cliName.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown session format: " + name);
  }
}
