#!/usr/bin/env bash
# check_module_boundaries.sh <source-dir>
# A module's internals stay inside it (docs/architecture.md, "Public headers
# and internals"): a header under src/<module>/detail/ is included only by
# src/<module>/ itself and by the white-box tests under tests/. (A public
# header may include an internal one for a type its interface needs, as fmt's
# public headers use fmt::detail; users still never name it themselves.)
# Fails listing each offending include. Exit 77 (skip) outside a git checkout.
set -euo pipefail
cd "$1"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "not a git checkout"; exit 77; }

violations=()
while IFS=: read -r file _ line; do
  header=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$line")
  module=${header%%/*}
  case $file in
    tests/*) continue ;;
    src/"$module"/detail/*) continue ;;
    src/"$module"/*) continue ;;
    *) violations+=("$file: includes $header, internal to src/$module") ;;
  esac
done < <(git grep -n -E '#include "[a-z_]+/detail/' -- '*.h' '*.cpp' || true)

if [ ${#violations[@]} -gt 0 ]; then
  echo "module internals used from outside (move the header out of detail/ or use a public one):"
  printf '  %s\n' "${violations[@]}"
  exit 1
fi
