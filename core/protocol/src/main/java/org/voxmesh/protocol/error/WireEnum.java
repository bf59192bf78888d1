package org.voxmesh.protocol.error;

/** An enum whose constants have a wire name (used for "Supported values are: ..." messages). */
public interface WireEnum {
  String wire();
}
