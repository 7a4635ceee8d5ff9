#!/usr/bin/env bash
# check_errors.sh <polar-helm> <fixtures-dir> <work-dir>
# Exit codes, error paths, and that nothing is written when rendering fails.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 fixtures=$2 work=$3
fresh_dir "$work"

# An input error: exit 1, the path to the function in the message, no output.
echo "previous" >"$work/kept.yaml"
expect_exit 1 "$polar_helm" render --file "$fixtures/function.dhall" --output "$work/kept.yaml" \
  --depfile "$work/kept.d" 2>"$work/stderr"
grep -q 'spec.template.containers\[0\].livenessProbe' "$work/stderr" ||
  fail "the error does not name the path: $(cat "$work/stderr")"
[ "$(cat "$work/kept.yaml")" = "previous" ] || fail "the output was touched"
[ ! -e "$work/kept.d" ] || fail "a depfile was written"
[ -z "$(find "$work" -name '.*tmp*')" ] || fail "a temporary file was left behind"

# Special doubles: rejected, unless approximated.
expect_exit 1 "$polar_helm" render --json --file "$fixtures/reference/special_doubles.dhall" 2>/dev/null
"$polar_helm" render --approximate-special-doubles --preserve-null \
  --file "$fixtures/reference/special_doubles.dhall" >"$work/doubles.yaml"
expected="inf: 179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
nan: null
negative: -179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
[ "$(cat "$work/doubles.yaml")" = "$expected" ] || fail "approximated doubles: $(cat "$work/doubles.yaml")"

# Usage errors: exit 2.
expect_exit 2 "$polar_helm" render --no-such-flag 2>/dev/null
expect_exit 2 "$polar_helm" render --omit-empty --preserve-null --file "$fixtures/reference/maps.dhall" 2>/dev/null
expect_exit 2 "$polar_helm" render --depfile "$work/x.d" --file "$fixtures/reference/maps.dhall" 2>/dev/null
expect_exit 2 "$polar_helm" render --json --documents --file "$fixtures/reference/maps.dhall" 2>/dev/null

# A missing input file: exit 3.
expect_exit 3 "$polar_helm" render --file "$work/missing.dhall" 2>/dev/null
