#!/usr/bin/env bash
# CI without secret values (issue #18): a scratch copy of example-project/
# whose secrets read their variables without fallbacks, as Polar's do, fails
# to build when they are unset; with POLAR_HELM_SECRETS_PLACEHOLDER=1 it
# builds, the chart holds the committed encrypted secrets byte for byte, the
# placeholder reaches no file, lint/template/drift pass, a structural change
# of a secret fails with the masked diff, and sync leaves the copy alone. The
# same holds for the manifests' multi-document neo4j.yaml, and for the
# one-shot `polar-helm chart` and `polar-helm manifests --secrets-placeholder`.
#
#   secrets_placeholder.sh <PolarHelm_DIR> <example-project> <dhall-kubernetes copy> <helm>
#                          <polar-helm>
source "$(dirname "$0")/lib.sh"
[ -f "$3/package.dhall" ] || skip "no dhall-kubernetes copy at $3"
[ -n "${4:-}" ] || skip "no helm"
package_dir=$1
example=$2
dhall_kubernetes=$3
helm=$4
polar_helm=$5

make_scratch
src=$scratch/example
mkdir -p "$src"
cp -r "$example/CMakeLists.txt" "$example/.sops.yaml" "$example/deploy" "$example/manifests" \
  "$example/gitops" "$src/"
# No fallbacks: an unset variable fails the load.
secret_sources=("$src"/deploy/*/*-secret.dhall "$src/manifests/local/polar/neo4j.dhall")
sed -i 's/ as Text ? "change-me-[a-z0-9-]*"/ as Text/' "${secret_sources[@]}"
! grep -q 'change-me' "${secret_sources[@]}" || fail "the fallbacks are still there"
cp -r "$src/gitops" "$scratch/committed-before"
export XDG_CACHE_HOME=$scratch/cache
unset GITLAB_TOKEN NEO4J_PASSWORD POLAR_HELM_SECRETS_PLACEHOLDER SOPS_AGE_KEY SOPS_AGE_KEY_FILE
export XDG_CONFIG_HOME=$scratch/no-config
configure() { # configure <build> <log> [cmake arguments...]
  local build=$1 log=$2
  shift 2
  run_logged "$log" cmake -S "$src" -B "$build" -G Ninja -DPolarHelm_DIR="$package_dir" \
    -DPOLAR_DEPLOYMENT_DHALL_KUBERNETES="$dhall_kubernetes" \
    "-DPOLAR_HELM_HELM_EXECUTABLES=$helm" "$@"
}

step "without secret values the build fails on the first unset variable"
configure "$scratch/plain" "$scratch/plain.configure.log" || fail "configuring failed"
if run_logged "$scratch/plain.build.log" ninja -C "$scratch/plain"; then
  fail "the build passed without the secret values"
fi
assert_contains "$scratch/plain.build.log" 'GITLAB_TOKEN|NEO4J_PASSWORD'

step "POLAR_HELM_SECRETS_PLACEHOLDER=1: builds, the chart holds the committed secrets"
build=$scratch/ci
POLAR_HELM_SECRETS_PLACEHOLDER=1 configure "$build" "$scratch/ci.configure.log" ||
  fail "configuring in placeholder mode failed"
assert_contains "$scratch/ci.configure.log" 'POLAR_HELM_SECRETS_PLACEHOLDER: .*auth-secret.dhall'
# The switch is the cache option now; the build sees no variable.
run_logged "$scratch/ci.build.log" ninja -C "$build" -v || fail "the placeholder build failed"
assert_contains "$scratch/ci.build.log" '--secrets-placeholder'
assert_contains "$scratch/ci.build.log" 'compared with the committed copy by structure only'
for secret in charts/neo4j/templates/auth-secret.yaml \
  charts/gitlab-agent/templates/credentials-secret.yaml; do
  cmp "$build/charts/polar/$secret" "$src/gitops/polar/$secret" ||
    fail "$secret is not the committed copy"
done
# The manifests' Secret is one document of the multi-document neo4j.yaml.
cmp "$build/manifests/polar-manifests/local/polar/neo4j.yaml" \
  "$src/gitops/manifests/local/polar/neo4j.yaml" ||
  fail "the manifests' neo4j.yaml is not the committed copy"
run_logged "$scratch/ci.ctest.log" ctest --test-dir "$build" --output-on-failure ||
  fail "lint/template/drift failed in placeholder mode"
assert_contains "$scratch/ci.ctest.log" 'polar.drift .*Passed'
assert_contains "$scratch/ci.ctest.log" 'polar-manifests.drift .*Passed'
assert_contains "$scratch/ci.ctest.log" 'polar.lint .*Passed'
run_logged "$scratch/ci.sync.log" ninja -C "$build" polar_sync polar-manifests_sync ||
  fail "sync failed"
diff -r "$scratch/committed-before" "$src/gitops" > /dev/null ||
  fail "placeholder mode changed the committed copy"
if grep -rlq 'polar-helm-placeholder' "$build" "$src/gitops"; then
  fail "the placeholder reached a file: $(grep -rl 'polar-helm-placeholder' "$build" "$src/gitops")"
fi

step "a structural change of a secret fails with the masked diff; nothing is written"
sed -i 's/toMap { NEO4J_AUTH = /toMap { NEO4J_EXTRA = "x", NEO4J_AUTH = /' \
  "$src/deploy/neo4j/auth-secret.dhall"
if run_logged "$scratch/ci.changed.log" ninja -C "$build"; then
  fail "a secret with a new key passed against the old committed copy"
fi
assert_contains "$scratch/ci.changed.log" 'does not have the structure the sources generate'
assert_contains "$scratch/ci.changed.log" '^\+ +NEO4J_EXTRA: "ENC\[type:str\]"'
diff -r "$scratch/committed-before" "$src/gitops" > /dev/null ||
  fail "a failed placeholder build changed the committed copy"
cmp "$build/charts/polar/charts/neo4j/templates/auth-secret.yaml" \
  "$src/gitops/polar/charts/neo4j/templates/auth-secret.yaml" ||
  fail "a failed placeholder build changed the chart's secret"

step "one-shot: polar-helm chart and manifests --secrets-placeholder keep the committed secrets"
git_state() { (cd "$src/gitops" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
sed -i 's/NEO4J_EXTRA = "x", //' "$src/deploy/neo4j/auth-secret.dhall"
mirror=(--mirror "https://raw.githubusercontent.com/dhall-lang/dhall-kubernetes/master/=$dhall_kubernetes/"
  --offline)
# Without the mode the one-shot chart stops before rendering: no secret values.
if run_logged "$scratch/oneshot.plain.log" "$polar_helm" chart "$src/deploy" "$src/gitops/polar" \
  --helm "$helm" "${mirror[@]}"; then
  fail "polar-helm chart passed without the secret values"
fi
assert_contains "$scratch/oneshot.plain.log" 'GITLAB_TOKEN'
before=$(git_state)
run_logged "$scratch/oneshot.chart.log" "$polar_helm" chart "$src/deploy" "$src/gitops/polar" \
  --helm "$helm" --render-templates --kube-version 1.25.0 --secrets-placeholder "${mirror[@]}" ||
  fail "polar-helm chart --secrets-placeholder failed"
assert_contains "$scratch/oneshot.chart.log" \
  'auth-secret.yaml: secrets placeholder mode: .*by structure only \(values not compared\)'
manifests_options=(--exclude 'types/**' --kustomization --secrets-pattern 'local/*/neo4j.dhall')
POLAR_HELM_SECRETS_PLACEHOLDER=1 run_logged "$scratch/oneshot.manifests.log" "$polar_helm" \
  manifests "$src/manifests" "$src/gitops/manifests" "${manifests_options[@]}" "${mirror[@]}" ||
  fail "polar-helm manifests in placeholder mode (environment variable) failed"
assert_contains "$scratch/oneshot.manifests.log" 'neo4j.yaml: secrets placeholder mode'
assert_same_lines "the committed copies after the one-shot commands" "$before" "$(git_state)"
if grep -rlq 'polar-helm-placeholder' "$src/gitops"; then
  fail "the placeholder reached the committed copy"
fi

step "one-shot: a stale committed secret fails clearly and leaves OUT as it was"
sed -i 's/toMap { NEO4J_AUTH = /toMap { NEO4J_EXTRA = "x", NEO4J_AUTH = /' \
  "$src/deploy/neo4j/auth-secret.dhall"
if run_logged "$scratch/oneshot.stale.log" "$polar_helm" chart "$src/deploy" \
  "$src/gitops/polar" --helm "$helm" --secrets-placeholder "${mirror[@]}"; then
  fail "polar-helm chart passed with a stale committed secret"
fi
assert_contains "$scratch/oneshot.stale.log" 'does not have the structure the sources generate'
assert_contains "$scratch/oneshot.stale.log" '^\+ +NEO4J_EXTRA: "ENC\[type:str\]"'
sed -i 's/stringData = Some (toMap { NEO4J_AUTH/stringData = Some (toMap { NEO4J_EXTRA = "x", NEO4J_AUTH/' \
  "$src/manifests/local/polar/neo4j.dhall"
if POLAR_HELM_SECRETS_PLACEHOLDER=1 run_logged "$scratch/oneshot.stale-manifests.log" \
  "$polar_helm" manifests "$src/manifests" "$src/gitops/manifests" "${manifests_options[@]}" \
  "${mirror[@]}"; then
  fail "polar-helm manifests passed with a stale committed secret"
fi
assert_contains "$scratch/oneshot.stale-manifests.log" '^\+ +NEO4J_EXTRA: "ENC\[type:str\]"'
assert_same_lines "the committed copies after the failed one-shot commands" "$before" \
  "$(git_state)"

echo
echo "secrets placeholder: all checks passed"
