package org.voxmesh.deploy;

/** One broken rule: the object (kind namespace/name) and what is wrong with it. */
public record Violation(String object, String message) {

  @Override
  public String toString() {
    return object + ": " + message;
  }
}
