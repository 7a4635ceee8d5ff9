#!/usr/bin/env bash
# check_freeze.sh <polar-helm> <work-dir> [<example-project> <shared dhall-kubernetes>]
# Stale pins and `polar-helm freeze` (docs/imports.md, "Stale pins" and
# "Freezing"): an edited frozen local import fails the render with the fix;
# freeze repairs it editing only the pins (cmp against the file with only the
# hash edited), with the hashes of `polar-helm hash`, idempotently, in
# dependency order; --check writes nothing and exits 1 on stale or missing
# pins; --cache writes the fallback form; secrets are never pinned.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2 example=${3:-} kubernetes=${4:-}
fresh_dir "$work"
export XDG_CACHE_HOME=$work/cache
cd "$work"
mirror=("--mirror=https://example.invalid/=$work/remote/")

mkdir -p lib remote
printf '{ replicas = 2 }\n' >lib/c.dhall
printf '{- the library -}\nlet c = ./c.dhall\nin  { replicas = c.replicas, image = "app" }\n' >lib/b.dhall
printf '"v1"\n' >remote/version.dhall
cat >a.dhall <<'A'
-- a chart template: comments and layout stay
let b = ./lib/b.dhall    {- the library -}
let version =
      https://example.invalid/version.dhall
in  { b, version, note = ./note.txt as Text }
A
printf 'hello' >note.txt
cp a.dhall original.dhall

hash_b=$("$polar_helm" hash --file lib/b.dhall)
hash_c=$("$polar_helm" hash --file lib/c.dhall)
hash_version=$("$polar_helm" hash --file remote/version.dhall)
hash_note=$(printf '"hello"' | "$polar_helm" hash)

# --check: the remote import has no pin; nothing is written.
expect_exit 1 "$polar_helm" freeze --check "${mirror[@]}" a.dhall >check.out
grep -q "a.dhall:4:7: missing pin: https://example.invalid/version.dhall hashes to $hash_version" \
  check.out || fail "--check output: $(cat check.out)"
same_bytes original.dhall a.dhall

# Without --all: the remote import only, its hash inserted and nothing else.
"$polar_helm" freeze "${mirror[@]}" a.dhall >/dev/null || fail "freeze"
sed "s|version.dhall$|version.dhall $hash_version|" original.dhall >expected.dhall
same_bytes expected.dhall a.dhall

# --all: the local imports too, `as Text` before its mode; the hashes are
# those of `polar-helm hash`.
"$polar_helm" freeze --all "${mirror[@]}" a.dhall >/dev/null || fail "freeze --all"
sed -e "s|./lib/b.dhall |./lib/b.dhall $hash_b |" -e "s|note.txt as|note.txt $hash_note as|" \
  expected.dhall >expected-all.dhall
same_bytes expected-all.dhall a.dhall

# Idempotent: a second run changes no byte, and --check passes.
"$polar_helm" freeze --all "${mirror[@]}" a.dhall >/dev/null || fail "freeze again"
same_bytes expected-all.dhall a.dhall
"$polar_helm" freeze --all --check "${mirror[@]}" a.dhall >/dev/null || fail "--check after freeze"

# Pin c inside b, then render: fine.
"$polar_helm" freeze --all lib/b.dhall >/dev/null || fail "freeze b"
grep -q "./c.dhall $hash_c" lib/b.dhall || fail "b pins c"
"$polar_helm" render "${mirror[@]}" --file a.dhall >render.yaml || fail "render"
grep -q "replicas: 2" render.yaml || fail "render output"

# An edit below a frozen import: the render fails with the location, both
# hashes and the fix; --trust-frozen renders the cached expression.
printf '{ replicas = 3 }\n' >lib/c.dhall
new_c=$("$polar_helm" hash --file lib/c.dhall)
expect_exit 1 "$polar_helm" render "${mirror[@]}" --file a.dhall 2>stale.err
grep -q "lib/b.dhall:2:9" stale.err || fail "location: $(cat stale.err)"
grep -q "$hash_c" stale.err || fail "pinned hash: $(cat stale.err)"
grep -q "$new_c" stale.err || fail "actual hash: $(cat stale.err)"
grep -q "polar-helm freeze" stale.err || fail "fix: $(cat stale.err)"
"$polar_helm" render --trust-frozen "${mirror[@]}" --file a.dhall >trusted.yaml || fail "trusted"
grep -q "replicas: 2" trusted.yaml || fail "--trust-frozen renders the cached expression"
expect_exit 1 "$polar_helm" freeze --all --check "${mirror[@]}" lib/b.dhall >stale.out
grep -q "lib/b.dhall:2:9: stale pin: ./c.dhall is pinned to $hash_c but hashes to $new_c" stale.out ||
  fail "--check stale: $(cat stale.out)"

# One run repairs both files, b (which a imports) first, whatever the order
# given; the repaired b differs from the old one in c's hash only.
sed "s|$hash_c|$new_c|" lib/b.dhall >expected-b.dhall
cp a.dhall before-a.dhall
"$polar_helm" freeze "${mirror[@]}" a.dhall lib/b.dhall >/dev/null || fail "freeze both"
same_bytes expected-b.dhall lib/b.dhall
new_b=$("$polar_helm" hash --file lib/b.dhall)
sed "s|$hash_b|$new_b|" before-a.dhall >expected-a.dhall
same_bytes expected-a.dhall a.dhall
"$polar_helm" render "${mirror[@]}" --file a.dhall | grep -q "replicas: 3" || fail "repaired render"

# --cache: the fallback form, idempotent, and back to the plain form.
printf 'let b = ./lib/b.dhall in b\n' >cached.dhall
"$polar_helm" freeze --all --cache cached.dhall >/dev/null || fail "freeze --cache"
printf 'let b = missing %s ? ./lib/b.dhall in b\n' "$new_b" >expected-cached.dhall
same_bytes expected-cached.dhall cached.dhall
"$polar_helm" freeze --all --cache --check cached.dhall >/dev/null || fail "--cache --check"
"$polar_helm" freeze cached.dhall >/dev/null || fail "freeze back"
printf 'let b = ./lib/b.dhall %s in b\n' "$new_b" >expected-plain.dhall
same_bytes expected-plain.dhall cached.dhall

# Secrets are never pinned: a file reading a variable stays as it is, and
# neither the value nor a digest of it is printed.
printf 'env:TOKEN as Text\n' >token.dhall
printf '{ token = ./token.dhall }\n' >secret-user.dhall
cp secret-user.dhall secret-before.dhall
TOKEN=hunter2-value "$polar_helm" freeze --all secret-user.dhall >secret.out 2>&1 ||
  fail "freeze of a secret reader"
same_bytes secret-before.dhall secret-user.dhall
grep -q "not frozen" secret.out || fail "secret note: $(cat secret.out)"
! grep -q "hunter2-value" secret.out || fail "the value was printed"

# The reference's hash: the example's dhall-kubernetes pin (which the
# reference dhall-to-json accepts, tests/integration/cache_interop.sh) is
# what freeze computes for the package, from a file whose pin is wrong.
if [ -n "$kubernetes" ] && [ -f "$kubernetes/package.dhall" ]; then
  pinned=$example/deploy/lib/kubernetes.dhall
  sed 's|sha256:[0-9a-f]*|sha256:0000000000000000000000000000000000000000000000000000000000000000|' \
    "$pinned" >kubernetes.dhall
  "$polar_helm" freeze --offline \
    "--mirror=https://raw.githubusercontent.com/dhall-lang/dhall-kubernetes/master/=$kubernetes/" \
    kubernetes.dhall >/dev/null || fail "freeze dhall-kubernetes"
  same_bytes "$pinned" kubernetes.dhall
fi

# Usage errors: exit 2.
expect_exit 2 "$polar_helm" freeze
expect_exit 2 "$polar_helm" freeze no-such-file.dhall
echo ok
