# Helpers shared by the render CLI tests (sourced by bash scripts).
set -euo pipefail

# Exit code CTest reads as "skipped" (SKIP_RETURN_CODE in CMakeLists.txt).
skip_code=77

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# fresh_dir <dir>: an empty directory at <dir>.
fresh_dir() {
  rm -rf "$1"
  mkdir -p "$1"
}

# same_bytes <expected> <actual>: fails with a diff unless the files are identical.
same_bytes() {
  if ! cmp -s "$1" "$2"; then
    diff -u "$1" "$2" >&2 || true
    fail "$2 differs from $1"
  fi
}

# expect_exit <code> <command...>: runs the command, fails unless it exits with <code>.
expect_exit() {
  local expected=$1
  shift
  local actual=0
  "$@" || actual=$?
  [ "$actual" -eq "$expected" ] || fail "exit code $actual, expected $expected: $*"
}

# expect_exit_stderr <code> <stderr-file> <command...>: as expect_exit, with the command's
# standard error kept in <stderr-file> and shown when the exit code is wrong.
expect_exit_stderr() {
  local expected=$1 stderr_file=$2
  shift 2
  local actual=0
  "$@" 2>"$stderr_file" || actual=$?
  [ "$actual" -eq "$expected" ] ||
    fail "exit code $actual, expected $expected: $*: $(head -c 2000 "$stderr_file")"
}
