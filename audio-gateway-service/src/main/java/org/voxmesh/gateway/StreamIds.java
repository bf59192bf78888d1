package org.voxmesh.gateway;

import java.util.regex.Pattern;

/**
 * Stream ids and the session ids derived from them. A stream opened at epoch millisecond {@code t} is
 * session {@code sess_<streamId>_<t>}: every (re)opening of a stream is a new session, so its
 * transcript records restart at sequence 1 under a key no earlier session used, and the
 * (session_id, sequence) dedupe of {@code voxmesh.transcripts.v1} stays sound. A Kafka consumer
 * finds the transcripts of stream {@code S} as the records whose key matches
 * {@code sess_<S>_[0-9]+} (see {@link #streamIdOf}); the digits order the stream's sessions.
 */
public final class StreamIds {

  /** What a stream id may contain: safe in bus addresses, Kafka keys and logs. */
  public static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
  private static final Pattern SESSION = Pattern.compile("sess_([A-Za-z0-9_.:-]{1,128})_([0-9]{1,19})");

  private StreamIds() {}

  public static boolean valid(String streamId) {
    return streamId != null && VALID.matcher(streamId).matches();
  }

  /** The session id of {@code streamId} opened at {@code openedAtMillis}. */
  public static String sessionId(String streamId, long openedAtMillis) {
    if (!valid(streamId)) {
      throw new IllegalArgumentException("invalid stream id: " + streamId);
    }
    return "sess_" + streamId + "_" + openedAtMillis;
  }

  /** The stream a gateway session belongs to, or null when {@code sessionId} is not a gateway session. */
  public static String streamIdOf(String sessionId) {
    var m = sessionId == null ? null : SESSION.matcher(sessionId);
    return m != null && m.matches() ? m.group(1) : null;
  }
}
