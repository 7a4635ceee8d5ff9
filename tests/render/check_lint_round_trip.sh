#!/usr/bin/env bash
# check_lint_round_trip.sh <polar-helm> <work-dir> <folder>...
# `polar-helm lint` on every Dhall file below the folders (read in place,
# linted through standard input, never written there): linting twice
# changes nothing more, and the linted file has the same semantic hash.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
shift 2
fresh_dir "$work"
count=0
for folder in "$@"; do
  [ -d "$folder" ] || { echo "no folder $folder"; exit "$skip_code"; }
  while IFS= read -r -d '' file; do
    # Standard input's imports resolve from the working directory: the file's.
    directory=$(dirname "$file")
    (cd "$directory" && "$polar_helm" lint <"$file") >"$work/once.dhall" ||
      fail "lint $file"
    (cd "$directory" && "$polar_helm" lint <"$work/once.dhall") >"$work/twice.dhall" ||
      fail "lint of linted $file"
    same_bytes "$work/once.dhall" "$work/twice.dhall"
    original=$("$polar_helm" hash --file "$file") || fail "hash $file"
    linted=$(cd "$directory" && "$polar_helm" hash <"$work/once.dhall") || fail "hash of linted $file"
    [ "$original" = "$linted" ] || fail "lint changed the meaning of $file: $original, then $linted"
    count=$((count + 1))
  done < <(find "$folder" -name '*.dhall' -type f -print0 | sort -z)
done
[ "$count" -gt 0 ] || fail "no Dhall files"
echo "ok: $count files"
