#!/usr/bin/env bash
# The example's manifests keep the neo4j Secret inside the component's
# multi-document file, as Polar does (issue #18): on a scratch copy of
# example-project/ whose .sops.yaml names a key made here, `polar-helm
# manifests` with the example's options encrypts local/polar/neo4j.yaml as
# one sops stream (the metadata in each of its three documents, only the
# Secret's stringData encrypted, the StatefulSet and Service readable), and
# both our decrypt and sops-age (npm, document by document) give back what
# `polar-helm render --documents` renders.
#
#   example_manifests_secret.sh <polar-helm> <example-project> <dhall-kubernetes copy>
#                               <npm-dir> <tests/secrets>
source "$(dirname "$0")/lib.sh"
[ $# -eq 5 ] || fail "usage: example_manifests_secret.sh <polar-helm> <example> <k8s> <npm> <js>"
polar_helm=$1 example=$2 dhall_kubernetes=$3 npm_dir=$4 secrets_tests=$5
[ -f "$dhall_kubernetes/package.dhall" ] || skip "no dhall-kubernetes copy at $dhall_kubernetes"
for tool in age-keygen node; do
  command -v "$tool" >/dev/null || skip "$tool not found"
done
[ -d "$npm_dir/node_modules/sops-age" ] || skip "sops-age not in $npm_dir"
npm_dir=$(cd "$npm_dir" && pwd)

make_scratch
src=$scratch/example
mkdir -p "$src"
cp -r "$example/manifests" "$example/gitops" "$example/.sops.yaml" "$src/"
export XDG_CACHE_HOME=$scratch/cache
unset POLAR_HELM_SECRETS_PLACEHOLDER SOPS_AGE_KEY
age-keygen -o "$scratch/key.txt" 2>/dev/null
recipient=$(age-keygen -y "$scratch/key.txt")
demo=age1lv5nmcc8s2z3tl69gycknr5fvc4kl2zvf6gxxdf2unrna0dpygcqqklp7g
sed -i "s/$demo/$recipient/" "$src/.sops.yaml"
# The options of polar_helm_manifests(polar-manifests ...) in CMakeLists.txt.
pattern=$(sed -n '/^polar_helm_manifests(/,/)/{/SECRETS_PATTERN/{n;s/^ *"\(.*\)"$/\1/p}}' \
  "$example/CMakeLists.txt")
[ "$pattern" = 'local/*/neo4j.dhall' ] || fail "unexpected SECRETS_PATTERN '$pattern'"
mirror=(--mirror "https://raw.githubusercontent.com/dhall-lang/dhall-kubernetes/master/=$dhall_kubernetes/"
  --offline)
password=neo4j-pw-$RANDOM$RANDOM-do-not-leak
out=$src/gitops/manifests
secret=$out/local/polar/neo4j.yaml

step "the Secret is one document of neo4j.yaml; the file is encrypted as a sops stream"
[ ! -e "$example/manifests/local/polar/neo4j-secret.dhall" ] ||
  fail "the example still keeps the Secret in a file of its own"
NEO4J_PASSWORD=$password run_logged "$scratch/manifests.log" "$polar_helm" manifests \
  "$src/manifests" "$out" --exclude 'types/**' --kustomization --secrets-pattern "$pattern" \
  "${mirror[@]}" || fail "polar-helm manifests failed"
[ "$(grep -c '^---$' "$secret")" = 2 ] || fail "neo4j.yaml is not three documents"
[ "$(grep -c '^sops:$' "$secret")" = 3 ] || fail "the sops metadata is not in each document"
[ "$(grep '^    mac: ENC' "$secret" | sort -u | wc -l)" = 1 ] || fail "not one MAC for the file"
assert_contains "$secret" '^    NEO4J_AUTH: ENC\[AES256_GCM'
assert_contains "$secret" '^kind: StatefulSet$'
assert_contains "$secret" '^    serviceName: neo4j$'
assert_contains "$secret" '^kind: Service$'
assert_not_contains "$secret" "$password"
assert_contains "$out/local/polar/kustomization.yaml" '^  - neo4j\.yaml$'
assert_not_contains "$out/local/polar/kustomization.yaml" 'neo4j-secret'

step "our decrypt and sops-age give back the rendered documents"
NEO4J_PASSWORD=$password "$polar_helm" render --documents "${mirror[@]}" \
  --file "$src/manifests/local/polar/neo4j.dhall" --output "$scratch/rendered.yaml" ||
  fail "polar-helm render failed"
grep -q "neo4j/$password" "$scratch/rendered.yaml" || fail "the render lacks the password"
# decrypt writes no leading --- (go-yaml's encoder); the render starts with one.
sed '1{/^---$/d}' "$scratch/rendered.yaml" >"$scratch/expected.yaml"
SOPS_AGE_KEY_FILE=$scratch/key.txt "$polar_helm" decrypt "$secret" >"$scratch/decrypted.yaml" ||
  fail "polar-helm decrypt failed"
cmp "$scratch/decrypted.yaml" "$scratch/expected.yaml" ||
  fail "polar-helm decrypt does not give the rendered documents back"
SOPS_AGE_KEY_FILE=$scratch/key.txt node "$secrets_tests/sops_age_decrypt.mjs" "$npm_dir" \
  "$secret" "$scratch/rendered.yaml" || fail "sops-age does not give the rendered documents back"

echo
echo "example manifests secret: all checks passed"
