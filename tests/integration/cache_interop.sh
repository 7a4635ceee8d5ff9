#!/usr/bin/env bash
# cache_interop.sh <polar-helm> <reference dhall-to-json> <shared dir>
# The standard integrity cache is shared with the reference implementation
# both ways (issue #5). The import under test is dhall-kubernetes by its
# pinned https URL, and there is no network: it resolves only through a
# cache entry the other implementation wrote.
#   1. The reference fills an empty cache from the local copy of the package
#      (a local import with a hash is cached too); we render from that cache.
#   2. We fill an empty cache the same way; the reference renders from it.
# Both renders must print what the reference prints, and both entries must be
# the same bytes.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 reference=${2:-} shared=${3:-}

[ -n "$reference" ] && [ -x "$reference" ] ||
  skip "the reference dhall-to-json 1.7.6 is not installed (run tools/setup.sh)"
[ -n "$shared" ] && [ -f "$shared/dhall-kubernetes/package.dhall" ] ||
  skip "the shared dhall-kubernetes copy is missing (POLAR_HELM_SHARED_DIR=$shared)"

hash=sha256:263ee915ef545f2d771fdcd5cfa4fbb7f62772a861b5c197f998e5b71219112c
entry=1220${hash#sha256:}
url=https://raw.githubusercontent.com/dhall-lang/dhall-kubernetes/master/package.dhall

make_scratch
# Our drop-in name prints exactly what the reference prints.
ln -s "$polar_helm" "$scratch/dhall-to-json"
deployment='k.Deployment::{ metadata = k.ObjectMeta::{ name = Some "cache-interop" } }'
printf 'let k = %s %s in %s\n' "$shared/dhall-kubernetes/package.dhall" "$hash" \
  "$deployment" >"$scratch/local.dhall"
printf 'let k = %s %s in %s\n' "$url" "$hash" "$deployment" >"$scratch/remote.dhall"

# in_cache <cache> <command...>: runs the command with <cache> as its only
# cache, no home of the user's and no network.
in_cache() {
  local cache=$1
  shift
  env HOME="$scratch/home" XDG_CACHE_HOME="$cache" POLAR_HELM_OFFLINE=1 \
    http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
    HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 "$@"
}

step "the URL cannot be resolved without a cache"
if in_cache "$scratch/empty" "$scratch/dhall-to-json" --file "$scratch/remote.dhall" \
  >"$scratch/no-cache.json" 2>"$scratch/no-cache.err"; then
  fail "remote.dhall rendered without a cache entry: the test would prove nothing"
fi

step "1. the reference fills a cache, we read it"
in_cache "$scratch/reference" "$reference" --file "$scratch/local.dhall" \
  >"$scratch/expected.json" || fail "the reference cannot render local.dhall"
assert_file "$scratch/reference/dhall/$entry"
in_cache "$scratch/reference" "$scratch/dhall-to-json" --file "$scratch/remote.dhall" \
  >"$scratch/ours-from-reference.json" || fail "we cannot read the reference's cache entry"
cmp "$scratch/expected.json" "$scratch/ours-from-reference.json" ||
  fail "reading the reference's entry we print something else"

step "2. we fill a cache, the reference reads it"
in_cache "$scratch/ours" "$scratch/dhall-to-json" --file "$scratch/local.dhall" \
  >"$scratch/ours.json" || fail "we cannot render local.dhall"
cmp "$scratch/expected.json" "$scratch/ours.json" || fail "we print something else"
assert_file "$scratch/ours/dhall/$entry"
cmp "$scratch/reference/dhall/$entry" "$scratch/ours/dhall/$entry" ||
  fail "our entry $entry differs from the reference's"
in_cache "$scratch/ours" "$reference" --file "$scratch/remote.dhall" \
  >"$scratch/reference-from-ours.json" || fail "the reference cannot read our cache entry"
cmp "$scratch/expected.json" "$scratch/reference-from-ours.json" ||
  fail "reading our entry the reference prints something else"

echo "the integrity cache interoperates both ways ($entry)"
