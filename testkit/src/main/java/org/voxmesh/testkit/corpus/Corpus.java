package org.voxmesh.testkit.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shared speech corpus: {@code transcripts.tsv} (id TAB reference text) and one folder of
 * {@code <id>.wav} files (16 kHz mono PCM16) per synthetic voice.
 *
 * <p>Located at {@code ${voxmesh.home}/../shared/speech/corpus} (surefire sets {@code voxmesh.home}
 * to the repository root), or at {@code -Dvoxmesh.corpus=DIR}.
 */
public final class Corpus {

  /** The espeak-ng voice: nearly unrecognisable to PocketSphinx; use it for VAD/robustness only. */
  public static final String ESPEAK = "espeak_en-us";

  private final Path dir;
  private final Map<String, String> transcripts;
  private final Map<String, List<Utterance>> byVoice;

  private Corpus(Path dir, Map<String, String> transcripts, Map<String, List<Utterance>> byVoice) {
    this.dir = dir;
    this.transcripts = transcripts;
    this.byVoice = byVoice;
  }

  /** The default location, see the class comment. */
  public static Path defaultDir() {
    String explicit = System.getProperty("voxmesh.corpus");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath().normalize();
    }
    String home = System.getProperty("voxmesh.home");
    if (home == null || home.isBlank()) {
      throw new IllegalStateException("system property voxmesh.home (the repository root) is not set;"
          + " run through Maven (surefire sets it) or pass -Dvoxmesh.home=... or -Dvoxmesh.corpus=...");
    }
    return Path.of(home).toAbsolutePath().resolve("../shared/speech/corpus").normalize();
  }

  public static Corpus load() {
    return load(defaultDir());
  }

  public static Corpus load(Path dir) {
    Path tsv = dir.resolve("transcripts.tsv");
    if (!Files.isRegularFile(tsv)) {
      throw new IllegalStateException("no speech corpus at " + dir + " (missing transcripts.tsv)");
    }
    try {
      Map<String, String> transcripts = new LinkedHashMap<>();
      for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new IllegalStateException(tsv + ": expected 'id<TAB>text', got: " + line);
        }
        transcripts.put(line.substring(0, tab).trim(), line.substring(tab + 1).trim());
      }
      Map<String, List<Utterance>> byVoice = new LinkedHashMap<>();
      List<Path> voiceDirs;
      try (Stream<Path> s = Files.list(dir)) {
        voiceDirs = s.filter(Files::isDirectory).sorted().toList();
      }
      for (Path voiceDir : voiceDirs) {
        String voice = voiceDir.getFileName().toString();
        List<Utterance> list = new ArrayList<>();
        transcripts.forEach((id, text) -> {
          Path wav = voiceDir.resolve(id + ".wav");
          if (Files.isRegularFile(wav)) {
            list.add(new Utterance(voice, id, text, wav));
          }
        });
        if (!list.isEmpty()) {
          byVoice.put(voice, List.copyOf(list));
        }
      }
      return new Corpus(dir, Collections.unmodifiableMap(transcripts), Collections.unmodifiableMap(byVoice));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the speech corpus at " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** Voice folder names that contain recordings, sorted. */
  public List<String> voices() {
    return List.copyOf(byVoice.keySet());
  }

  /** Voices suitable for accuracy measurements (all but {@link #ESPEAK}). */
  public List<String> accuracyVoices() {
    return byVoice.keySet().stream().filter(v -> !v.equals(ESPEAK)).toList();
  }

  /** Sentence id to reference text, in file order. */
  public Map<String, String> transcripts() {
    return transcripts;
  }

  public String text(String id) {
    String t = transcripts.get(id);
    if (t == null) {
      throw new IllegalArgumentException("no sentence " + id + " in " + dir);
    }
    return t;
  }

  /** The recordings of one voice, in transcript order. */
  public List<Utterance> utterances(String voice) {
    List<Utterance> list = byVoice.get(voice);
    if (list == null) {
      throw new IllegalArgumentException("no voice " + voice + " in " + dir + "; voices: " + voices());
    }
    return list;
  }

  public Utterance utterance(String voice, String id) {
    return utterances(voice).stream()
        .filter(u -> u.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no recording " + voice + "/" + id + " in " + dir));
  }

  /** Every recording of every voice. */
  public List<Utterance> all() {
    return byVoice.values().stream().flatMap(List::stream).toList();
  }
}
