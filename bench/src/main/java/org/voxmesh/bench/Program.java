package org.voxmesh.bench;

import java.util.ArrayList;
import java.util.List;
import org.voxmesh.bench.Clips.Clip;

/**
 * What one session streams: leading silence, then clips each followed by a silence gap, then a
 * silent tail long enough for the last turn to end ("silence" is digital silence, or a noise floor
 * with {@code --gap-noise-dbfs}). Frame {@code k} covers stream time
 * {@code [20k, 20k + 20)} ms.
 */
final class Program {

  /** A clip placed on the session's stream timeline. */
  record Placed(Clip clip, int startMs) {
    int speechEndMs() {
      return startMs + clip.speechEndMs();
    }

    int endMs() {
      return startMs + clip.durationMs();
    }
  }

  final String[] frames;
  final List<Placed> clips;

  private Program(String[] frames, List<Placed> clips) {
    this.frames = frames;
    this.clips = List.copyOf(clips);
  }

  int durationMs() {
    return frames.length * Clips.CHUNK_MS;
  }

  /** Exactly these clips. */
  static Program of(List<Clip> sequence, int leadMs, int gapMs, int tailMs) {
    Builder b = new Builder(leadMs);
    for (Clip c : sequence) {
      b.add(c, gapMs);
    }
    return b.finish(tailMs);
  }

  /**
   * Clips from {@code all}, starting at index {@code first} and wrapping around, until the stream
   * (tail included) is at least {@code totalMs} long.
   */
  static Program looping(List<Clip> all, int first, int totalMs, int leadMs, int gapMs, int tailMs) {
    Builder b = new Builder(leadMs);
    int i = first;
    do {
      b.add(all.get(Math.floorMod(i++, all.size())), gapMs);
    } while (b.ms + tailMs < totalMs);
    return b.finish(tailMs);
  }

  private static final class Builder {
    final List<String> frames = new ArrayList<>();
    final List<Placed> clips = new ArrayList<>();
    int ms;

    Builder(int leadMs) {
      silence(leadMs);
    }

    void add(Clip c, int gapMs) {
      clips.add(new Placed(c, ms));
      for (String f : c.frames()) {
        frames.add(f);
      }
      ms += c.durationMs();
      silence(gapMs);
    }

    void silence(int millis) {
      for (int i = 0; i < millis / Clips.CHUNK_MS; i++) {
        frames.add(Clips.gapFrame(frames.size()));
      }
      ms += millis / Clips.CHUNK_MS * Clips.CHUNK_MS;
    }

    Program finish(int tailMs) {
      silence(tailMs);
      return new Program(frames.toArray(String[]::new), clips);
    }
  }
}
