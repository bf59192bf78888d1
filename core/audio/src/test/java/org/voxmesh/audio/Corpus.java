package org.voxmesh.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared speech corpus: {@code ${voxmesh.home}/../shared/speech/corpus}. */
public final class Corpus {

  private Corpus() {}

  public static Path dir() {
    String home = System.getProperty("voxmesh.home");
    Path root = home == null || home.isBlank() ? findRepoRoot() : Path.of(home);
    return root.resolve("../shared/speech/corpus").normalize();
  }

  /** A corpus sentence as 16 kHz mono samples, e.g. {@code wav("flite_slt", "s04")}. */
  public static short[] wav(String voice, String sentence) {
    try {
      return WavFile.read(dir().resolve(voice).resolve(sentence + ".wav")).samples();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Surefire sets voxmesh.home; from an IDE, walk up to the parent pom instead. */
  private static Path findRepoRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      try {
        if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>voxmesh-parent</artifactId>")) {
          return dir;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no voxmesh-parent pom.xml above " + Path.of("").toAbsolutePath()
        + " (set -Dvoxmesh.home=<repo root>)");
  }
}
