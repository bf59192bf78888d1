package org.voxmesh.deploy.kustomize;

/** A kustomization this renderer cannot render: invalid input, or a kustomize feature outside its subset. */
public final class KustomizeException extends RuntimeException {

  public KustomizeException(String message) {
    super(message);
  }
}
