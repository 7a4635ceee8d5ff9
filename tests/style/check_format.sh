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
  clang-format) mapfile -t tracked < <(git ls-files '*.cpp' '*.h') ;;
  cmake-format) mapfile -t tracked < <(git ls-files 'CMakeLists.txt' '*/CMakeLists.txt' '*.cmake' '*.cmake.in') ;;
  *) echo "unknown formatter $tool"; exit 2 ;;
esac
files=()
for file in "${tracked[@]}"; do
  [ -f "$file" ] && files+=("$file") # not the ones deleted in the work tree
done

# One process for all the files: the tools' start-up, not the checking, was
# most of the time when they ran once per file. Both name each file that
# fails and go on with the others.
set +e
case $tool in
  clang-format) report=$(clang-format --dry-run -Werror "${files[@]}" 2>&1 >/dev/null) ;;
  cmake-format) report=$(cmake-format --check "${files[@]}" 2>&1 >/dev/null) ;;
esac
status=$?
set -e
if [ $status -ne 0 ]; then
  echo "not formatted by $tool (run: $tool -i <file>):"
  case $tool in
    clang-format) sed -n -E 's/^(.+):[0-9]+:[0-9]+: error: code should be clang-formatted.*/  \1/p' <<<"$report" | sort -u ;;
    cmake-format) sed -n -E 's/.*Check failed: (.+)$/  \1/p' <<<"$report" ;;
  esac
  # Whatever else the tool said (a file it could not read, a crash).
  grep -i 'error' <<<"$report" | grep -v -E 'code should be clang-formatted|Check failed: ' || true
  exit 1
fi
echo "${#files[@]} files formatted"
