package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.voxmesh.protocol.error.ProtocolErrors;
import org.voxmesh.protocol.error.Validated;

/**
 * GA audio format union (REALTIME_PROTOCOL.md §5.1, §11.2): {@code {"type":"audio/pcm","rate":24000}} (24 kHz
 * only), {@code {"type":"audio/pcmu"}}, {@code {"type":"audio/pcma"}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AudioFormatSpec.Pcm.class, name = "audio/pcm"),
    @JsonSubTypes.Type(value = AudioFormatSpec.Pcmu.class, name = "audio/pcmu"),
    @JsonSubTypes.Type(value = AudioFormatSpec.Pcma.class, name = "audio/pcma")})
public sealed interface AudioFormatSpec {

  /** The only PCM rate the protocol allows. */
  int PCM_RATE = 24_000;

  Pcm PCM_24K = new Pcm(PCM_RATE);
  Pcmu PCMU = new Pcmu();
  Pcma PCMA = new Pcma();

  /** Samples per second of the encoded audio. */
  @JsonIgnore
  int sampleRate();

  /** Bytes of encoded audio per millisecond (48 for PCM16 at 24 kHz, 8 for G.711). */
  @JsonIgnore
  int bytesPerMs();

  /** Signed 16-bit little-endian mono PCM at 24 kHz; a missing {@code rate} means 24000. */
  record Pcm(Integer rate) implements AudioFormatSpec, Validated {
    public Pcm {
      rate = rate == null ? PCM_RATE : rate;
    }

    @Override
    public void validate() {
      if (rate != PCM_RATE) {
        throw ProtocolErrors.invalidValue("rate", "Invalid value: " + rate + ". Supported values are: 24000.");
      }
    }

    @Override public int sampleRate() { return PCM_RATE; }

    @Override public int bytesPerMs() { return 48; }
  }

  /** G.711 μ-law, 8 kHz. */
  record Pcmu() implements AudioFormatSpec {
    @Override public int sampleRate() { return 8_000; }

    @Override public int bytesPerMs() { return 8; }
  }

  /** G.711 A-law, 8 kHz. */
  record Pcma() implements AudioFormatSpec {
    @Override public int sampleRate() { return 8_000; }

    @Override public int bytesPerMs() { return 8; }
  }
}
