#!/usr/bin/env bash
# check_reference_json.sh <polar-helm> <reference-dhall-to-json> <fixtures-dir> <work-dir>
# polar-helm as dhall-to-json prints what the reference dhall-to-json 1.7.6
# prints, flag for flag (pretty output: its --compact does not sort keys),
# as corrected by the later dhall-json changelog entries that change these
# outputs (docs/rendering.md, "Current dhall-json").
source "$(dirname "$0")/lib.sh"
polar_helm=$1 reference=$2 fixtures=$3 work=$4
if [ -z "$reference" ] || [ ! -x "$reference" ]; then
  echo "SKIP: the reference dhall-to-json is not installed (run tools/setup.sh)"
  exit "$skip_code"
fi
fresh_dir "$work"
ln -s "$polar_helm" "$work/dhall-to-json"

# 1.7.10 "Don't use scientific notation for large integers"
# (dhall-haskell#2352): pretty output writes numbers as --compact does, so an
# integral number 1.7.6 wrote in exponent notation (1.0e20, 1.5e300) is
# written out in full.
as_dhall_json_1_7_13() {
  perl -pe 's/^(\s*(?:"(?:[^"\\]|\\.)*": )?)(-?)(\d)\.(\d+)e(\d+)(,?)$/
    my ($prefix, $sign, $lead, $fraction, $exponent, $comma) = ($1, $2, $3, $4, $5, $6);
    $fraction = "" if $fraction eq "0";
    length($fraction) <= $exponent
      ? $prefix . $sign . $lead . $fraction . ("0" x ($exponent - length($fraction))) . $comma
      : $&/e'
}

compare() {
  local file=$1 name
  shift
  name=$(basename "$file" .dhall)
  local expected_code=0 actual_code=0
  "$reference" --file "$file" "$@" 2>/dev/null | as_dhall_json_1_7_13 >"$work/$name.expected" ||
    expected_code=${PIPESTATUS[0]}
  "$work/dhall-to-json" --file "$file" "$@" >"$work/$name.actual" 2>/dev/null || actual_code=$?
  [ "$expected_code" -eq "$actual_code" ] ||
    fail "$name $*: exit code $actual_code, the reference exits with $expected_code"
  same_bytes "$work/$name.expected" "$work/$name.actual"
}

for file in "$fixtures"/reference/*.dhall; do
  compare "$file"
  compare "$file" --omit-empty
  compare "$file" --preserve-null
  compare "$file" --no-maps
  compare "$file" --key k --value v
  compare "$file" --approximate-special-doubles
done
