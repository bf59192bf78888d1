package org.voxmesh.protocol.error;

/**
 * A wire record with semantic checks (required fields, ranges, enums), run by the protocol's Jackson mappers
 * right after the record is read — after Jackson's own checks (unknown keys, JSON types), so that an unknown key
 * is reported as such even when it also makes a required field look missing. Code that builds records by hand
 * may call {@link #validate()} itself; compact constructors only normalise defaults.
 */
public interface Validated {

  /** Throws a {@link ProtocolException} (field relative to this record) when the record is invalid. */
  void validate();
}
