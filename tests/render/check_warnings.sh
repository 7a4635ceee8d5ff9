#!/usr/bin/env bash
# check_warnings.sh <polar-helm> <work-dir>
# Warnings reach standard error (issue #14 item 8): a corrupt build cache entry that is
# replaced and a build cache that cannot be written are said as "polar-helm: warning: ...",
# by every command that loads Dhall, and never quote a value read from the environment.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"
export POLAR_TEST_TOKEN="tok-5be1-recognizable"
printf '%s\n' '{ port = 8080 }' >"$work/part.dhall"
printf '%s\n' '{ values = ./part.dhall, token = env:POLAR_TEST_TOKEN as Text }' >"$work/input.dhall"

# expect_warning <name> <pattern> <command...>: the command succeeds and warns.
expect_warning() {
  local name=$1 pattern=$2
  shift 2
  expect_exit_stderr 0 "$work/$name.stderr" "$@" >/dev/null
  grep -q "^polar-helm: warning: .*$pattern" "$work/$name.stderr" ||
    fail "$name: no warning: $(cat "$work/$name.stderr")"
  ! grep -q "$POLAR_TEST_TOKEN" "$work/$name.stderr" || fail "$name prints the value"
}

# Every entry of a filled cache corrupted: each command warns and replaces it.
cache="$work/cache"
for command in render dhall type hash; do
  rm -rf "$cache"
  "$polar_helm" "$command" --build-cache "$cache" --file "$work/input.dhall" >/dev/null
  entries=$(find "$cache" -type f)
  [ -n "$entries" ] || fail "$command stored nothing in the build cache"
  for entry in $entries; do
    printf 'not an entry' >"$entry"
  done
  expect_warning "corrupt_$command" "ignoring the build cache entry" \
    "$polar_helm" "$command" --build-cache "$cache" --file "$work/input.dhall"
done
# ... and through the drop-in name, whose cache comes from the environment.
ln -s "$polar_helm" "$work/dhall-to-json"
for entry in $(find "$cache" -type f); do
  printf 'not an entry' >"$entry"
done
POLAR_HELM_BUILD_CACHE="$cache" expect_warning corrupt_drop_in "ignoring the build cache entry" \
  "$work/dhall-to-json" --file "$work/input.dhall"

# A build cache that cannot be written (its path is a file): a warning, the render succeeds.
echo "a file" >"$work/not_a_directory"
expect_warning unwritable "cannot write to the build cache" \
  "$polar_helm" render --build-cache "$work/not_a_directory" --file "$work/input.dhall"
echo "ok"
