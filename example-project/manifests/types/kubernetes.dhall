-- dhall-kubernetes for Kubernetes 1.25, pinned by its integrity hash, as the
-- chart's deploy/lib/kubernetes.dhall. The example's CMakeLists.txt mirrors
-- the URL's folder to ../shared/dhall-kubernetes when that copy exists.
https://raw.githubusercontent.com/dhall-lang/dhall-kubernetes/master/package.dhall
  sha256:263ee915ef545f2d771fdcd5cfa4fbb7f62772a861b5c197f998e5b71219112c
