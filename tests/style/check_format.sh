#!/usr/bin/env bash
# check_format.sh <clang-format|cmake-format> <source-dir>
# Fails, listing the files, when a tracked C++ or CMake file is not formatted
# as .clang-format / .cmake-format.yaml say. Exit 77 (skip) without the tool
# or outside a git checkout.
set -euo pipefail
tool=$1 root=$2
cd "$root"
command -v "$tool" >/dev/null || { echo "$tool not found"; exit 77; }
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "not a git checkout"; exit 77; }

case $tool in
  clang-format) mapfile -t files < <(git ls-files '*.cpp' '*.h') ;;
  cmake-format) mapfile -t files < <(git ls-files 'CMakeLists.txt' '*/CMakeLists.txt' '*.cmake' '*.cmake.in') ;;
  *) echo "unknown formatter $tool"; exit 2 ;;
esac

unformatted=()
for file in "${files[@]}"; do
  [ -f "$file" ] || continue # deleted in the work tree
  case $tool in
    clang-format) clang-format --dry-run -Werror "$file" >/dev/null 2>&1 || unformatted+=("$file") ;;
    cmake-format) cmake-format --check "$file" >/dev/null 2>&1 || unformatted+=("$file") ;;
  esac
done
if [ ${#unformatted[@]} -gt 0 ]; then
  echo "not formatted by $tool (run: $tool -i <file>):"
  printf '  %s\n' "${unformatted[@]}"
  exit 1
fi
echo "${#files[@]} files formatted"
