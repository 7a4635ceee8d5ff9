#!/usr/bin/env bash
# Environment variables are build inputs (issues #15, #17): after a variable
# changes, the next build re-renders exactly the files that read it; a
# secret that reads one re-renders on every build but keeps its bytes while
# its plaintext is unchanged, and decrypts to the new value once rotated; no
# value a secret read reaches the build tree or the logs, not even a digest.
#
#   environment.sh <PolarHelm_DIR> <polar-helm>
source "$(dirname "$0")/lib.sh"
[ $# -eq 2 ] || fail "usage: environment.sh <PolarHelm_DIR> <polar-helm>"
package_dir=$1 polar_helm=$2
command -v age-keygen >/dev/null || skip "age-keygen not found"

make_scratch
src=$scratch/project
build=$scratch/build
chart=$build/charts/app
mkdir -p "$src/deploy/templates" "$scratch/no-config"
cat >"$src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(environment_test NONE)
find_package(PolarHelm CONFIG REQUIRED)
polar_helm_chart(app SOURCE_DIR deploy AGE_RECIPIENTS ${RECIPIENT})
CMAKE
cat >"$src/deploy/chart.dhall" <<'DHALL'
{ apiVersion = "v2", name = "app", version = "0.1.0" }
DHALL
cat >"$src/deploy/values.dhall" <<'DHALL'
{ image = "registry.example/web:" ++ env:IMAGE_TAG as Text }
DHALL
config_map() {
  printf '{ apiVersion = "v1", kind = "ConfigMap", metadata.name = "%s", data = %s }\n' "$1" "$2"
}
config_map tagged '{ image = (../values.dhall).image }' >"$src/deploy/templates/tagged.dhall"
config_map noted '{ note = env:NOTE as Text ? "none" }' >"$src/deploy/templates/noted.dhall"
config_map plain '{ text = "no variables here" }' >"$src/deploy/templates/plain.dhall"
cat >"$src/deploy/templates/db-secret.dhall" <<'DHALL'
{ apiVersion = "v1"
, kind = "Secret"
, metadata.name = "db"
, stringData.password = env:DB_PASSWORD as Text
}
DHALL

export XDG_CONFIG_HOME=$scratch/no-config # no identity but the test's
age-keygen -o "$scratch/key.txt" 2>/dev/null
export SOPS_AGE_KEY_FILE=$scratch/key.txt
recipient=$(age-keygen -y "$scratch/key.txt")
first_secret=pw-$RANDOM$RANDOM-first-do-not-leak
second_secret=pw-$RANDOM$RANDOM-second-do-not-leak
export IMAGE_TAG=v1 DB_PASSWORD=$first_secret
unset NOTE UNRELATED

# build <log>: builds, with the log kept for rendered_sources.
build() { run_logged "$1" ninja -C "$build" || fail "the build failed"; }
decrypted_secret() { "$polar_helm" decrypt --file "$chart/templates/db-secret.yaml"; }

step "configure and build"
run_logged "$scratch/configure.log" cmake -S "$src" -B "$build" -G Ninja \
  -DPolarHelm_DIR="$package_dir" "-DRECIPIENT=$recipient" || fail "configuring failed"
build "$scratch/build-1.log"
assert_same_lines "rendered files" "chart.dhall
templates/db-secret.dhall
templates/noted.dhall
templates/plain.dhall
templates/tagged.dhall
values.dhall" "$(rendered_sources "$scratch/build-1.log")"
assert_contains "$chart/templates/tagged.yaml" 'image: registry.example/web:v1'
assert_contains "$chart/templates/noted.yaml" 'note: none'
decrypted_secret | grep -qF "$first_secret" || fail "the secret does not decrypt to its value"

step "the check is the static polar-helm-env-check, not a polar-helm process"
# Every build runs it, a no-op build included (issue #17); the steps below
# show it still brings every stamp up to date.
grep -q 'polar-helm-env-check --stamp-list' "$build/build.ninja" ||
  fail "the build does not run polar-helm-env-check: $(grep -m1 'env-stamps' "$build/build.ninja")"
if grep -q 'polar-helm env-check' "$build/build.ninja"; then
  fail "the build runs polar-helm env-check"
fi

step "with nothing changed, only the secret that reads a variable re-renders, keeping its bytes"
before=$(checksums "$chart")
build "$scratch/build-2.log"
assert_same_lines "rendered files" "templates/db-secret.dhall" \
  "$(rendered_sources "$scratch/build-2.log")"
assert_same_lines "chart checksums" "$before" "$(checksums "$chart")"
assert_not_contains "$scratch/build-2.log" 'writing \.helmignore'
# The stamps the first build's renders wrote and the secret's renewed stamp
# are no variable change: the variables check does not run again (issue #17).
assert_not_contains "$scratch/build-2.log" 'checking that the variables'

step "a dry run lists the check and the renders that read variables, nothing else"
# tagged.dhall reads IMAGE_TAG only through values.dhall: the first build
# found it, and the second reconfigured to watch it.
assert_contains "$scratch/build-2.log" 'Re-running CMake'
ninja -C "$build" -n >"$scratch/dry-run.log"
assert_contains "$scratch/dry-run.log" 'checking the environment variables of app'
assert_same_lines "files a dry run would render" "templates/db-secret.dhall
templates/noted.dhall
templates/tagged.dhall
values.dhall" "$(rendered_sources "$scratch/dry-run.log")"

step "a changed variable re-renders exactly the files that read it"
IMAGE_TAG=v2 build "$scratch/build-3.log"
assert_same_lines "rendered files" "templates/db-secret.dhall
templates/tagged.dhall
values.dhall" "$(rendered_sources "$scratch/build-3.log")"
assert_contains "$chart/templates/tagged.yaml" 'image: registry.example/web:v2'
assert_contains "$chart/values.yaml" 'image: registry.example/web:v2'
assert_contains "$scratch/build-3.log" 'checking that the variables app reads are set'
export IMAGE_TAG=v2

step "setting a variable that a ? fell back from re-renders its reader"
NOTE=hello build "$scratch/build-4.log"
assert_same_lines "rendered files" "templates/db-secret.dhall
templates/noted.dhall" "$(rendered_sources "$scratch/build-4.log")"
assert_contains "$chart/templates/noted.yaml" 'note: hello'

step "a variable no file reads changes nothing"
NOTE=hello UNRELATED=x build "$scratch/build-5.log"
assert_same_lines "rendered files" "templates/db-secret.dhall" \
  "$(rendered_sources "$scratch/build-5.log")"
export NOTE=hello

step "a rotated secret gives a secret that decrypts to the new value"
secret_before=$(sha256sum <"$chart/templates/db-secret.yaml")
DB_PASSWORD=$second_secret build "$scratch/build-6.log"
[ "$(sha256sum <"$chart/templates/db-secret.yaml")" != "$secret_before" ] ||
  fail "the rotated secret kept its old bytes"
decrypted_secret | grep -qF "$second_secret" || fail "the secret does not decrypt to the new value"
export DB_PASSWORD=$second_secret

step "no value a secret read is in the build tree or the logs, not even its digest"
for value in "$first_secret" "$second_secret"; do
  for form in "$value" "$(printf %s "$value" | sha256sum | cut -d' ' -f1)" \
    "$(printf %s "$value" | base64)"; do
    if grep -rlF -- "$form" "$build" "$scratch"/*.log; then
      fail "a form of the secret value is in the files above"
    fi
  done
done
grep -rlF -- "IMAGE_TAG" "$build/polar-helm/app/env" >/dev/null ||
  fail "no environment stamp names IMAGE_TAG"

step "a variable unset after a good build: the check names it, nothing renders"
status=0
(unset IMAGE_TAG && run_logged "$scratch/build-unset.log" ninja -C "$build") || status=$?
[ "$status" != 0 ] || fail "the build passed with IMAGE_TAG unset"
assert_contains "$scratch/build-unset.log" '^  IMAGE_TAG, read at .*/values.dhall:1:'
assert_not_contains "$scratch/build-unset.log" 'polar-helm: rendering'
assert_contains "$chart/values.yaml" 'image: registry.example/web:v2'
build "$scratch/build-7.log" # IMAGE_TAG is set again

step "editing a template runs its render, not the variables check of every source"
echo '-- an edit' >>"$src/deploy/templates/plain.dhall"
build "$scratch/build-8.log"
assert_same_lines "rendered files" "templates/db-secret.dhall
templates/plain.dhall" "$(rendered_sources "$scratch/build-8.log")"
assert_not_contains "$scratch/build-8.log" 'checking that the variables'

step "an edit that reads unset variables: a failing render names every one of the chart"
plain_before=$(sha256sum <"$chart/templates/plain.yaml")
config_map plain '{ text = env:FIRST_NEW as Text }' >"$src/deploy/templates/plain.dhall"
config_map noted '{ note = env:SECOND_NEW as Text }' >"$src/deploy/templates/noted.dhall"
if run_logged "$scratch/build-9.log" ninja -C "$build"; then
  fail "the build passed with FIRST_NEW and SECOND_NEW unset"
fi
assert_contains "$scratch/build-9.log" '^  FIRST_NEW, read at .*/templates/plain.dhall:1:'
assert_contains "$scratch/build-9.log" '^  SECOND_NEW, read at .*/templates/noted.dhall:1:'
[ "$(sha256sum <"$chart/templates/plain.yaml")" = "$plain_before" ] ||
  fail "a render that failed wrote its chart file"
FIRST_NEW=one SECOND_NEW=two build "$scratch/build-10.log"
assert_contains "$chart/templates/plain.yaml" 'text: one'
assert_contains "$chart/templates/noted.yaml" 'note: two'

echo
echo "environment tracking: all checks passed"
