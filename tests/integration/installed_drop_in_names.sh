#!/usr/bin/env bash
# installed_drop_in_names.sh <build-dir>
# `cmake --install` into a scratch prefix puts dhall, dhall-to-yaml and
# dhall-to-json next to polar-helm as links to it (POLAR_HELM_INSTALL_DROP_IN_NAMES,
# on by default), and a script that calls them by name from PATH gets
# polar-helm under each name (issue #21).
source "$(dirname "$0")/lib.sh"
build=$1
make_scratch
prefix=$scratch/prefix

step "cmake --install to a scratch prefix"
grep -q '^POLAR_HELM_INSTALL_DROP_IN_NAMES:BOOL=OFF' "$build/CMakeCache.txt" &&
  skip "this build was configured with -DPOLAR_HELM_INSTALL_DROP_IN_NAMES=OFF"
cmake --install "$build" --prefix "$prefix" >"$scratch/install.log" ||
  fail "cmake --install: $(tail -5 "$scratch/install.log")"
for name in dhall dhall-to-yaml dhall-to-json; do
  [ -L "$prefix/bin/$name" ] || fail "$name is not a symbolic link in $prefix/bin"
  [ "$(readlink "$prefix/bin/$name")" = polar-helm ] ||
    fail "$name links to $(readlink "$prefix/bin/$name"), not polar-helm"
done
export PATH="$prefix/bin:$PATH"
[ "$(command -v dhall)" = "$prefix/bin/dhall" ] || fail "dhall on PATH is $(command -v dhall)"

cd "$scratch"
printf '{ name = "app", replicas = 2, ports = [ 80, 443 ] }\n' >formatted.dhall
printf '{ name =   "app" }\n' >unformatted.dhall

step "dhall format --check"
dhall format --check formatted.dhall || fail "dhall format --check on a formatted file"
status=0
dhall format --check unformatted.dhall >check.out 2>&1 || status=$?
[ "$status" = 1 ] || fail "dhall format --check on an unformatted file: exit $status"
grep -q 'unformatted.dhall' check.out || fail "format --check named nothing: $(cat check.out)"
[ "$(cat unformatted.dhall)" = '{ name =   "app" }' ] || fail "format --check wrote the file"

step "dhall-to-yaml and dhall-to-json"
dhall-to-yaml --file formatted.dhall >out.yaml || fail "dhall-to-yaml"
printf 'name: app\nports:\n  - 80\n  - 443\nreplicas: 2\n' >expected.yaml
cmp expected.yaml out.yaml || fail "dhall-to-yaml wrote: $(cat out.yaml)"
dhall-to-json --compact <formatted.dhall >out.json || fail "dhall-to-json"
printf '{"name":"app","ports":[80,443],"replicas":2}\n' >expected.json
cmp expected.json out.json || fail "dhall-to-json wrote: $(cat out.json)"

step "each name is its own tool"
dhall version | grep -q polar-helm || fail "dhall version: $(dhall version)"
status=0
dhall-to-json --documents --file formatted.dhall 2>/dev/null || status=$?
[ "$status" = 2 ] || fail "dhall-to-json took dhall-to-yaml's --documents (exit $status)"
echo ok
