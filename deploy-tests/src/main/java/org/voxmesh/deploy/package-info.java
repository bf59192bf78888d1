/**
 * Offline checks of the Kubernetes manifests under {@code deploy/}: a small kustomize renderer ({@link
 * org.voxmesh.deploy.kustomize.Kustomize}), typed parsing into fabric8 and Strimzi models with an unknown-field walk
 * ({@link org.voxmesh.deploy.Manifests}), and the project's deployment rules ({@link org.voxmesh.deploy.DeployValidator}).
 * Everything runs on the test thread; nothing needs kubectl, Docker or a cluster.
 */
package org.voxmesh.deploy;
