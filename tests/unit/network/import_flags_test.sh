#!/usr/bin/env bash
# The import flags of the polar-helm command line, end to end:
#   import_flags_test.sh <polar-helm> <dhall-kubernetes copy> <data dir>
# Offline rendering of a pinned dhall-kubernetes import through a directory
# mirror with an empty cache, the offline error, and usage errors (exit 2).
set -uo pipefail
polar_helm=$1
kubernetes=$2
data=$3

fail() {
  printf 'FAILED: %s\n' "$*" >&2
  exit 1
}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/polar-helm-import-flags.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export XDG_CACHE_HOME=$scratch/cache HOME=$scratch/home
unset POLAR_HELM_OFFLINE POLAR_HELM_MIRROR_CONFIG POLAR_HELM_BUILD_CACHE DHALL_HEADERS
mkdir -p "$XDG_CACHE_HOME" "$HOME"

# expect <exit code> <extended regex> <command...>: runs the command, checks
# its exit code and that its output (stdout and stderr) matches.
expect() {
  local code=$1 pattern=$2
  shift 2
  "$@" >"$scratch/out" 2>&1
  local actual=$?
  [ "$actual" -eq "$code" ] || fail "exit code $actual instead of $code: $* -> $(cat "$scratch/out")"
  grep -Eq -- "$pattern" "$scratch/out" || fail "no /$pattern/ in the output of $*: $(cat "$scratch/out")"
}

prefix=https://raw.githubusercontent.com/dhall-lang/dhall-kubernetes/master/
expect 0 'kind: Deployment' \
  "$polar_helm" render --offline --mirror "$prefix=$kubernetes/" --file "$data/deployment.dhall"
expect 0 'image: nginx:1.25' \
  env POLAR_HELM_OFFLINE=1 "$polar_helm" render --mirror "$prefix=$kubernetes" \
  --file "$data/deployment.dhall"

# The same through a configuration file with a directory relative to it.
mkdir -p "$scratch/conf"
ln -s "$kubernetes" "$scratch/conf/k8s"
printf '# mirrors\n%s = k8s   # the local copy\n' "$prefix" >"$scratch/conf/mirrors.txt"
rm -rf "$XDG_CACHE_HOME"/*
expect 0 'kind: Deployment' env POLAR_HELM_OFFLINE=1 \
  POLAR_HELM_MIRROR_CONFIG="$scratch/conf/mirrors.txt" "$polar_helm" render \
  --file "$data/deployment.dhall"

# Offline without a mirror or a cache entry: the URL and the way out.
rm -rf "$XDG_CACHE_HOME"/*
expect 1 "offline mode.*${prefix}package.dhall.*--mirror" \
  "$polar_helm" render --offline --file "$data/deployment.dhall"
# ... and with the cache filled by the runs above, no mirror is needed.
"$polar_helm" hash --offline --mirror "$prefix=$kubernetes" --file "$data/deployment.dhall" \
  >/dev/null || fail "hash with a mirror"
expect 0 'kind: Deployment' "$polar_helm" render --offline --file "$data/deployment.dhall"

# Usage errors: exit code 2 and what was expected.
expect 2 'PREFIX=TARGET' "$polar_helm" render --mirror nonsense --file "$data/deployment.dhall"
expect 2 'does not exist' "$polar_helm" type --mirror "https://a.org/=$scratch/nowhere" \
  --file "$data/deployment.dhall"
expect 2 "mirrors.txt:1: .*not an http" bash -c \
  "printf 'ftp://a.org = /tmp\n' >'$scratch/mirrors.txt' && '$polar_helm' dhall --mirror-config '$scratch/mirrors.txt'"
expect 2 'offline mode cannot reach' \
  "$polar_helm" render --offline --mirror "https://a.org=http://127.0.0.1:9/" --file "$data/deployment.dhall"
expect 2 'POLAR_HELM_OFFLINE' env POLAR_HELM_OFFLINE=maybe "$polar_helm" hash --file "$data/deployment.dhall"
expect 2 'http-timeout' "$polar_helm" render --http-timeout 0 --file "$data/deployment.dhall"
# The drop-in names keep the reference's flags only, but read the environment.
ln -s "$polar_helm" "$scratch/dhall-to-json"
expect 2 'mirror' "$scratch/dhall-to-json" --mirror "$prefix=$kubernetes" --file "$data/deployment.dhall"
rm -rf "$XDG_CACHE_HOME"/*
expect 1 'offline mode' env POLAR_HELM_OFFLINE=1 "$scratch/dhall-to-json" --file "$data/deployment.dhall"
echo "import flags: all checks passed"
