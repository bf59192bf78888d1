package org.voxmesh.runtime.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A logger for one session: every line carries {@code session_id} as an SLF4J key-value pair, which
 * the JSON log format writes as a field (and the text format appends), so one query follows a session
 * across the session, ingest and transcript services. Key-value pairs travel with the event itself,
 * unlike the MDC, which a thread-hopping event loop would mix up between sessions.
 */
public final class SessionLog {

  public static final String SESSION_ID = "session_id";

  private final Logger log;
  private final String sessionId;

  private SessionLog(Logger log, String sessionId) {
    this.log = log;
    this.sessionId = sessionId;
  }

  public static SessionLog of(Class<?> owner, String sessionId) {
    return new SessionLog(LoggerFactory.getLogger(owner), sessionId);
  }

  public String sessionId() {
    return sessionId;
  }

  public void debug(String message, Object... args) {
    at(Level.DEBUG, message, args);
  }

  public void info(String message, Object... args) {
    at(Level.INFO, message, args);
  }

  public void warn(String message, Object... args) {
    at(Level.WARN, message, args);
  }

  /** A trailing Throwable argument is logged with its stack trace, as with any SLF4J call. */
  public void error(String message, Object... args) {
    at(Level.ERROR, message, args);
  }

  private void at(Level level, String message, Object... args) {
    if (log.isEnabledForLevel(level)) {
      log.atLevel(level).addKeyValue(SESSION_ID, sessionId).log(message, args);
    }
  }
}
