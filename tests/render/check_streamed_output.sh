#!/usr/bin/env bash
# check_streamed_output.sh <polar-helm> <work-dir>
# Rendering streams its text into the output (issue #16): a render that fails after much of
# the text was written leaves the existing --output as it was (bytes and time) and no
# temporary file behind; standard output gets nothing from such a render below 8 MiB; a large
# output that comes out unchanged keeps its modification time (Ninja's restat).
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"

# About 600 KB of text (many pieces of 64 KiB), then a function, which has no JSON form.
items='Natural/fold 20000 (List Text) (\(l : List Text) -> l # [ "a line of text to render" ]) ([] : List Text)'
printf '{ items = %s, z = \\(x : Natural) -> x }\n' "$items" >"$work/failing.dhall"
printf '{ items = %s }\n' "$items" >"$work/large.dhall"

for format in yaml json; do
  flag=()
  [ "$format" = json ] && flag=(--json)
  out="$work/out.$format"
  printf 'previous\n' >"$out"
  touch -d '2020-01-01 00:00:00' "$out"
  expect_exit_stderr 1 "$work/failing.$format.stderr" \
    "$polar_helm" render "${flag[@]}" --file "$work/failing.dhall" --output "$out"
  grep -q 'z: is a function' "$work/failing.$format.stderr" ||
    fail "$format: unexpected message: $(cat "$work/failing.$format.stderr")"
  [ "$(cat "$out")" = previous ] || fail "$format: the failed render changed the output"
  [ "$(stat -c %Y "$out")" = "$(date -d '2020-01-01 00:00:00' +%s)" ] ||
    fail "$format: the failed render touched the output"
  leftovers=$(find "$work" -name '.*.tmp-*')
  [ -z "$leftovers" ] || fail "$format: a temporary was left behind: $leftovers"

  # Standard output: nothing at all.
  expect_exit 1 "$polar_helm" render "${flag[@]}" --file "$work/failing.dhall" \
    >"$work/stdout.$format" 2>/dev/null
  [ ! -s "$work/stdout.$format" ] || fail "$format: a failed render wrote to standard output"

  # A large output, written twice: the second render keeps the file and its time.
  "$polar_helm" render "${flag[@]}" --file "$work/large.dhall" --output "$out"
  [ "$(stat -c %s "$out")" -gt 500000 ] || fail "$format: the large output is too small"
  "$polar_helm" render "${flag[@]}" --file "$work/large.dhall" >"$work/large.stdout.$format"
  same_bytes "$out" "$work/large.stdout.$format"
  touch -d '2020-01-01 00:00:00' "$out"
  "$polar_helm" render "${flag[@]}" --file "$work/large.dhall" --output "$out"
  [ "$(stat -c %Y "$out")" = "$(date -d '2020-01-01 00:00:00' +%s)" ] ||
    fail "$format: an unchanged output was rewritten"
  leftovers=$(find "$work" -name '.*.tmp-*')
  [ -z "$leftovers" ] || fail "$format: a temporary was left behind: $leftovers"
done
echo "ok"
