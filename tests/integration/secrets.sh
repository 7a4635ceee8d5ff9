#!/usr/bin/env bash
# Secrets in charts (issue #7) on the `mini` fixture, whose web-secret.dhall
# reads its token from env:MINI_TOKEN: the CMake module encrypts it for the
# .sops.yaml above the sources (and with ENCRYPT_COMMAND), the value is in no
# file of the build tree nor in the logs, sops-age (npm) decrypts the chart
# file, an unchanged secret keeps its committed bytes with a key, drift and
# sync compare by content, helm lint passes, a type error does not print the
# value, and `polar-helm chart` does the same in one process.
#
#   secrets.sh <PolarHelm_DIR> <polar-helm> <npm-dir> <helm>
source "$(dirname "$0")/lib.sh"
[ $# -ge 4 ] || skip "no helm to test with"
package_dir=$1 polar_helm=$2 npm_dir=$3 helm=$4
for tool in age-keygen node; do
  command -v "$tool" >/dev/null || skip "$tool not found"
done
[ -d "$npm_dir/node_modules/sops-age" ] || skip "sops-age not in $npm_dir"
fixtures=$(cd "$(dirname "$0")/fixtures" && pwd)
decrypt_js=$(cd "$(dirname "$0")/../secrets" && pwd)/sops_age_decrypt.mjs

make_scratch
repo=$scratch/repo
src=$repo/deploy
committed=$repo/gitops/mini
build=$scratch/build
chart=$build/charts/mini
secret_file=charts/web/templates/web-secret.yaml
mkdir -p "$repo" "$scratch/keys" "$scratch/no-config"
cp -r "$fixtures/mini" "$src"
rm "$src/values.dhall.local"

# No identity unless a step sets one: not even the user's keys.txt.
export XDG_CONFIG_HOME=$scratch/no-config
unset SOPS_AGE_KEY SOPS_AGE_KEY_FILE
age-keygen -o "$scratch/keys/key.txt" 2>/dev/null
recipient=$(age-keygen -y "$scratch/keys/key.txt")
secret=tok-$RANDOM$RANDOM-do-not-leak
export MINI_TOKEN=$secret
cat >"$repo/.sops.yaml" <<YAML
creation_rules:
  - path_regex: gitops/.*-secret\.yaml$
    encrypted_regex: ^(data|stringData)$
    age: $recipient
YAML
# What the secret renders to, outside the build tree, for sops-age to compare.
cat >"$scratch/keys/expected.yaml" <<YAML
apiVersion: v1
kind: Secret
metadata:
  name: web
  namespace: mini
stringData:
  token: $secret
YAML

# assert_no_secret <what> <file or folder>...: the value appears nowhere.
assert_no_secret() {
  local what=$1
  shift
  if grep -rlF -- "$secret" "$@"; then
    fail "the secret value appears in $what (files above)"
  fi
}
with_key() { SOPS_AGE_KEY_FILE=$scratch/keys/key.txt "$@"; }
sops_age_decrypts() {
  with_key node "$decrypt_js" "$npm_dir" "$1" "$scratch/keys/expected.yaml" ||
    fail "sops-age did not decrypt $1 to the rendered secret"
}

step "without any encryption configured, the configure step names the secret"
mv "$repo/.sops.yaml" "$scratch/keys/sops.yaml"
if run_logged "$scratch/unconfigured.log" cmake -S "$fixtures/secrets-project" \
  -B "$scratch/unconfigured" -G Ninja -DPolarHelm_DIR="$package_dir" -DMINI_SOURCES="$src"; then
  fail "configuring passed with a secret and no encryption"
fi
assert_contains "$scratch/unconfigured.log" 'web/web-secret.dhall'
assert_contains "$scratch/unconfigured.log" 'AGE_RECIPIENTS'
mv "$scratch/keys/sops.yaml" "$repo/.sops.yaml"

step "configure and build: the secret is encrypted for the .sops.yaml rule"
run_logged "$scratch/configure.log" cmake -S "$fixtures/secrets-project" -B "$build" -G Ninja \
  -DPolarHelm_DIR="$package_dir" -DMINI_SOURCES="$src" -DMINI_COMMITTED="$committed" \
  "-DPOLAR_HELM_HELM_EXECUTABLES=$helm" || fail "configuring failed"
assert_contains "$scratch/configure.log" 'encrypting web/web-secret.dhall'
run_logged "$scratch/build.log" ninja -C "$build" -v || fail "the build failed"
assert_contains "$chart/$secret_file" '^sops:'
assert_contains "$chart/$secret_file" 'token: ENC\[AES256_GCM,'
assert_contains "$chart/$secret_file" '^kind: Secret$' # outside encrypted_regex
assert_contains "$chart/.helmignore" "^$secret_file\$"
assert_contains "$chart/charts/web/.helmignore" '^templates/web-secret\.yaml$'
sops_age_decrypts "$chart/$secret_file"

step "helm lint and template pass; the first sync writes the encrypted copy"
run_logged "$scratch/ctest.log" ctest --test-dir "$build" --output-on-failure -E drift ||
  fail "the chart tests failed"
run_logged "$scratch/sync.log" ninja -C "$build" mini_sync || fail "mini_sync failed"
cmp "$chart/$secret_file" "$committed/$secret_file" || fail "sync did not copy the secret"
run_logged "$scratch/drift.log" ctest --test-dir "$build" --output-on-failure -R drift ||
  fail "drift after sync"

step "an unchanged secret re-rendered with the key keeps the committed bytes"
touch "$src/web/web-secret.dhall"
with_key run_logged "$scratch/rebuild-key.log" ninja -C "$build" || fail "the rebuild failed"
assert_contains "$scratch/rebuild-key.log" 'rendering web/web-secret.dhall'
cmp "$chart/$secret_file" "$committed/$secret_file" || fail "an unchanged secret was re-encrypted"
with_key run_logged "$scratch/drift-key.log" ctest --test-dir "$build" --output-on-failure \
  -R drift || fail "drift with the key"

step "without the key it is re-encrypted; drift and sync compare by structure"
touch "$src/web/web-secret.dhall"
run_logged "$scratch/rebuild-blind.log" ninja -C "$build" || fail "the rebuild failed"
assert_contains "$scratch/rebuild-blind.log" 're-encrypted: no age identity'
cmp -s "$chart/$secret_file" "$committed/$secret_file" && fail "expected a fresh encryption"
run_logged "$scratch/drift-blind.log" ctest --test-dir "$build" -V -R drift ||
  fail "drift without the key"
assert_contains "$scratch/drift-blind.log" 'compared by structure only'
before=$(sha256sum "$committed/$secret_file")
run_logged "$scratch/sync-blind.log" ninja -C "$build" mini_sync || fail "mini_sync failed"
assert_contains "$scratch/sync-blind.log" '0 written, 0 updated, 0 removed'
[ "$before" = "$(sha256sum "$committed/$secret_file")" ] || fail "sync churned the secret"

step "a changed value: drift fails with the key, without showing either value"
export MINI_TOKEN=changed-$secret
touch "$src/web/web-secret.dhall"
run_logged "$scratch/rebuild-changed.log" ninja -C "$build" || fail "the rebuild failed"
if with_key run_logged "$scratch/drift-changed.log" ctest --test-dir "$build" \
  --output-on-failure -R drift; then
  fail "drift passed with a changed secret value"
fi
assert_contains "$scratch/drift-changed.log" 'the decrypted values differ'
export MINI_TOKEN=$secret
touch "$src/web/web-secret.dhall"
with_key ninja -C "$build" >"$scratch/rebuild-back.log" 2>&1 || fail "the rebuild failed"

step "a type error in the secret fails without printing the value"
# A failed assertion is the checker's most talkative message: it quotes both
# sides, normalized, so the resolved env: value.
cp "$src/web/web-secret.dhall" "$scratch/keys/web-secret.dhall"
sed -i 's|token = env:MINI_TOKEN as Text ? "placeholder"|token = assert : (env:MINI_TOKEN as Text) === "x"|' \
  "$src/web/web-secret.dhall"
if run_logged "$scratch/type-error.log" ninja -C "$build"; then
  fail "the build passed with a type error"
fi
assert_contains "$scratch/type-error.log" 'web-secret\.dhall:[0-9]+:[0-9]+: error: assertion failed'
assert_contains "$scratch/type-error.log" '<value hidden>'
cp "$scratch/keys/web-secret.dhall" "$src/web/web-secret.dhall"
sops_age_decrypts "$chart/$secret_file" # the last good output stays

step "no secret value in the build tree, the committed copy or any log"
assert_no_secret "the build tree" "$build"
assert_no_secret "the committed copy" "$committed"
assert_no_secret "the logs" "$scratch"/*.log

step "ENCRYPT_COMMAND: the plaintext goes through a pipe to the command"
run_logged "$scratch/configure-command.log" cmake -S "$fixtures/secrets-project" \
  -B "$scratch/build-command" -G Ninja -DPolarHelm_DIR="$package_dir" -DMINI_SOURCES="$src" \
  "-DMINI_ENCRYPT_COMMAND=$polar_helm;encrypt;--age;$recipient" \
  "-DPOLAR_HELM_HELM_EXECUTABLES=$helm" || fail "configuring failed"
run_logged "$scratch/build-command.log" ninja -C "$scratch/build-command" -v ||
  fail "the build failed"
assert_contains "$scratch/build-command.log" '--encrypt-command'
sops_age_decrypts "$scratch/build-command/charts/mini/$secret_file"
run_logged "$scratch/ctest-command.log" ctest --test-dir "$scratch/build-command" \
  --output-on-failure -L helm || fail "helm lint/template failed"
assert_no_secret "the build tree" "$scratch/build-command"

step "AGE_RECIPIENTS: data/stringData encrypted, the rest readable; ENCRYPTED_REGEX widens it"
for regex in "" "^"; do
  dir=$scratch/build-age${regex:+-all}
  run_logged "$dir.configure.log" cmake -S "$fixtures/secrets-project" -B "$dir" -G Ninja \
    -DPolarHelm_DIR="$package_dir" -DMINI_SOURCES="$src" "-DMINI_AGE_RECIPIENTS=$recipient" \
    "-DMINI_ENCRYPTED_REGEX=$regex" || fail "configuring with AGE_RECIPIENTS failed"
  run_logged "$dir.build.log" ninja -C "$dir" || fail "the build with AGE_RECIPIENTS failed"
  sops_age_decrypts "$dir/charts/mini/$secret_file"
done
assert_contains "$scratch/build-age/charts/mini/$secret_file" '^kind: Secret$'
assert_contains "$scratch/build-age/charts/mini/$secret_file" '^    encrypted_regex: ".*stringData'
assert_contains "$scratch/build-age-all/charts/mini/$secret_file" '^kind: ENC\[AES256_GCM'
assert_no_secret "the build trees" "$scratch/build-age" "$scratch/build-age-all"

step "polar-helm chart: the same options in one process"
out=$repo/gitops/oneshot
run_logged "$scratch/oneshot.log" "$polar_helm" chart "$src" "$out" --render-templates \
  --helm "$helm" --kube-version 1.25.0 || fail "polar-helm chart failed"
sops_age_decrypts "$out/$secret_file"
assert_contains "$out/.helmignore" "^$secret_file\$"
cp "$out/$secret_file" "$scratch/keys/oneshot-before.yaml"
with_key run_logged "$scratch/oneshot-again.log" "$polar_helm" chart "$src" "$out" \
  --helm "$helm" || fail "the second run failed"
cmp "$scratch/keys/oneshot-before.yaml" "$out/$secret_file" ||
  fail "an unchanged secret was re-encrypted"
run_logged "$scratch/oneshot-age.log" "$polar_helm" chart "$src" "$scratch/oneshot-age" \
  --helm "$helm" --age "$recipient" || fail "polar-helm chart --age failed"
sops_age_decrypts "$scratch/oneshot-age/$secret_file"
assert_contains "$scratch/oneshot-age/$secret_file" '^kind: Secret$'
mv "$repo/.sops.yaml" "$scratch/keys/sops.yaml"
status=0
run_logged "$scratch/oneshot-none.log" "$polar_helm" chart "$src" "$scratch/oneshot-none" \
  --helm "$helm" || status=$?
[ "$status" = 1 ] || fail "expected exit status 1 without encryption, got $status"
assert_contains "$scratch/oneshot-none.log" 'web/web-secret.dhall .*would be written in plaintext'
assert_no_file "$scratch/oneshot-none/$secret_file"
mv "$scratch/keys/sops.yaml" "$repo/.sops.yaml"
assert_no_secret "the one-shot charts" "$out" "$scratch/oneshot-age"
assert_no_secret "the logs" "$scratch"/*.log

echo
echo "secrets: all checks passed"
