package org.voxmesh.speech.responder;

/**
 * One response being generated. {@link #next()} is called by one consumer at a time (possibly from
 * different worker threads, with happens-before between calls); {@link #cancel()} and {@link
 * #close()} may be called from any thread at any time.
 */
public interface ResponseStream extends AutoCloseable {

  /**
   * Blocks until the next chunk is ready. The last chunk is a {@link ResponseChunk.Done}; after it
   * (and after {@link #close()}) this returns null.
   *
   * @throws RuntimeException when the engine failed (an upstream answered an error, broke off, or
   *     timed out); the stream is then finished and later calls return null
   */
  ResponseChunk next();

  /**
   * Stops generation promptly (an upstream's HTTP stream is closed, so the server stops too). The
   * next {@link #next()} returns a {@link ResponseChunk.Done} with reason {@link
   * ResponseChunk.Done#CANCELLED} and the usage so far, even if it was blocked waiting. A no-op
   * once the stream has ended. Callable from any thread.
   */
  void cancel();

  /** Cancels if still running and releases the engine's capacity. Idempotent. */
  @Override
  void close();
}
