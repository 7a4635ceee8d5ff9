#!/usr/bin/env bash
# check_exceptions.sh <polar-helm> <work-dir>
# No exception escapes as an abort (exit 134) (issue #14 item 5): running out of memory is
# exit 1 naming the file, a path that cannot even be examined is exit 3, with a message.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"

# expect_clean <code> <pattern> <name> <command...>: the command exits with <code> and its
# stderr matches <pattern>.
expect_clean() {
  local code=$1 pattern=$2 name=$3
  shift 3
  expect_exit_stderr "$code" "$work/$name.stderr" "$@"
  grep -q -- "$pattern" "$work/$name.stderr" || fail "$name: $(cat "$work/$name.stderr")"
}

# A Text that doubles 64 times, under a ceiling set by the shell (ulimit -v, in KiB).
printf '%s\n' 'Natural/fold 64 Text (λ(t : Text) → t ++ t) "ab"' >"$work/doubling.dhall"
(
  ulimit -v 131072
  expect_clean 1 "out of memory while evaluating" oom_ulimit \
    "$polar_helm" render --file "$work/doubling.dhall"
)
# Paths the file system refuses to examine: a symlink loop and a name too long.
ln -s loop "$work/loop"
long="$work/$(printf 'n%.0s' {1..300}).dhall"
for path in "$work/loop" "$long"; do
  expect_clean 3 "cannot read" "path" "$polar_helm" render --file "$path"
  expect_clean 3 "cannot read" "path" "$polar_helm" hash --file "$path"
done
expect_clean 3 "symbolic links" loop "$polar_helm" render --file "$work/loop"
expect_clean 3 "too long" long "$polar_helm" type --file "$long"
# The same under --max-memory, for every command.
for command in render dhall type hash; do
  expect_clean 1 "out of memory while evaluating .*doubling.dhall" "oom_$command" \
    "$polar_helm" "$command" --max-memory 128M --file "$work/doubling.dhall"
done
# A list that doubles, from standard input, with the ceiling from the environment.
printf '%s\n' 'Natural/fold 64 (List Natural) (λ(l : List Natural) → l # l) [ 1 ]' >"$work/list.dhall"
expect_clean 1 "out of memory while evaluating (stdin)" oom_list \
  env POLAR_HELM_MAX_MEMORY=128M "$polar_helm" render <"$work/list.dhall"
expect_clean 2 "--max-memory" bad_size "$polar_helm" render --max-memory lots \
  --file "$work/doubling.dhall"

echo "ok"
