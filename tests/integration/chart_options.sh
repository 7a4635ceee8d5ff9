#!/usr/bin/env bash
# The chart-level options of cmake/PolarHelm.cmake that guard a release
# (issues #15 and #19): a chart missing two variables fails once, naming both
# and where they are read, before anything is written (`polar-helm chart` and
# the build); CHECK_PINS fails on a stale pin and passes after freeze;
# PACKAGE builds the same package in two build trees (other file times,
# umask 077), re-packs only when the chart changes and passes <name>.package;
# <name>_push, never part of ALL, pushes it to Debian's docker-registry
# started here on a free loopback port.
#
#   chart_options.sh <PolarHelm_DIR> <polar-helm> <docker-registry or ""> [helm...]
source "$(dirname "$0")/lib.sh"
[ $# -ge 3 ] || fail "usage: chart_options.sh <PolarHelm_DIR> <polar-helm> <docker-registry> [helm...]"
package_dir=$1
polar_helm=$2
registry=$3
shift 3
helms=("$@")
helm_list=$(
  IFS=';'
  echo "${helms[*]}"
)
make_scratch
unset SOURCE_DATE_EPOCH FIRST_TOKEN SECOND_TOKEN PRIMARY FALLBACK RELEASE_LABEL
registry_pid=
stop() {
  if [ -n "$registry_pid" ]; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  [ -n "${POLAR_HELM_KEEP_SCRATCH:-}" ] || rm -rf "$scratch"
}
trap stop EXIT

configure() {
  cmake -S "$1" -B "$2" -G Ninja -DPolarHelm_DIR="$package_dir" \
    -DPOLAR_HELM_HELM_EXECUTABLES="$helm_list" "${@:3}"
}

# A chart reading FIRST_TOKEN through a helper and SECOND_TOKEN itself, on
# every load; RELEASE_LABEL behind a fallback and PRIMARY/FALLBACK as
# alternatives, which a load may not need.
write_env_chart() {
  mkdir -p "$1/templates" "$1/lib"
  printf '{ apiVersion = "v2", name = "tokens", version = "0.1.0" }\n' >"$1/chart.dhall"
  printf '{ first = env:FIRST_TOKEN as Text, label = env:RELEASE_LABEL as Text ? "none" }\n' \
    >"$1/lib/tokens.dhall"
  cat >"$1/templates/config.dhall" <<'EOF'
let tokens = ../lib/tokens.dhall

in  { apiVersion = "v1"
    , kind = "ConfigMap"
    , metadata.name = tokens.label
    , data =
      { first = tokens.first
      , second = env:SECOND_TOKEN as Text
      , either = env:PRIMARY as Text ? env:FALLBACK as Text
      }
    }
EOF
  printf '{ apiVersion = "v1", kind = "ConfigMap", metadata.name = "plain", data.a = "b" }\n' \
    >"$1/templates/plain.dhall"
}

# assert_missing_twice <log> <sources>: one message naming both variables and
# where they are read, and none of the others.
assert_missing_twice() {
  [ "$(grep -c 'environment variables the files read are not set' "$1")" = 1 ] ||
    fail "$1 does not say once that two variables are not set"
  assert_contains "$1" "^  FIRST_TOKEN, read at $2/lib/tokens.dhall:1:11$"
  assert_contains "$1" "^  SECOND_TOKEN, read at $2/templates/config.dhall:8:18$"
  assert_not_contains "$1" "RELEASE_LABEL|PRIMARY|FALLBACK"
}

step "polar-helm chart: two missing variables, one message, nothing written"
write_env_chart "$scratch/env/deploy"
export PRIMARY=primary-value
status=0
"$polar_helm" chart "$scratch/env/deploy" "$scratch/env/out" >"$scratch/chart.log" 2>&1 || status=$?
cat "$scratch/chart.log"
[ "$status" = 1 ] || fail "polar-helm chart exited with $status, not 1"
assert_missing_twice "$scratch/chart.log" "$scratch/env/deploy"
assert_contains "$scratch/chart.log" "nothing was rendered or written"
assert_not_contains "$scratch/chart.log" "polar-helm: rendering"
assert_no_file "$scratch/env/out"
[ -z "$(find "$scratch/env" -name '.out.tmp-*')" ] || fail "a staging folder was left behind"

step "the build: the check fails once, before any render"
cat >"$scratch/env/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(Tokens LANGUAGES NONE)
find_package(PolarHelm CONFIG REQUIRED)
enable_testing()
polar_helm_chart(tokens SOURCE_DIR deploy)
EOF
configure "$scratch/env" "$scratch/env/build" >/dev/null
if run_logged "$scratch/build1.log" cmake --build "$scratch/env/build"; then
  fail "the build passed without the variables"
fi
assert_missing_twice "$scratch/build1.log" "$scratch/env/deploy"
assert_not_contains "$scratch/build1.log" "polar-helm: rendering"
assert_no_file "$scratch/env/build/charts/tokens/Chart.yaml"
[ -z "$(find "$scratch/env/build/charts" -type f 2>/dev/null)" ] || fail "a chart file was written"

step "set, the chart builds; a build after it renders nothing"
export FIRST_TOKEN=first-token-value SECOND_TOKEN=second-token-value
run_logged "$scratch/build2.log" cmake --build "$scratch/env/build" >/dev/null
assert_contains "$scratch/env/build/charts/tokens/templates/config.yaml" "second: second-token-value"
run_logged "$scratch/build3.log" cmake --build "$scratch/env/build" >/dev/null
assert_same_lines "files rendered by a build with nothing to do" "" \
  "$(rendered_sources "$scratch/build3.log")"
assert_not_contains "$scratch/build3.log" "checking that the variables"
for file in "$scratch"/env/build/polar-helm/tokens/variables.*; do
  assert_not_contains "$file" "token-value"
done

step "unset again: the check runs again, fails once, the chart stays as it was"
unset FIRST_TOKEN SECOND_TOKEN
before=$(checksums "$scratch/env/build/charts/tokens")
if run_logged "$scratch/build4.log" cmake --build "$scratch/env/build"; then
  fail "the build passed after the variables were unset"
fi
assert_missing_twice "$scratch/build4.log" "$scratch/env/deploy"
assert_not_contains "$scratch/build4.log" "token-value"
assert_same_lines "the chart after the failed check" "$before" \
  "$(checksums "$scratch/env/build/charts/tokens")"
unset PRIMARY

step "misused keywords stop the configure step"
mkdir -p "$scratch/bad"
cp -r "$scratch/env/deploy" "$scratch/bad/deploy"
for call in "PUSH oci://127.0.0.1:1/charts" "PACKAGE PUSH http://127.0.0.1/charts" \
  "PACKAGE PUSH_OPTIONS --plain-http" "PACKAGE VERSION"; do
  printf '%s\n' 'cmake_minimum_required(VERSION 3.25)' 'project(Bad LANGUAGES NONE)' \
    'find_package(PolarHelm CONFIG REQUIRED)' \
    "polar_helm_chart(bad SOURCE_DIR deploy $call)" >"$scratch/bad/CMakeLists.txt"
  if run_logged "$scratch/bad.log" configure "$scratch/bad" "$scratch/bad/build" >/dev/null; then
    fail "polar_helm_chart(bad ... $call) was accepted"
  fi
  assert_contains "$scratch/bad.log" "polar_helm_chart\(bad\): (PUSH needs PACKAGE|PUSH takes oci://|PUSH_OPTIONS needs PUSH|VERSION needs a value)"
  rm -rf "$scratch/bad/build"
done

# A chart whose template imports a helper by its pin.
write_released_chart() {
  mkdir -p "$1/templates" "$1/lib"
  printf '{ apiVersion = "v2", name = "released", version = "0.1.0", description = "d" }\n' \
    >"$1/chart.dhall"
  printf '{ replicas = 2 }\n' >"$1/values.dhall"
  printf '{ greeting = "hello" }\n' >"$1/lib/settings.dhall"
  cat >"$1/templates/config.dhall" <<'EOF'
let settings = ../lib/settings.dhall

in  { apiVersion = "v1"
    , kind = "ConfigMap"
    , metadata.name = "released"
    , data.greeting = settings.greeting
    }
EOF
}
write_project() {
  cat >"$1/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(Released LANGUAGES NONE)
find_package(PolarHelm CONFIG REQUIRED)
enable_testing()
set(PUSH_TO "" CACHE STRING "Where released_push pushes")
set(push "")
if(PUSH_TO)
  set(push PUSH "${PUSH_TO}" PUSH_OPTIONS --plain-http)
endif()
polar_helm_chart(released SOURCE_DIR deploy CHECK_PINS LINT PACKAGE VERSION 1.2.3+ci.4 ${push})
EOF
}

step "CHECK_PINS: an unpinned import fails released.pins"
write_released_chart "$scratch/one/deploy"
write_project "$scratch/one"
configure "$scratch/one" "$scratch/one/build" >/dev/null
if run_logged "$scratch/pins1.log" ctest --test-dir "$scratch/one/build" -R '^released\.pins$' \
  --output-on-failure; then
  fail "released.pins passed with an unpinned import"
fi
assert_contains "$scratch/pins1.log" "templates/config.dhall:1:16"

step "frozen, released.pins passes; a stale pin fails it, naming the fix; freeze repairs it"
"$polar_helm" freeze --all "$scratch/one/deploy/templates/config.dhall" >/dev/null
assert_contains "$scratch/one/deploy/templates/config.dhall" "settings.dhall sha256:[0-9a-f]{64}"
ctest --test-dir "$scratch/one/build" -R '^released\.pins$' --output-on-failure >/dev/null ||
  fail "released.pins failed with every import pinned"
printf '{ greeting = "hello again" }\n' >"$scratch/one/deploy/lib/settings.dhall"
if run_logged "$scratch/pins2.log" ctest --test-dir "$scratch/one/build" -R '^released\.pins$' \
  --output-on-failure; then
  fail "released.pins passed with a stale pin"
fi
assert_contains "$scratch/pins2.log" "templates/config.dhall:1:16"
assert_contains "$scratch/pins2.log" "stale"
"$polar_helm" freeze --all "$scratch/one/deploy/templates/config.dhall" >/dev/null
ctest --test-dir "$scratch/one/build" -R '^released\.pins$' --output-on-failure >/dev/null ||
  fail "released.pins failed after freeze"

step "PACKAGE: two build trees, other file times and umask 077, one package"
cp -r "$scratch/one" "$scratch/two-src"
rm -rf "$scratch/two-src/build"
(
  umask 077
  mkdir "$scratch/two"
  cp -r "$scratch/two-src/." "$scratch/two/"
  find "$scratch/two" -exec touch -d '2001-02-03 04:05:06' {} +
  configure "$scratch/two" "$scratch/two/build" >/dev/null
  run_logged "$scratch/package2.log" cmake --build "$scratch/two/build" >/dev/null
)
run_logged "$scratch/package1.log" cmake --build "$scratch/one/build" >/dev/null
assert_not_contains "$scratch/package1.log" "pushing"
package_one=$scratch/one/build/packages/released-1.2.3+ci.4.tgz
package_two=$scratch/two/build/packages/released-1.2.3+ci.4.tgz
assert_same_lines "the package path" "$package_one" \
  "$(cat "$scratch/one/build/polar-helm/released/package-path.txt")"
cmp "$package_one" "$package_two" || fail "the two build trees made different packages"
tar -xzOf "$package_one" released/Chart.yaml | grep -qx 'version: 1.2.3+ci.4' ||
  fail "VERSION is not the package's version"

step "re-packed only when the chart changes"
run_logged "$scratch/noop.log" cmake --build "$scratch/one/build" -- -n >/dev/null
assert_contains "$scratch/noop.log" "no work to do"
touch "$scratch/one/deploy/templates/config.dhall" # renders it again, to the same bytes
run_logged "$scratch/same.log" cmake --build "$scratch/one/build" >/dev/null
assert_contains "$scratch/same.log" "polar-helm: rendering templates/config.dhall"
assert_not_contains "$scratch/same.log" "packaging"
printf '{ greeting = "hello, a third time" }\n' >"$scratch/one/deploy/lib/settings.dhall"
"$polar_helm" freeze --all "$scratch/one/deploy/templates/config.dhall" >/dev/null
sum_before=$(sha256sum <"$package_one")
run_logged "$scratch/repack.log" cmake --build "$scratch/one/build" >/dev/null
assert_contains "$scratch/repack.log" "polar-helm: packaging released"
[ "$(sha256sum <"$package_one")" != "$sum_before" ] || fail "the package was not re-packed"

if [ ${#helms[@]} -gt 0 ]; then
  step "released.package: reproducible, and helm lint of the package with each helm"
  run_logged "$scratch/ctest-package.log" ctest --test-dir "$scratch/one/build" \
    -R '^released\.package$' -V >/dev/null || fail "released.package failed"
  for helm in "${helms[@]}"; do
    assert_contains "$scratch/ctest-package.log" "$helm lint --with-subcharts"
  done
  # A package that another tree would make differently fails the test.
  printf 'tampered\n' >>"$scratch/one/build/charts/released/templates/config.yaml"
  if ctest --test-dir "$scratch/one/build" -R '^released\.package$' >/dev/null; then
    fail "released.package passed though the chart no longer gives the build's package"
  fi
  touch "$scratch/one/deploy/templates/config.dhall" # renders the file again
  cmake --build "$scratch/one/build" >/dev/null
fi

if [ -z "$registry" ] || [ ! -x "$registry" ]; then
  skip "no docker-registry (tools/setup.sh installs it): released_push not tested"
fi
command -v python3 >/dev/null || skip "no python3 (to find a free port): released_push not tested"

step "released_push: the package in a real registry, under its digest"
export DOCKER_CONFIG=$scratch/docker-config HOME=$scratch/home
export HELM_REGISTRY_CONFIG=$scratch/helm-registry.json HELM_CACHE_HOME=$scratch/helm-cache
mkdir -p "$HOME"
port=$(free_port)
start_docker_registry "$registry" "$scratch/registry" "$port"
configure "$scratch/one" "$scratch/one/build" -DPUSH_TO="oci://127.0.0.1:$port/charts" >/dev/null
run_logged "$scratch/push.log" cmake --build "$scratch/one/build" --target released_push >/dev/null
assert_contains "$scratch/push.log" "Pushed: 127.0.0.1:$port/charts/released:1.2.3_ci.4"
digest=$(sed -n 's/^Digest: //p' "$scratch/push.log")
[[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || fail "no digest printed"
assert_same_lines "the .digest file" "$digest" \
  "$(cat "$scratch/one/build/packages/released-1.2.3+ci.4.digest")"
manifest=$(curl -s -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  "http://127.0.0.1:$port/v2/charts/released/manifests/1.2.3_ci.4")
[ "sha256:$(printf '%s' "$manifest" | sha256sum | cut -d' ' -f1)" = "$digest" ] ||
  fail "the registry does not hold the pushed manifest"
if [ ${#helms[@]} -gt 0 ]; then
  mkdir -p "$scratch/pulled"
  "${helms[0]}" pull "oci://127.0.0.1:$port/charts/released" --version 1.2.3+ci.4 --plain-http \
    -d "$scratch/pulled" >/dev/null
  cmp "$scratch/pulled/released-1.2.3+ci.4.tgz" "$package_one" || fail "helm pulled other bytes"
fi
run_logged "$scratch/all.log" cmake --build "$scratch/one/build" >/dev/null
assert_not_contains "$scratch/all.log" "pushing"
echo "chart options: all checks passed"
