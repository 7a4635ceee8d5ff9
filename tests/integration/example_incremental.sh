#!/usr/bin/env bash
# Builds a scratch copy of example-project/ with Ninja against a polar-helm
# package and proves that polar_helm_chart() rebuilds exactly what changed:
#   - a second build re-renders only the secrets that read environment
#     variables (a changed value must reach them);
#   - touching one template (or one component of the manifests) re-renders
#     only that file;
#   - touching values.dhall re-renders exactly the files that import it;
#   - adding a Dhall file adds its output (its folder's new time re-runs CMake);
#   - a type error fails the build with file:line:column and leaves the last
#     good outputs intact.
#
#   example_incremental.sh <PolarHelm_DIR> <example-project> <dhall-kubernetes copy>
source "$(dirname "$0")/lib.sh"
[ -f "$3/package.dhall" ] || skip "no dhall-kubernetes copy at $3"
package_dir=$1
example=$2
dhall_kubernetes=$3

make_scratch
src=$scratch/example
build=$scratch/build
chart=$build/charts/polar
mkdir -p "$src"
cp -r "$example/CMakeLists.txt" "$example/.sops.yaml" "$example/deploy" "$example/manifests" "$src/"
# A cold integrity cache: dhall-kubernetes comes from the mirrored copy.
export XDG_CACHE_HOME=$scratch/cache
# Set, so that the secrets reading them re-render on every build (a secret
# whose variables are all unset waits for one to be set: its stamp says so).
export GITLAB_TOKEN=incremental-test-token NEO4J_PASSWORD=incremental-test-password

step "configure and cold build"
cmake -S "$src" -B "$build" -G Ninja -DPolarHelm_DIR="$package_dir" \
  -DPOLAR_DEPLOYMENT_DHALL_KUBERNETES="$dhall_kubernetes" >"$scratch/configure.log" ||
  { cat "$scratch/configure.log"; fail "configuring the example failed"; }
assert_contains "$scratch/configure.log" 'skipping lib/: no chart.dhall'
run_logged "$scratch/cold.log" ninja -C "$build" || fail "the cold build failed"
expected_files=$(
  cat <<'LIST'
./.helmignore
./.polar-helm-files
./Chart.yaml
./charts/cassini/.helmignore
./charts/cassini/Chart.yaml
./charts/cassini/templates/certificate.yaml
./charts/cassini/templates/deployment.yaml
./charts/cassini/templates/service.yaml
./charts/gitlab-agent/.helmignore
./charts/gitlab-agent/Chart.yaml
./charts/gitlab-agent/templates/consumer.yaml
./charts/gitlab-agent/templates/credentials-secret.yaml
./charts/gitlab-agent/templates/observer.yaml
./charts/gitlab-agent/templates/service-account.yaml
./charts/neo4j/.helmignore
./charts/neo4j/Chart.yaml
./charts/neo4j/templates/auth-secret.yaml
./charts/neo4j/templates/backups.yaml
./charts/neo4j/templates/configmap.yaml
./charts/neo4j/templates/service.yaml
./charts/neo4j/templates/statefulset.yaml
./templates/flux-kustomization.yaml
./templates/flux-source.yaml
./templates/issuers.yaml
./values.schema.json
./values.yaml
LIST
)
assert_same_lines "chart files" "$expected_files" "$(cd "$chart" && find . -type f | sort)"
assert_contains "$chart/templates/issuers.yaml" '^---'
# Secrets are encrypted for the .sops.yaml recipient, and left to the cluster.
assert_contains "$chart/charts/gitlab-agent/templates/credentials-secret.yaml" '^sops:'
assert_contains "$chart/.helmignore" '^charts/gitlab-agent/templates/credentials-secret\.yaml$'
assert_contains "$chart/charts/neo4j/templates/configmap.yaml" 'server.bolt.enabled=true'

step "a second build re-renders only the secrets that read variables"
# The chart's two secrets read env:GITLAB_TOKEN and env:NEO4J_PASSWORD, the
# manifests' one env:NEO4J_PASSWORD: a build must re-render them to know
# whether a value changed (their stamps hold no value).
# Everything else is left alone; a dry run lists what follows the environment
# check, which it cannot run.
secret_renders="gitlab-agent/credentials-secret.dhall
local/polar/neo4j.dhall
neo4j/auth-secret.dhall"
# only_expected_work <log>: the log shows no work but the environment check,
# the secrets' renders and the chart- and folder-level steps after them.
only_expected_work() {
  if grep -v -e '^ninja: Entering directory' -e '^ninja: no work to do' \
    -e 'Re-checking globbed directories' -e 'Re-running CMake' \
    -e 'polar-helm: checking the environment variables of polar$' \
    -e 'polar-helm: checking that the variables polar\(-manifests\)\? reads are set$' \
    -e 'polar-helm: packaging polar$' \
    -e 'polar-helm: rendering gitlab-agent/credentials-secret\.dhall$' \
    -e 'polar-helm: rendering neo4j/auth-secret\.dhall$' \
    -e 'polar-helm: checking the dependencies of polar' \
    -e 'polar-helm: checking the environment variables of polar-manifests$' \
    -e 'polar-helm: rendering local/polar/neo4j\.dhall$' \
    -e 'polar-helm: finishing the manifests of polar-manifests$' \
    -e '^note: .*re-encrypted' "$1" | grep .; then
    fail "unexpected work in $1"
  fi
}
# rendered_besides_secrets <log>: rendered_sources without the secrets,
# which every build re-renders.
rendered_besides_secrets() {
  rendered_sources "$1" | { grep -v -x -F "$secret_renders" || true; }
}
ninja -C "$build" -n >"$scratch/dry-run.log"
cat "$scratch/dry-run.log"
only_expected_work "$scratch/dry-run.log"
run_logged "$scratch/second.log" ninja -C "$build" || fail "the second build failed"
assert_not_contains "$scratch/second.log" 'Re-running CMake'
assert_same_lines "re-rendered files" "$secret_renders" "$(rendered_sources "$scratch/second.log")"
# With CONFIGURE_DEPENDS globbing instead, CMake's glob check (and the rerun
# it might trigger) is what a dry run cannot rule out; the real build finds
# nothing new and reruns nothing.
cmake -DPOLAR_HELM_GLOB_CONFIGURE_DEPENDS=ON "$build" >/dev/null
ninja -C "$build" >/dev/null
ninja -C "$build" -n >"$scratch/dry-run-globs.log"
only_expected_work "$scratch/dry-run-globs.log"
run_logged "$scratch/second-globs.log" ninja -C "$build" || fail "the build failed"
assert_not_contains "$scratch/second-globs.log" 'Re-running CMake'
assert_same_lines "re-rendered files" "$secret_renders" \
  "$(rendered_sources "$scratch/second-globs.log")"
cmake -DPOLAR_HELM_GLOB_CONFIGURE_DEPENDS=OFF "$build" >/dev/null
ninja -C "$build" >/dev/null

step "touching one template re-renders only that file"
touch "$src/deploy/templates/flux-source.dhall"
run_logged "$scratch/touch-template.log" ninja -C "$build" || fail "the build failed"
assert_same_lines "re-rendered files" "templates/flux-source.dhall" \
  "$(rendered_besides_secrets "$scratch/touch-template.log")"

step "touching one component of the manifests re-renders only it"
touch "$src/manifests/local/polar/cassini.dhall"
run_logged "$scratch/touch-component.log" ninja -C "$build" || fail "the build failed"
assert_same_lines "re-rendered files" "local/polar/cassini.dhall" \
  "$(rendered_besides_secrets "$scratch/touch-component.log")"
assert_contains "$build/manifests/polar-manifests/local/polar/cassini.yaml" '^kind: Service$'

step "touching a subchart's chart.dhall re-renders it and the umbrella chart.dhall importing it"
touch "$src/deploy/cassini/chart.dhall"
run_logged "$scratch/touch-chart.log" ninja -C "$build" || fail "the build failed"
assert_same_lines "re-rendered files" "$(printf 'cassini/chart.dhall\nchart.dhall')" \
  "$(rendered_besides_secrets "$scratch/touch-chart.log")"
assert_contains "$scratch/touch-chart.log" 'checking the dependencies of polar'

step "touching values.dhall re-renders exactly the files that import it"
# Every file but the four chart.dhall imports values.dhall, directly or through
# lib/gitlab-agent.dhall.
importers=$(
  cd "$src/deploy" &&
    find . -name '*.dhall' -not -path './lib/*' -not -name chart.dhall -not -name '*-secret.dhall' |
    sed 's|^\./||' | sort
)
touch "$src/deploy/values.dhall"
run_logged "$scratch/touch-values.log" ninja -C "$build" || fail "the build failed"
assert_same_lines "re-rendered files" "$importers" "$(rendered_besides_secrets "$scratch/touch-values.log")"

step "adding a Dhall file adds its output; other files are ignored"
cat >"$src/deploy/templates/namespace.dhall" <<'DHALL'
let kubernetes = ../lib/kubernetes.dhall

in  kubernetes.Namespace::{
    , metadata = kubernetes.ObjectMeta::{ name = Some (../values.dhall).namespace }
    }
DHALL
echo '{ namespace = "scratch" }' >"$src/deploy/values.dhall.local"
run_logged "$scratch/add.log" ninja -C "$build" || fail "the build failed"
assert_contains "$scratch/add.log" 'Re-running CMake'
assert_same_lines "re-rendered files" "templates/namespace.dhall" \
  "$(rendered_besides_secrets "$scratch/add.log")"
assert_contains "$chart/templates/namespace.yaml" 'kind: Namespace'
assert_no_file "$chart/values.yaml.local"

step "removing it removes its output"
rm "$src/deploy/templates/namespace.dhall"
run_logged "$scratch/remove.log" ninja -C "$build" || fail "the build failed"
assert_no_file "$chart/templates/namespace.yaml"

step "a type error fails the build with file:line:column and keeps the last good outputs"
# Secrets importing values.dhall re-render too, and each encryption is fresh
# (no key here): they are compared apart, as still encrypted.
plain_checksums() { checksums "$1" | grep -v -- '-secret\.yaml$'; }
before=$(plain_checksums "$chart")
service=$src/deploy/cassini/service.dhall
cp "$service" "$scratch/service.dhall.good"
sed -i 's/, port = values.cassini.port/, port = "8443"/' "$service"
grep -q 'port = "8443"' "$service" || fail "the test could not plant the type error"
touch "$src/deploy/values.dhall" # every other importer re-renders in the same build
if run_logged "$scratch/type-error.log" ninja -C "$build" -k 0; then
  fail "the build succeeded despite a type error"
fi
assert_contains "$scratch/type-error.log" 'cassini/service\.dhall:[0-9]+:[0-9]+: error'
assert_contains "$scratch/type-error.log" 'FAILED: .*charts/cassini/templates/service\.yaml'
[ "$(grep -c '^FAILED: ' "$scratch/type-error.log")" = 1 ] || fail "more than the one file failed"
assert_same_lines "chart checksums" "$before" "$(plain_checksums "$chart")"
for secret in charts/gitlab-agent/templates/credentials-secret.yaml \
  charts/neo4j/templates/auth-secret.yaml; do
  assert_contains "$chart/$secret" '^sops:'
done
cp "$scratch/service.dhall.good" "$service"
run_logged "$scratch/fixed.log" ninja -C "$build" || fail "the build failed after the fix"
assert_same_lines "re-rendered files" "cassini/service.dhall" \
  "$(rendered_besides_secrets "$scratch/fixed.log")"

echo
echo "example_incremental: all checks passed"
