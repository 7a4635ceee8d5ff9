# Helpers of the integration tests (sourced). Each test runs in a scratch
# folder removed on exit unless POLAR_HELM_KEEP_SCRATCH is set.

set -euo pipefail

step() { printf '\n=== %s\n' "$*"; }
# skip <reason>: CTest reports the test as skipped (SKIP_RETURN_CODE 77).
skip() {
  printf 'SKIPPED: %s\n' "$*"
  exit 77
}
fail() {
  printf 'FAILED: %s\n' "$*" >&2
  exit 1
}

# make_scratch: sets $scratch to a new folder, removed when the test exits.
make_scratch() {
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/polar-helm-integration.XXXXXX")
  if [ -z "${POLAR_HELM_KEEP_SCRATCH:-}" ]; then
    trap 'rm -rf "$scratch"' EXIT
  else
    echo "scratch folder kept: $scratch"
  fi
}

assert_file() { [ -f "$1" ] || fail "$1 does not exist"; }
assert_no_file() { [ ! -e "$1" ] || fail "$1 exists"; }
# assert_contains <file> <extended regex>
assert_contains() { grep -Eq -- "$2" "$1" || fail "$1 does not match /$2/: $(cat "$1")"; }
assert_not_contains() { ! grep -Eq -- "$2" "$1" || fail "$1 matches /$2/"; }

# run_logged <log> <command...>: runs the command with its output in <log>
# (and on the terminal), returning its status.
run_logged() {
  local log=$1
  shift
  local status=0
  "$@" >"$log" 2>&1 || status=$?
  cat "$log"
  return $status
}

# rendered_sources <ninja log>: the Dhall files a build rendered, sorted, as
# the module's "polar-helm: rendering <path>" lines name them.
rendered_sources() {
  sed -n 's/^\[[0-9]*\/[0-9]*\] polar-helm: rendering //p' "$1" | sort
}

# assert_same_lines <what> <expected> <actual>: two newline-separated lists.
assert_same_lines() {
  if [ "$2" != "$3" ]; then
    printf 'expected %s:\n%s\nactual:\n%s\n' "$1" "$2" "$3" >&2
    fail "$1 differ"
  fi
}

# checksums <dir>: a sorted "sum path" line per file.
checksums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

# free_port: a TCP port of 127.0.0.1 free right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_docker_registry <docker-registry> <folder> <port> [htpasswd file]:
# starts Debian's docker-registry (CNCF distribution) on 127.0.0.1:<port> with
# its config, storage and log in <folder> (htpasswd authentication when given)
# and waits until it answers; sets $registry_pid, which the caller stops.
start_docker_registry() {
  local program=$1 folder=$2 port=$3 htpasswd=${4:-}
  mkdir -p "$folder/storage"
  {
    printf 'version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n'
    printf 'storage:\n  filesystem:\n    rootdirectory: %s\n' "$folder/storage"
    printf 'http:\n  addr: 127.0.0.1:%s\n' "$port"
    if [ -n "$htpasswd" ]; then
      printf 'auth:\n  htpasswd:\n    realm: polar-test\n    path: %s\n' "$htpasswd"
    fi
  } >"$folder/config.yml"
  "$program" serve "$folder/config.yml" >"$folder/log.txt" 2>&1 &
  registry_pid=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/v2/" && return 0
    sleep 0.1
  done
  cat "$folder/log.txt"
  fail "the registry in $folder did not start on port $port"
}
