#!/usr/bin/env bash
# check_input_kinds.sh <polar-helm> <work-dir>
# --file reads what it is given (issue #14 item 7): /dev/stdin, a pipe, a FIFO and /dev/null
# are read as streams (relative imports from the working directory, as for standard input);
# a directory says so; a missing file says so; both exit 3.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"
writer=
trap '[ -z "$writer" ] || kill "$writer" 2>/dev/null || true' EXIT
mkdir -p "$work/cwd"
printf '%s\n' '{ a = 1 }' >"$work/cwd/part.dhall"
printf '%s\n' './part.dhall // { b = True }' >"$work/input.dhall"
printf 'a: 1\nb: true\n' >"$work/expected.yaml"
cd "$work/cwd"

# /dev/stdin, for render and for the Dhall commands.
"$polar_helm" render --file /dev/stdin <"$work/input.dhall" >"$work/stdin.yaml"
same_bytes "$work/expected.yaml" "$work/stdin.yaml"
[ "$("$polar_helm" type --file /dev/stdin <"$work/input.dhall")" = "{ a : Natural, b : Bool }" ] ||
  fail "type --file /dev/stdin"
"$polar_helm" encode --file /dev/stdin <"$work/input.dhall" >"$work/input.dhallb"
"$polar_helm" decode --file /dev/stdin <"$work/input.dhallb" >"$work/decoded.dhall"
grep -q 'part.dhall' "$work/decoded.dhall" || fail "decode --file /dev/stdin"

# A pipe (process substitution) and a FIFO.
"$polar_helm" render --file <(cat "$work/input.dhall") >"$work/pipe.yaml"
same_bytes "$work/expected.yaml" "$work/pipe.yaml"
mkfifo "$work/fifo"
cat "$work/input.dhall" >"$work/fifo" &
writer=$!
"$polar_helm" hash --file "$work/fifo" >"$work/fifo.hash"
wait "$writer"
writer=
grep -q '^sha256:' "$work/fifo.hash" || fail "hash --file FIFO: $(cat "$work/fifo.hash")"

# /dev/null is an empty expression: a parse error (exit 1), not a missing file.
expect_exit_stderr 1 "$work/null.stderr" "$polar_helm" render --file /dev/null
! grep -q 'no such file' "$work/null.stderr" || fail "/dev/null: $(cat "$work/null.stderr")"

# A directory and a missing file: exit 3, each with its own message.
for command in render dhall encode; do
  expect_exit_stderr 3 "$work/dir.stderr" "$polar_helm" "$command" --file "$work/cwd"
  grep -q 'is a directory' "$work/dir.stderr" || fail "$command dir: $(cat "$work/dir.stderr")"
  expect_exit_stderr 3 "$work/missing.stderr" "$polar_helm" "$command" --file "$work/missing.dhall"
  grep -q 'no such file' "$work/missing.stderr" ||
    fail "$command missing: $(cat "$work/missing.stderr")"
done
echo "ok"
