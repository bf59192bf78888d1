package org.voxmesh.speech.engine.flite;

import java.text.Normalizer;

/**
 * Prepares text for Flite's US-English front end, which reads bytes as ASCII: accents are removed
 * ({@code café} becomes {@code cafe}), typographic quotes, dashes and ellipses become their ASCII
 * forms, Markdown emphasis and code marks ({@code * _ ` ~ # |}) and control characters become
 * spaces, and other non-ASCII characters (emoji, other scripts, currency signs other than $) are
 * dropped. Whitespace runs collapse to one space.
 */
final class FliteText {

  private FliteText() {}

  static String prepare(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(s.length());
    boolean space = true; // at the start: drop leading spaces
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      String rep = replacement(cp);
      if (rep == null) {
        continue;
      }
      for (int k = 0; k < rep.length(); k++) {
        char c = rep.charAt(k);
        if (c == ' ') {
          if (!space) {
            out.append(' ');
            space = true;
          }
        } else {
          out.append(c);
          space = false;
        }
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
    return out.toString();
  }

  /** Whether Flite would say anything: a letter or digit is left. */
  static boolean speakable(String prepared) {
    for (int i = 0; i < prepared.length(); i++) {
      char c = prepared.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
      }
    }
    return false;
  }

  /** What stands for one code point: null to drop it, " " for a space. */
  private static String replacement(int cp) {
    switch (Character.getType(cp)) {
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.COMBINING_SPACING_MARK:
      case Character.FORMAT: // zero-width joiners, BOM, bidi marks
        return null;
      default:
        break;
    }
    switch (cp) {
      case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u00b4', '\u0060' -> {
        return cp == '`' ? " " : "'";
      }
      case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb' -> {
        return "\"";
      }
      case '\u2010', '\u2011' -> {
        return "-";
      }
      case '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> {
        return cp == '\u2212' ? "-" : ", ";
      }
      case '\u2026' -> {
        return "...";
      }
      case '\u2044' -> {
        return "/";
      }
      case '*', '_', '~', '#', '|', '^' -> {
        return " ";
      }
      default -> {
        // below
      }
    }
    if (cp < 0x20 || cp == 0x7f || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return " ";
    }
    if (cp > 0x7e) {
      return Character.isLetterOrDigit(cp) ? " " : null; // another script: a word boundary
    }
    return Character.toString(cp);
  }
}
