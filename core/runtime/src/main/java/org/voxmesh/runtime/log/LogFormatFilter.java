package org.voxmesh.runtime.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;

/**
 * Lets one of logback.xml's two appenders through: the one whose {@code format} is the configured
 * {@code active} format (VOXMESH_LOG_FORMAT). Both appenders stay referenced, so logback needs no
 * scripting to choose between them; an unknown format falls back to text, with a status error.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {

  private static final Set<String> FORMATS = Set.of("text", "json");

  private String format = "text";
  private String active = "text";
  private boolean pass;

  public void setFormat(String format) {
    this.format = format;
  }

  public void setActive(String active) {
    this.active = active;
  }

  @Override
  public void start() {
    String chosen = active.trim().toLowerCase(java.util.Locale.ROOT);
    if (!FORMATS.contains(chosen)) {
      addError("VOXMESH_LOG_FORMAT: unknown log format '" + active + "' (use text or json); logging as text");
      chosen = "text";
    }
    pass = chosen.equals(format);
    super.start();
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return pass ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
