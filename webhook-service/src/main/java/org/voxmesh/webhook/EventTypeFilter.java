package org.voxmesh.webhook;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which event types an endpoint receives: exact names ({@code voxmesh.transcript.completed}), prefixes ending
 * in {@code .*} ({@code voxmesh.session.*}), or {@code *} for everything.
 */
public record EventTypeFilter(List<String> patterns) {

  private static final Pattern SYNTAX = Pattern.compile("\\*|[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?");

  public static final EventTypeFilter ALL = new EventTypeFilter(List.of("*"));

  public EventTypeFilter {
    patterns = List.copyOf(patterns);
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("event types: empty (expected: at least one, or \"*\")");
    }
    for (String p : patterns) {
      if (!SYNTAX.matcher(p).matches()) {
        throw new IllegalArgumentException("event type '" + p
            + "' (expected: a name like voxmesh.transcript.completed, a prefix like voxmesh.session.*, or *)");
      }
    }
  }

  public boolean accepts(String type) {
    for (String p : patterns) {
      if (p.equals("*") || p.equals(type)
          || (p.endsWith(".*") && type.startsWith(p.substring(0, p.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
