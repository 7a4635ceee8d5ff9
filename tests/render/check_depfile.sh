#!/usr/bin/env bash
# check_depfile.sh <polar-helm> <work-dir>
# --depfile lists every local file the render read, escaped for Make/Ninja.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"
mkdir -p "$work/dir with space"
echo '{ name = "lib" }' >"$work/dir with space/lib#1.dhall"
printf 'text' >"$work/notes.txt"
cat >"$work/main.dhall" <<'DHALL'
{ lib = ./"dir with space"/"lib#1.dhall", notes = ./notes.txt as Text }
DHALL

"$polar_helm" render --file "$work/main.dhall" --output "$work/out.yaml" --depfile "$work/out.d" ||
  fail "render failed"
dir=$(cd "$work" && pwd)
expected="$work/out.yaml: \\
  $dir/main.dhall \\
  $dir/dir\\ with\\ space/lib\\#1.dhall \\
  $dir/notes.txt"
[ "$(cat "$work/out.d")" = "$expected" ] || fail "depfile:
$(cat "$work/out.d")
expected:
$expected"
