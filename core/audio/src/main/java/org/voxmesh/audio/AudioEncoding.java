package org.voxmesh.audio;

/** Sample encodings the platform accepts on its inputs. */
public enum AudioEncoding {
  /** Signed 16-bit little-endian PCM, mono. */
  PCM16,
  /** G.711 µ-law, 8-bit, mono. */
  PCMU,
  /** G.711 A-law, 8-bit, mono. */
  PCMA
}
