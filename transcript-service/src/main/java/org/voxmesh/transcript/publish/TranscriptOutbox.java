package org.voxmesh.transcript.publish;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transcripts' write-ahead outbox: append-only segment files in one folder, each transcript written
 * before it is sent to Kafka, and a small "resolved" marker appended once Kafka acknowledged it. On open,
 * every transcript without a marker is handed back, in the order it was appended.
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@code outbox.lock}: held with an OS file lock while open, so two processes never share a folder.
 *   <li>{@code <20-digit number>.outbox}: segments, read in the order of that number (the id of the first
 *       transcript the segment can hold). The active segment grows until {@link OutboxSettings#segmentBytes()};
 *       a segment is deleted once every transcript in it and in every older segment is resolved, oldest first,
 *       so a marker never outlives nor precedes the transcript it resolves on disk.
 * </ul>
 *
 * <h2>Segment format (big-endian)</h2>
 * <pre>
 * header  : u32 magic 0x56584F42 ("VXOB"), u16 version = 1, u16 reserved = 0
 * frame*  : u32 bodyLength, u32 crc32c(body), body
 * body    : u8 type, then
 *   type 1 = TRANSCRIPT : i64 id, i64 createdAtMs, u16 keyLength, key (UTF-8), value (the record's JSON, rest of body)
 *   type 2 = RESOLVED   : i64 id, u8 how (0 acknowledged by Kafka, 1 found already in Kafka, 2 dropped),
 *                         i32 partition, i64 offset
 * </pre>
 * A frame that is cut short or fails its CRC ends the segment: at the end of the newest segment that is an
 * interrupted write, truncated on open with a warning; anywhere else it is corruption, logged as an error
 * with the number of bytes skipped. Ids only grow; they restart above the highest id still on disk.
 *
 * <p>Not thread-safe: one thread (the sink's outbox thread) does everything; the counters may be read from
 * any thread.
 */
final class TranscriptOutbox implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(TranscriptOutbox.class);

  static final int MAGIC = 0x56584F42;
  static final short VERSION = 1;
  static final int FILE_HEADER_BYTES = 8;
  static final int FRAME_HEADER_BYTES = 8;
  static final byte TRANSCRIPT = 1;
  static final byte RESOLVED = 2;
  static final int MAX_KEY_BYTES = 1024;
  /** The producer's default {@code max.request.size}: a larger record could never be sent. */
  static final int MAX_VALUE_BYTES = 1024 * 1024 - 1024;
  static final String SUFFIX = ".outbox";
  static final String LOCK_FILE = "outbox.lock";
  private static final int TRANSCRIPT_FIXED = 1 + 8 + 8 + 2;
  private static final int RESOLVED_BODY = 1 + 8 + 1 + 4 + 8;
  private static final int MAX_BODY = TRANSCRIPT_FIXED + MAX_KEY_BYTES + MAX_VALUE_BYTES;
  /** Values kept in memory for sending without a read back; the rest is read from the segment when sent. */
  private static final long VALUE_CACHE_BYTES = 4L * 1024 * 1024;

  /** How a transcript left the outbox. */
  enum Resolution {
    ACKNOWLEDGED(0), FOUND_IN_KAFKA(1), DROPPED(2);

    final byte code;

    Resolution(int code) {
      this.code = (byte) code;
    }
  }

  /** One transcript in the outbox. The sink's bookkeeping fields are touched by the outbox thread only. */
  static final class Entry {
    final long id;
    final String key;
    final long createdAtMs;
    final int valueLength;
    final int valueCrc;
    private final Segment segment;
    private final long valuePosition;
    private byte[] cached;
    boolean resolved;
    /** Sent at least once without an acknowledgement, or left by an earlier run: Kafka may have it already. */
    boolean suspect;
    /** The broker refused the stored timestamp: send with the current time instead. */
    boolean withoutTimestamp;

    private Entry(long id, String key, long createdAtMs, int valueLength, int valueCrc, Segment segment,
        long valuePosition) {
      this.id = id;
      this.key = key;
      this.createdAtMs = createdAtMs;
      this.valueLength = valueLength;
      this.valueCrc = valueCrc;
      this.segment = segment;
      this.valuePosition = valuePosition;
    }
  }

  private static final class Segment {
    final long name;
    final Path path;
    final FileChannel channel;
    long size;
    int unresolved;
    boolean dirty;

    Segment(long name, Path path, FileChannel channel, long size) {
      this.name = name;
      this.path = path;
      this.channel = channel;
      this.size = size;
    }
  }

  private final OutboxSettings settings;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private final Map<String, InKafka> lastInKafka = new HashMap<>();
  private final List<Entry> loaded;
  private Segment active;
  private long nextId;
  private long cachedBytes;
  private boolean dirDirty;
  private boolean closed;
  private volatile long bytes;
  private volatile long unresolved;
  private volatile int segmentCount;

  private TranscriptOutbox(OutboxSettings settings, FileChannel lockChannel, FileLock lock) throws IOException {
    this.settings = settings;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.loaded = load();
  }

  /** The folder is locked by another sink, in this process or another one. */
  static final class LockedException extends IOException {
    LockedException(String message) {
      super(message);
    }
  }

  /**
   * Opens (creating if needed) and locks the folder, or with {@link OutboxSettings#slots()} &gt; 1 the first
   * free of the folder and its numbered siblings, and loads what an earlier run left there.
   */
  static TranscriptOutbox open(OutboxSettings settings) throws IOException {
    LockedException locked = null;
    for (int slot = 0; slot < settings.slots(); slot++) {
      OutboxSettings s = settings.withDir(slotDir(settings.dir(), slot), 1);
      try {
        TranscriptOutbox outbox = openDir(s);
        if (slot > 0) {
          LOG.info("transcript outbox {} is in use by another sink; using {}", settings.dir(), s.dir());
        }
        warnAboutOrphans(settings, slot);
        return outbox;
      } catch (LockedException e) {
        locked = locked == null ? e : locked;
      }
    }
    if (settings.slots() > 1) {
      throw new LockedException(locked.getMessage() + " (and so are " + slotDir(settings.dir(), 1).getFileName()
          + " .. " + slotDir(settings.dir(), settings.slots() - 1).getFileName() + ")");
    }
    throw locked;
  }

  static Path slotDir(Path dir, int slot) {
    return slot == 0 ? dir : dir.resolveSibling(dir.getFileName() + "-" + slot);
  }

  /**
   * Transcripts in a slot no running sink holds reach Kafka only when some sink takes that slot. (Locks are
   * per process: a second sink in the same JVM only sees them through the JVM's own lock table.)
   */
  private static void warnAboutOrphans(OutboxSettings settings, int mine) {
    for (int slot = 0; slot < settings.slots(); slot++) {
      Path dir = slotDir(settings.dir(), slot);
      if (slot == mine || !Files.isDirectory(dir)) {
        continue;
      }
      try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        FileLock probe;
        try {
          probe = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
          probe = null;
        }
        if (probe == null) {
          continue; // another sink is on it
        }
        long segments;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
          segments = java.util.stream.StreamSupport.stream(files.spliterator(), false).count();
        } finally {
          probe.release();
        }
        if (segments > 0) {
          LOG.warn("transcript outbox {} holds {} segment file(s) of an earlier instance that no running transcript "
              + "service is sending; they are sent once an instance takes that folder", dir, segments);
        }
      } catch (IOException e) {
        LOG.debug("cannot look into {}: {}", dir, e.toString());
      }
    }
  }

  private static TranscriptOutbox openDir(OutboxSettings settings) throws IOException {
    Path dir = settings.dir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException("cannot create the transcript outbox folder " + dir.toAbsolutePath()
          + " (transcripts.outbox.dir): " + e, e);
    }
    FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new LockedException("the transcript outbox " + dir.toAbsolutePath() + " is in use by another "
          + "transcript service (lock on " + LOCK_FILE + "); give each instance its own transcripts.outbox.dir");
    }
    try {
      return new TranscriptOutbox(settings, lockChannel, lock);
    } catch (IOException | RuntimeException e) {
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  /** The transcripts an earlier run left unresolved, in append order (each marked suspect). */
  List<Entry> loaded() {
    return loaded;
  }

  /** Where a session's last transcript known to be in Kafka sits. */
  record InKafka(int partition, long offset) {}

  /**
   * For each session with a resolved transcript in the segments on disk at open, where the last one of them is
   * in Kafka: a later transcript of that session, if the broker has it, sits after it.
   */
  Map<String, InKafka> lastInKafka() {
    return lastInKafka;
  }

  /**
   * Appends a transcript; returns null, writing nothing, when it would take the outbox past
   * {@link OutboxSettings#maxBytes()}.
   */
  Entry append(String key, byte[] value, long createdAtMs) throws IOException {
    ensureOpen();
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    if (keyBytes.length == 0 || keyBytes.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("transcript key of " + keyBytes.length + " bytes (expected: 1.."
          + MAX_KEY_BYTES + ")");
    }
    if (value.length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("transcript of " + value.length + " bytes is larger than Kafka accepts ("
          + MAX_VALUE_BYTES + ")");
    }
    int bodyLength = TRANSCRIPT_FIXED + keyBytes.length + value.length;
    long needed = FRAME_HEADER_BYTES + bodyLength + (needsNewSegment(FRAME_HEADER_BYTES + bodyLength)
        ? FILE_HEADER_BYTES : 0);
    if (bytes + needed > settings.maxBytes()) {
      return null;
    }
    ByteBuffer body = ByteBuffer.allocate(bodyLength);
    long id = nextId;
    body.put(TRANSCRIPT).putLong(id).putLong(createdAtMs).putShort((short) keyBytes.length).put(keyBytes).put(value);
    body.flip();
    long framePosition = write(body);
    nextId++;
    long valuePosition = framePosition + FRAME_HEADER_BYTES + TRANSCRIPT_FIXED + keyBytes.length;
    Entry e = new Entry(id, key, createdAtMs, value.length, crc(value, 0, value.length), active, valuePosition);
    active.unresolved++;
    unresolved++;
    if (cachedBytes + value.length <= VALUE_CACHE_BYTES) {
      e.cached = value;
      cachedBytes += value.length;
    }
    return e;
  }

  /** Appends the marker that takes {@code e} out of the outbox, and deletes segments that became empty. */
  void resolve(Entry e, Resolution how, int partition, long offset) throws IOException {
    ensureOpen();
    if (e.resolved) {
      return;
    }
    e.resolved = true;
    release(e);
    e.segment.unresolved--;
    unresolved--;
    ByteBuffer body = ByteBuffer.allocate(RESOLVED_BODY);
    body.put(RESOLVED).putLong(e.id).put(how.code).putInt(partition).putLong(offset);
    body.flip();
    try {
      write(body);
    } finally {
      deleteResolvedSegments();
    }
  }

  /** The record's JSON, from memory or read back from its segment. */
  byte[] value(Entry e) throws IOException {
    ensureOpen();
    if (e.cached != null) {
      return e.cached;
    }
    ByteBuffer buf = ByteBuffer.allocate(e.valueLength);
    long position = e.valuePosition;
    while (buf.hasRemaining()) {
      int n = e.segment.channel.read(buf, position);
      if (n < 0) {
        throw new IOException("transcript " + e.id + " is cut short in " + e.segment.path);
      }
      position += n;
    }
    byte[] value = buf.array();
    if (crc(value, 0, value.length) != e.valueCrc) {
      throw new IOException("transcript " + e.id + " in " + e.segment.path + " changed on disk (CRC mismatch)");
    }
    return value;
  }

  /** Forces written data (and new or deleted segment names) to the disk. */
  void sync() throws IOException {
    ensureOpen();
    for (Segment s : segments) {
      if (s.dirty) {
        s.channel.force(false);
        s.dirty = false;
      }
    }
    if (dirDirty) {
      syncDirectory();
    }
  }

  /** Bytes of the segment files. */
  long bytes() {
    return bytes;
  }

  /** Transcripts appended and not resolved yet. */
  long unresolved() {
    return unresolved;
  }

  int segments() {
    return segmentCount;
  }

  Path dir() {
    return settings.dir();
  }

  /** Closes the files and releases the lock; forces nothing (call {@link #sync()} first for that). */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException first = null;
    for (Segment s : segments) {
      try {
        s.channel.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      first = first == null ? e : first;
    }
    if (first != null) {
      throw first;
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  private boolean needsNewSegment(int frameLength) {
    return active == null || (active.size + frameLength > settings.segmentBytes() && active.size > FILE_HEADER_BYTES);
  }

  /** Writes one frame at the end of the active segment (rotating first if needed); returns its position. */
  private long write(ByteBuffer body) throws IOException {
    int frameLength = FRAME_HEADER_BYTES + body.remaining();
    if (needsNewSegment(frameLength)) {
      startSegment();
    }
    ByteBuffer frame = ByteBuffer.allocate(frameLength);
    frame.putInt(body.remaining()).putInt(crc(body.array(), 0, body.remaining())).put(body);
    frame.flip();
    Segment s = active;
    long start = s.size;
    long position = start;
    try {
      while (frame.hasRemaining()) {
        position += s.channel.write(frame, position);
      }
    } catch (IOException e) {
      // Leave no half frame behind: a later good frame after it would be unreadable.
      try {
        s.channel.truncate(start);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IOException("cannot write the transcript outbox " + s.path + ": " + e.getMessage(), e);
    }
    s.size = position;
    s.dirty = true;
    bytes += frameLength;
    return start;
  }

  private void startSegment() throws IOException {
    long name = nextId;
    if (!segments.isEmpty()) {
      name = Math.max(name, segments.peekLast().name + 1);
    }
    nextId = name;
    Path path = settings.dir().resolve(String.format("%020d%s", name, SUFFIX));
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(MAGIC).putShort(VERSION).putShort((short) 0);
    header.flip();
    long position = 0;
    while (header.hasRemaining()) {
      position += channel.write(header, position);
    }
    Segment s = new Segment(name, path, channel, FILE_HEADER_BYTES);
    s.dirty = true;
    segments.addLast(s);
    segmentCount = segments.size();
    active = s;
    bytes += FILE_HEADER_BYTES;
    dirDirty = true;
    deleteResolvedSegments(); // the segment just rotated out may hold nothing unresolved any more
  }

  /** Oldest first: a segment goes once it and every older one hold nothing unresolved. */
  private void deleteResolvedSegments() throws IOException {
    boolean deleted = false;
    while (!segments.isEmpty()) {
      Segment oldest = segments.peekFirst();
      if (oldest == active || oldest.unresolved > 0) {
        break;
      }
      segments.pollFirst();
      oldest.channel.close();
      Files.deleteIfExists(oldest.path);
      bytes -= oldest.size;
      deleted = true;
    }
    if (deleted) {
      segmentCount = segments.size();
      dirDirty = true;
      if (settings.fsync() != OutboxSettings.Fsync.NEVER) {
        // A deleted segment that came back after a power loss would replay transcripts already in Kafka.
        syncDirectory();
      }
    }
  }

  private void syncDirectory() throws IOException {
    dirDirty = false;
    try (FileChannel dir = FileChannel.open(settings.dir(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for reading; the data files themselves are forced.
      LOG.debug("cannot force the outbox folder {}: {}", settings.dir(), e.toString());
    }
  }

  private void release(Entry e) {
    if (e.cached != null) {
      cachedBytes -= e.cached.length;
      e.cached = null;
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("the transcript outbox " + settings.dir() + " is closed");
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Loading

  private List<Entry> load() throws IOException {
    TreeMap<Long, Path> files = new TreeMap<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(settings.dir(), "*" + SUFFIX)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        String digits = name.substring(0, name.length() - SUFFIX.length());
        try {
          files.put(Long.parseLong(digits), p);
        } catch (NumberFormatException e) {
          LOG.warn("ignoring {} in the transcript outbox: not a segment name", p);
        }
      }
    }
    Map<Long, Entry> pending = new LinkedHashMap<>();
    long maxId = 0;
    long maxName = 0;
    int resolvedMarkers = 0;
    for (Map.Entry<Long, Path> f : files.entrySet()) {
      boolean newest = f.getKey().equals(files.lastKey());
      Path path = f.getValue();
      maxName = Math.max(maxName, f.getKey());
      FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long size = channel.size();
      if (size < FILE_HEADER_BYTES) {
        // Created but its header never written: nothing in it.
        channel.close();
        Files.delete(path);
        LOG.warn("removed the empty transcript outbox segment {}", path);
        continue;
      }
      if (size > Integer.MAX_VALUE - 16) {
        channel.close();
        throw new IOException("transcript outbox segment " + path + " is too large to read (" + size + " bytes)");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && channel.read(buf, buf.position()) >= 0) {
        // read fully
      }
      buf.flip();
      int magic = buf.getInt();
      short version = buf.getShort();
      buf.getShort();
      if (magic != MAGIC || version != VERSION) {
        channel.close();
        throw new IOException(path + " is not a transcript outbox segment of version " + VERSION
            + " (magic " + Integer.toHexString(magic) + ", version " + version + "); move it out of "
            + settings.dir() + " to start");
      }
      Segment segment = new Segment(f.getKey(), path, channel, size);
      segments.addLast(segment);
      int frameStart = FILE_HEADER_BYTES;
      String problem = null;
      while (frameStart < size) {
        if (size - frameStart < FRAME_HEADER_BYTES) {
          problem = "a frame header is cut short";
          break;
        }
        int length = buf.getInt(frameStart);
        int crc = buf.getInt(frameStart + 4);
        if (length < 1 || length > MAX_BODY || frameStart + FRAME_HEADER_BYTES + (long) length > size) {
          problem = "a frame of " + length + " bytes does not fit";
          break;
        }
        int bodyStart = frameStart + FRAME_HEADER_BYTES;
        if (crc(buf.array(), bodyStart, length) != crc) {
          problem = "a frame fails its CRC";
          break;
        }
        byte type = buf.get(bodyStart);
        if (type == TRANSCRIPT && length >= TRANSCRIPT_FIXED) {
          long id = buf.getLong(bodyStart + 1);
          long createdAt = buf.getLong(bodyStart + 9);
          int keyLength = Short.toUnsignedInt(buf.getShort(bodyStart + 17));
          int valueStart = bodyStart + TRANSCRIPT_FIXED + keyLength;
          int valueLength = bodyStart + length - valueStart;
          if (valueLength < 0) {
            problem = "a transcript frame has a bad key length";
            break;
          }
          String key = new String(buf.array(), bodyStart + TRANSCRIPT_FIXED, keyLength, StandardCharsets.UTF_8);
          Entry e = new Entry(id, key, createdAt, valueLength, crc(buf.array(), valueStart, valueLength), segment,
              valueStart);
          e.suspect = true;
          if (pending.putIfAbsent(id, e) == null) {
            segment.unresolved++;
          }
          maxId = Math.max(maxId, id);
        } else if (type == RESOLVED && length == RESOLVED_BODY) {
          long id = buf.getLong(bodyStart + 1);
          Entry e = pending.remove(id);
          if (e != null) {
            e.resolved = true;
            e.segment.unresolved--;
            byte how = buf.get(bodyStart + 9);
            int partition = buf.getInt(bodyStart + 10);
            long offset = buf.getLong(bodyStart + 14);
            if (how != Resolution.DROPPED.code && offset >= 0) {
              lastInKafka.merge(e.key, new InKafka(partition, offset),
                  (a, b) -> b.offset() > a.offset() || b.partition() != a.partition() ? b : a);
            }
          }
          resolvedMarkers++;
          maxId = Math.max(maxId, id);
        } else {
          problem = "a frame has the unknown type " + type;
          break;
        }
        frameStart += FRAME_HEADER_BYTES + length;
      }
      if (problem != null) {
        long lost = size - frameStart;
        if (newest) {
          LOG.warn("transcript outbox {}: {} at byte {}; removing the last {} bytes (a write interrupted by a crash)",
              path, problem, frameStart, lost);
          channel.truncate(frameStart);
          channel.force(false);
          segment.size = frameStart;
        } else {
          LOG.error("transcript outbox {} is damaged: {} at byte {}; the {} bytes after it cannot be read and any "
              + "transcripts in them are lost", path, problem, frameStart, lost);
        }
      }
      bytes += segment.size;
    }
    unresolved = pending.size();
    segmentCount = segments.size();
    nextId = Math.max(maxId, maxName) + 1;
    List<Entry> result = new ArrayList<>(pending.values());
    if (!files.isEmpty()) {
      LOG.info("transcript outbox {}: {} segment file(s), {} bytes, {} transcript(s) waiting for Kafka "
          + "({} resolved)", settings.dir().toAbsolutePath(), files.size(), bytes, result.size(), resolvedMarkers);
    }
    deleteResolvedSegments();
    return result;
  }

  static int crc(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    return (int) crc.getValue();
  }
}
