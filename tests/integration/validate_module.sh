#!/usr/bin/env bash
# polar_helm_chart(... VALIDATE_KUBERNETES <package> VALIDATE_IGNORE_KINDS ...)
# (issue #20) on a scratch copy of example-project/: `<name>.validate` and
# `<name>.validate.helm-<version>` check the output of each helm's template
# test against dhall-kubernetes offline and pass, saying which kinds they left
# out; with a custom resource kind no longer listed, the test fails naming the
# kind; misused options stop the configure step.
#
#   validate_module.sh <PolarHelm_DIR> <example-project> <dhall-kubernetes copy> <helm>...
source "$(dirname "$0")/lib.sh"
[ -f "$3/package.dhall" ] || skip "no dhall-kubernetes copy at $3"
[ $# -ge 5 ] || skip "needs two helms"
package_dir=$1 example=$2 dhall_kubernetes=$3
shift 3
helms=$(IFS=';' && echo "$*")

make_scratch
src=$scratch/example
mkdir -p "$src"
cp -r "$example/CMakeLists.txt" "$example/.sops.yaml" "$example/deploy" "$example/manifests" \
  "$example/gitops" "$src/"
export XDG_CACHE_HOME=$scratch/cache
build=$scratch/build
configure() { # configure <log>
  run_logged "$1" cmake -S "$src" -B "$build" -G Ninja -DPolarHelm_DIR="$package_dir" \
    -DPOLAR_DEPLOYMENT_DHALL_KUBERNETES="$dhall_kubernetes" "-DPOLAR_HELM_HELM_EXECUTABLES=$helms"
}

step "polar.validate and polar.validate.helm-<version> pass on helm template's output"
configure "$scratch/configure.log" || fail "configuring failed"
run_logged "$scratch/build.log" ninja -C "$build" >/dev/null || fail "the build failed"
run_logged "$scratch/ctest.log" ctest --test-dir "$build" -R '^polar\.(template|validate)' -V ||
  fail "the validate tests failed"
[ "$(grep -c 'Test *#[0-9]*: polar\.validate[.a-z0-9-]* \.* *Passed' "$scratch/ctest.log")" = 2 ] ||
  fail "expected two passing validate tests, one per helm"
assert_contains "$scratch/ctest.log" '"validate" "--kubernetes" ".*/deploy/lib/kubernetes.dhall"'
assert_contains "$scratch/ctest.log" \
  'note: 2 documents of kind cert-manager.io/v1 Issuer not checked \(--ignore-kind\)'
assert_contains "$scratch/ctest.log" 'polar-helm: 9 documents fit'

step "a custom resource kind no longer listed fails the test, named"
sed -i '/cert-manager.io\/v1\/Issuer/s/cert-manager.io\/v1\/Issuer//' "$src/CMakeLists.txt"
configure "$scratch/configure2.log" || fail "configuring failed"
if run_logged "$scratch/ctest2.log" ctest --test-dir "$build" -R '^polar\.(template|validate)$' \
  --output-on-failure; then
  fail "polar.validate passed with an unknown kind"
fi
assert_contains "$scratch/ctest2.log" 'error: unknown kind `Issuer` \(apiVersion `cert-manager.io/v1`\)'
assert_contains "$scratch/ctest2.log" '2 of 11 documents do not fit'

step "VALIDATE_KUBERNETES without TEMPLATE, and VALIDATE_IGNORE_KINDS alone, stop the configure step"
sed -i 's/LINT STRICT TEMPLATE PACKAGE/LINT STRICT PACKAGE/' "$src/CMakeLists.txt"
if configure "$scratch/configure3.log"; then
  fail "VALIDATE_KUBERNETES without TEMPLATE was accepted"
fi
assert_contains "$scratch/configure3.log" 'VALIDATE_KUBERNETES needs TEMPLATE'
sed -i 's/LINT STRICT PACKAGE/LINT STRICT TEMPLATE PACKAGE/; /VALIDATE_KUBERNETES /d' "$src/CMakeLists.txt"
if configure "$scratch/configure4.log"; then
  fail "VALIDATE_IGNORE_KINDS without VALIDATE_KUBERNETES was accepted"
fi
assert_contains "$scratch/configure4.log" 'VALIDATE_IGNORE_KINDS needs VALIDATE_KUBERNETES'

echo
echo "validate module: all checks passed"
