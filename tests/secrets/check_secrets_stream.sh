#!/usr/bin/env bash
# polar-helm encrypt/decrypt on a multi-document YAML file (issue #18), as
# sops encrypts a stream: one data key and MAC, the sops metadata repeated in
# each document. Checked with sops-age (npm, document by document), age
# (Debian) for the data key, and our own decrypt; stable output on streams;
# the --age default scope ^(data|stringData)$ and --encrypted-regex.
# Usage: check_secrets_stream.sh <polar-helm> <npm-dir> <source-dir> <work-dir>
set -euo pipefail
polar_helm=$1 npm_dir=$2 source_dir=$3 work=$4

# shellcheck source=setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# As polar-helm decrypt writes it back: no leading ---, two-space indent.
cat > plain.yaml <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: agent-settings
data:
  mode: fast
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
spec:
  replicas: 2
---
apiVersion: v1
kind: Secret
metadata:
  name: agent-token
type: Opaque
stringData:
  token: $secret
  port: 8080
YAML

# One file, three documents, the same metadata in each; decrypted by
# sops-age (each recipient) and by us.
"$polar_helm" encrypt --age "$recipient" --age "$other" --output enc.yaml plain.yaml
[[ $(grep -c '^sops:$' enc.yaml) == 3 ]] || fail "expected the sops metadata in each of 3 documents"
[[ $(grep -c '^---$' enc.yaml) == 2 ]] || fail "expected 3 documents"
[[ $(grep -c '^    mac: ENC' enc.yaml | sort -u) == 3 ]] || fail "expected a mac in each document"
[[ $(grep '^    mac: ENC' enc.yaml | sort -u | wc -l) == 1 ]] || fail "one MAC for the file"
SOPS_AGE_KEY_FILE=key.txt node "$source_dir/sops_age_decrypt.mjs" "$npm_dir" enc.yaml plain.yaml
SOPS_AGE_KEY_FILE=other.txt node "$source_dir/sops_age_decrypt.mjs" "$npm_dir" enc.yaml plain.yaml
SOPS_AGE_KEY_FILE=key.txt "$polar_helm" decrypt enc.yaml > roundtrip.yaml
cmp -s roundtrip.yaml plain.yaml || fail "decrypt did not give the stream back"

# The --age default: only values under data/stringData are encrypted (the
# ConfigMap's data too: sops's encrypted_regex matches keys, not kinds).
grep -q '^kind: Secret$' enc.yaml || fail "kind should stay readable"
grep -q '^    name: agent-token$' enc.yaml || fail "metadata should stay readable"
grep -q '^    replicas: 2$' enc.yaml || fail "the Deployment should stay readable"
grep -q '^    mode: ENC\[AES256_GCM' enc.yaml || fail "data should be encrypted"
grep -q '^    token: ENC\[AES256_GCM' enc.yaml || fail "stringData should be encrypted"
grep -q '^    encrypted_regex: "^(data|stringData)\$"$' enc.yaml || fail "the rule is recorded"
"$polar_helm" encrypt --age "$recipient" --encrypted-regex '' plain.yaml > all.yaml
grep -q '^kind: ENC\[AES256_GCM' all.yaml || fail "--encrypted-regex '' encrypts every value"
grep -q '^    unencrypted_suffix: "_unencrypted"$' all.yaml || fail "and records sops's default"
SOPS_AGE_KEY_FILE=key.txt node "$source_dir/sops_age_decrypt.mjs" "$npm_dir" all.yaml plain.yaml
"$polar_helm" encrypt --age "$recipient" --encrypted-regex '^token$' plain.yaml > token.yaml
grep -q '^    mode: fast$' token.yaml || fail "--encrypted-regex ^token\$ leaves data.mode"
grep -q '^    token: ENC\[AES256_GCM' token.yaml || fail "--encrypted-regex ^token\$ encrypts token"

# age opens the data key stanza of the last document: 32 bytes, the same key.
awk '/^---$/{doc++} doc==2 && /BEGIN AGE/{on=1} on{sub(/^ +/, ""); print} on && /END AGE/{exit}' \
  enc.yaml > stanza.age
age -d -i key.txt stanza.age > data.key
[[ $(stat -c %s data.key) == 32 ]] || fail "the age stanza does not hold a 32-byte data key"

# Stable output: an unchanged stream keeps its bytes; a change in one
# document re-encrypts; without a key the masked structures agree.
cp enc.yaml before.yaml
SOPS_AGE_KEY_FILE=key.txt "$polar_helm" encrypt --age "$recipient" --age "$other" \
  --previous enc.yaml --output enc.yaml plain.yaml
cmp -s before.yaml enc.yaml || fail "an unchanged stream was re-encrypted"
sed 's/replicas: 2/replicas: 3/' plain.yaml > plain2.yaml
SOPS_AGE_KEY_FILE=key.txt "$polar_helm" encrypt --age "$recipient" --age "$other" \
  --previous enc.yaml --output enc2.yaml plain2.yaml 2> note.txt
cmp -s enc.yaml enc2.yaml && fail "a changed document kept the old file"
grep -q "the content changed" note.txt || fail "no note on re-encryption"
env -u SOPS_AGE_KEY_FILE -u SOPS_AGE_KEY HOME="$work" XDG_CONFIG_HOME="$work/none" \
  "$polar_helm" encrypt --age "$recipient" --age "$other" --previous enc.yaml \
  --output blind.yaml plain.yaml 2> /dev/null
cmp -s blind.yaml enc.yaml && fail "without a key the stream cannot be kept"
"$polar_helm" decrypt --structure-only blind.yaml > blind.masked
"$polar_helm" decrypt --structure-only enc.yaml > enc.masked
cmp -s blind.masked enc.masked || fail "masked structures of the stream differ"
[[ $(grep -c '^---$' enc.masked) == 2 ]] || fail "the mask keeps the documents"

# Documents encrypted one by one and put together are refused, as sops
# would fail on their MAC.
head -n 6 plain.yaml > first.yaml
tail -n 8 plain.yaml > last.yaml
"$polar_helm" encrypt --age "$recipient" first.yaml > first.enc
"$polar_helm" encrypt --age "$recipient" last.yaml > last.enc
{ cat first.enc; echo ---; cat last.enc; } > joined.yaml
set +e
SOPS_AGE_KEY_FILE=key.txt "$polar_helm" decrypt joined.yaml > /dev/null 2> err.txt
[[ $? == 1 ]] || fail "a joined file should be an input error"
grep -q "document 2 has other sops metadata" err.txt || fail "the error should say why"
set -e

leaks=$(grep -rl -- "$secret" . | sort | tr '\n' ' ')
[[ $leaks == "./last.yaml ./plain.yaml ./plain2.yaml ./roundtrip.yaml " ]] ||
  fail "the secret appears in: $leaks"
grep -q -- "$secret" err.txt note.txt && fail "the secret appears on stderr"
echo "ok"
