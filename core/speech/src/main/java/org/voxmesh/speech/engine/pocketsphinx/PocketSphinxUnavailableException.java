package org.voxmesh.speech.engine.pocketsphinx;

/**
 * The PocketSphinx native library or its model files are missing or unusable. The message names the
 * Debian packages ({@code libpocketsphinx3 pocketsphinx-en-us}) and the fix.
 */
public final class PocketSphinxUnavailableException extends IllegalStateException {
  public PocketSphinxUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public PocketSphinxUnavailableException(String message) {
    super(message);
  }
}
