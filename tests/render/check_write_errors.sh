#!/usr/bin/env bash
# check_write_errors.sh <polar-helm> <work-dir>
# A lost write is an error (issue #14 item 6): every command writing to a full device
# (/dev/full) exits 3 and says it could not write, instead of exiting 0 with nothing written.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"
[ -w /dev/full ] || { echo "no /dev/full"; exit "$skip_code"; }
printf '%s\n' '{ a = 1, b = [ "x", "y" ] }' >"$work/input.dhall"
"$polar_helm" encode --file "$work/input.dhall" >"$work/input.dhallb"
# A large output, so that it does not fit in the standard output's buffer either.
printf '%s\n' 'Natural/fold 2000 (List Natural) (λ(l : List Natural) → [ 123456789 ] # l) ([] : List Natural)' \
  >"$work/large.dhall"

# expect_write_error <name> <command...>: exit 3, a message naming standard output.
expect_write_error() {
  local name=$1
  shift
  expect_exit_stderr 3 "$work/$name.stderr" "$@" >/dev/full
  grep -q 'cannot write to standard output' "$work/$name.stderr" ||
    fail "$name: $(cat "$work/$name.stderr")"
}

for command in dhall type hash encode render; do
  expect_write_error "$command" "$polar_helm" "$command" --file "$work/input.dhall"
  expect_write_error "large_$command" "$polar_helm" "$command" --file "$work/large.dhall"
done
expect_write_error decode "$polar_helm" decode --file "$work/input.dhallb"
expect_write_error render_json "$polar_helm" render --json --file "$work/input.dhall"
expect_write_error help "$polar_helm"

# The same commands with a working output still exit 0.
"$polar_helm" hash --file "$work/input.dhall" >"$work/hash.txt"
grep -q '^sha256:' "$work/hash.txt" || fail "hash: $(cat "$work/hash.txt")"
echo "ok"
