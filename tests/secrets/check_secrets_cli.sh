#!/usr/bin/env bash
# polar-helm encrypt/decrypt against age (Debian) and sops-age (npm):
# (a) sops-age decrypts our file to the plaintext, (b) `age -d` opens the
# data key stanza, (c) --previous keeps an unchanged file byte for byte,
# (d) the secret value appears in no file but the plaintext, nor on stderr.
# Usage: check_secrets_cli.sh <polar-helm> <npm-dir> <source-dir> <work-dir>
set -euo pipefail
polar_helm=$1 npm_dir=$2 source_dir=$3 work=$4

# shellcheck source=setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cat > plain.yaml <<YAML
apiVersion: v1
kind: Secret
metadata:
  name: gitlab-agent-token
type: Opaque
stringData:
  token: $secret
  port: 8080
  ratio: 0.5
  enabled: true
  hosts:
    - a.example.com
    - name: b
YAML

# (a) our file, decrypted by sops-age, is the plaintext; and by us.
"$polar_helm" encrypt --file plain.yaml --age "$recipient" --age "$other" --output enc.yaml
SOPS_AGE_KEY_FILE=key.txt node "$source_dir/sops_age_decrypt.mjs" "$npm_dir" enc.yaml plain.yaml
SOPS_AGE_KEY_FILE=other.txt node "$source_dir/sops_age_decrypt.mjs" "$npm_dir" enc.yaml plain.yaml
SOPS_AGE_KEY_FILE=key.txt "$polar_helm" decrypt --file enc.yaml --output roundtrip.yaml
grep -q "token: $secret" roundtrip.yaml || fail "decrypt did not give the token back"

# (b) age opens the data key of each recipient's stanza: 32 bytes.
awk '/BEGIN AGE/{on=1} on{sub(/^ +/, ""); print} /END AGE/{exit}' enc.yaml > stanza.age
age -d -i key.txt stanza.age > data.key
[[ $(stat -c %s data.key) == 32 ]] || fail "the age stanza does not hold a 32-byte data key"
# ... and a file age encrypted opens with ours, through a sops file's enc:
# replace our first stanza by age's encryption of the same data key.
age -a -r "$recipient" data.key > by-age.age
awk -v file=by-age.age '
  /BEGIN AGE/ && !done { while ((getline line < file) > 0) print "            " line; skip=1; next }
  skip && /END AGE/ { skip=0; done=1; next }
  !skip { print }' enc.yaml > enc-age.yaml
SOPS_AGE_KEY_FILE=key.txt "$polar_helm" decrypt --file enc-age.yaml > /dev/null ||
  fail "a data key encrypted by age does not open"

# (c) stable output: unchanged plaintext keeps the file; a change does not.
cp enc.yaml before.yaml
SOPS_AGE_KEY_FILE=key.txt "$polar_helm" encrypt --file plain.yaml --age "$recipient" \
  --age "$other" --previous enc.yaml --output enc.yaml
cmp -s before.yaml enc.yaml || fail "unchanged plaintext re-encrypted"
sed 's/port: 8080/port: 8081/' plain.yaml > plain2.yaml
SOPS_AGE_KEY_FILE=key.txt "$polar_helm" encrypt --file plain2.yaml --age "$recipient" \
  --age "$other" --previous enc.yaml --output enc2.yaml 2> note.txt
cmp -s enc.yaml enc2.yaml && fail "changed plaintext kept the old file"
grep -q "the content changed" note.txt || fail "no note on re-encryption"
# Without a key the file is re-encrypted, and the masked structures agree.
env -u SOPS_AGE_KEY_FILE -u SOPS_AGE_KEY HOME="$work" XDG_CONFIG_HOME="$work/none" \
  "$polar_helm" encrypt --file plain.yaml --age "$recipient" --age "$other" \
  --previous enc.yaml --output blind.yaml 2> /dev/null
"$polar_helm" decrypt --structure-only --file blind.yaml > blind.masked
"$polar_helm" decrypt --structure-only --file enc.yaml > enc.masked
cmp -s blind.masked enc.masked || fail "masked structures differ"

# .sops.yaml creation rules, as sops finds and matches them.
mkdir -p repo/chart
printf 'creation_rules:\n  - path_regex: .*-secret\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: %s\n' \
  "$recipient" > repo/.sops.yaml
"$polar_helm" encrypt --file plain.yaml --sops-config-from repo/chart/token-secret.yaml \
  --output repo/chart/token-secret.yaml
grep -q '^kind: Secret$' repo/chart/token-secret.yaml || fail "encrypted_regex not applied"
SOPS_AGE_KEY_FILE=key.txt node "$source_dir/sops_age_decrypt.mjs" "$npm_dir" \
  repo/chart/token-secret.yaml plain.yaml
set +e
"$polar_helm" encrypt --file plain.yaml --sops-config-from repo/chart/values.yaml > /dev/null 2> err.txt
[[ $? == 1 ]] || fail "no matching creation rule should be an input error"

# Failures: exit codes, no output file, no secret on stderr.
printf 'a: b\ntoken: "%s\\q"\n' "$secret" > bad.yaml
"$polar_helm" encrypt --file bad.yaml --age "$recipient" --output bad.enc 2>> err.txt
[[ $? == 1 ]] || fail "invalid YAML should exit 1"
[[ -e bad.enc ]] && fail "a failed encryption left an output file"
"$polar_helm" encrypt --file plain.yaml --output x.enc 2>> err.txt
[[ $? == 2 ]] || fail "no recipient should exit 2"
"$polar_helm" encrypt --file plain.yaml --age age1nope 2>> err.txt
[[ $? == 1 ]] || fail "a bad recipient should exit 1"
sed 's/\(token: ENC\[AES256_GCM,data:\)./\1A/' enc.yaml > tampered.yaml
cmp -s tampered.yaml enc.yaml && sed 's/\(token: ENC\[AES256_GCM,data:\)./\1B/' enc.yaml > tampered.yaml
SOPS_AGE_KEY_FILE=key.txt "$polar_helm" decrypt --file tampered.yaml --output t.yaml 2>> err.txt
[[ $? == 1 ]] || fail "a tampered file should exit 1"
[[ -e t.yaml ]] && fail "a failed decryption left an output file"
SOPS_AGE_KEY_FILE=/nonexistent "$polar_helm" decrypt --file enc.yaml 2>> err.txt
[[ $? == 3 ]] || fail "a missing key file should exit 3"
set -e

# (d) the secret is in the plaintexts and the decrypted copy only.
leaks=$(grep -rl -- "$secret" . | sort | tr '\n' ' ')
[[ $leaks == "./bad.yaml ./plain.yaml ./plain2.yaml ./roundtrip.yaml " ]] ||
  fail "the secret appears in: $leaks"
grep -q -- "$secret" err.txt note.txt && fail "the secret appears on stderr"
echo "ok"
