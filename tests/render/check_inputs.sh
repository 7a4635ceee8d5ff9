#!/usr/bin/env bash
# check_inputs.sh <polar-helm> <work-dir> [<example-project>]
# `polar-helm inputs` (docs/imports.md, "Inputs"): the variables a file and
# its local imports read, required or optional, the files and URLs with
# their pins, as text, JSON and the Markdown table; never a value.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2 example=${3:-}
fresh_dir "$work"
cd "$work"

mkdir -p lib
printf '{ tag = env:CI_COMMIT_SHORT_SHA as Text, token = env:API_TOKEN as Text }\n' >lib/env.dhall
printf 'env:REGION as Text ? "eu"\n' >lib/region.dhall
cat >app.dhall <<'A'
let e = ./lib/env.dhall
let region = ./lib/region.dhall
let here = env:WORKDIR as Location
let optional = ./lib/absent.dhall ? {=}
let prelude = https://example.invalid/Prelude/package.dhall sha256:0000000000000000000000000000000000000000000000000000000000000000
in  { e, region, here, note = ./lib/note.txt as Text }
A
printf 'note' >lib/note.txt

# Values set in the environment must not appear anywhere.
export CI_COMMIT_SHORT_SHA=abc1234value API_TOKEN=s3cr3t-value REGION=region-value
for format in "" --json --markdown; do
  "$polar_helm" inputs $format app.dhall >"out$format.txt" 2>&1 || fail "inputs $format"
  for value in abc1234value s3cr3t-value region-value; do
    ! grep -q "$value" "out$format.txt" || fail "inputs $format printed a value"
  done
done

cat >expected.md <<'M'
| Variable | Required | Read by |
|---|---|---|
| `API_TOKEN` | yes | `./lib/env.dhall` |
| `CI_COMMIT_SHORT_SHA` | yes | `./lib/env.dhall` |
| `REGION` | no (a `?` fallback) | `./lib/region.dhall` |
| `WORKDIR` | no (only `as Location`) | `app.dhall` |
M
same_bytes expected.md out--markdown.txt

grep -q '"location": "./lib/absent.dhall", "mode": "code", "pin": null, "exists": false, "optional": true' \
  out--json.txt || fail "absent optional file: $(cat out--json.txt)"
grep -q '"location": "./lib/note.txt", "mode": "Text"' out--json.txt || fail "as Text file"
grep -q '"url": "https://example.invalid/Prelude/package.dhall", "pin": "sha256:0000' out--json.txt ||
  fail "remote with its pin"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' out--json.txt 2>/dev/null ||
  [ $? -eq 127 ] || fail "invalid JSON"

# The example project: the table lists exactly the variables its sources name.
if [ -n "$example" ] && [ -d "$example/deploy" ]; then
  (cd "$example" && find deploy -name '*.dhall' -print0 | sort -z | xargs -0 "$polar_helm" inputs \
    --markdown) >example.md || fail "inputs on the example"
  grep -rhoE 'env:[A-Za-z_][A-Za-z0-9_]*' "$example/deploy" --include='*.dhall' | cut -c5- |
    sort -u >expected-names.txt
  tail -n +3 example.md | cut -d'`' -f2 >names.txt
  same_bytes expected-names.txt names.txt
fi

# --check: silent while every variable read on every load is set (the stamp
# is created, and an existing one left alone); one error naming each unset
# one where it is read, never a value, and no stamp.
"$polar_helm" inputs --check app.dhall --stamp checked/stamp --depfile checked/stamp.d \
  >check.txt 2>&1 || fail "inputs --check with every variable set: $(cat check.txt)"
[ ! -s check.txt ] || fail "inputs --check printed: $(cat check.txt)"
[ -f checked/stamp ] || fail "no stamp"
grep -q "$PWD/lib/env.dhall" checked/stamp.d || fail "the depfile does not list lib/env.dhall"
touch -d '2001-01-01' checked/stamp
"$polar_helm" inputs --check app.dhall --stamp checked/stamp >/dev/null || fail "inputs --check"
[ "$(date -r checked/stamp +%Y)" = 2001 ] || fail "the stamp was rewritten"
unset API_TOKEN CI_COMMIT_SHORT_SHA REGION
expect_exit 1 "$polar_helm" inputs --check app.dhall --stamp unchecked/stamp
"$polar_helm" inputs --check app.dhall >check.txt 2>&1 && fail "inputs --check passed"
cat >expected-check.txt <<'C'
polar-helm: error: 2 environment variables the files read are not set:
  API_TOKEN, read at ./lib/env.dhall:1:50
  CI_COMMIT_SHORT_SHA, read at ./lib/env.dhall:1:9
C
same_bytes expected-check.txt check.txt
[ ! -e unchecked/stamp ] || fail "a stamp was written though the check failed"
expect_exit 2 "$polar_helm" inputs --check --json app.dhall

# Chains of `?` alternatives: a variable with a fallback is not required, a
# chain whose every alternative is a variable is, as one entry, when none of
# its variables is set (also in an imported file); set one and it passes.
printf 'env:LIB_A ? env:LIB_B ? env:LIB_C\n' >lib/chain.dhall
cat >chains.dhall <<'D'
{ either = env:PRIMARY as Text ? env:SECONDARY as Text
, defaulted = env:FIRST_CHOICE as Text ? env:SECOND_CHOICE as Text ? "default"
, nested = (env:INNER as Text ? "x") ? env:OUTER as Text
, located = env:HERE as Location ? env:THERE as Text
, lib = ./lib/chain.dhall
}
D
"$polar_helm" inputs --check chains.dhall >chains.txt 2>&1 && fail "inputs --check passed on chains"
cat >expected-chains.txt <<'C'
polar-helm: error: 2 environment variables the files read are not set:
  LIB_A or LIB_B or LIB_C (alternatives of `?`: one must be set), read at ./lib/chain.dhall:1:1
  PRIMARY or SECONDARY (alternatives of `?`: one must be set), read at chains.dhall:1:12
C
same_bytes expected-chains.txt chains.txt
# The table says which variables are needed only when an earlier alternative is absent.
"$polar_helm" inputs --markdown chains.dhall >chains.md || fail "inputs --markdown on chains"
grep -qx '| `SECONDARY` | if what precedes its `?` is absent | `chains.dhall` |' chains.md ||
  fail "SECONDARY: $(cat chains.md)"
grep -qx '| `PRIMARY` | no (a `?` fallback) | `chains.dhall` |' chains.md || fail "PRIMARY: $(cat chains.md)"
SECONDARY=set LIB_B=set "$polar_helm" inputs --check chains.dhall >chains-set.txt 2>&1 ||
  fail "inputs --check with one variable of each chain set: $(cat chains-set.txt)"

# A file that does not parse: exit 1, located.
printf '{ a = \n' >broken.dhall
expect_exit 1 "$polar_helm" inputs broken.dhall
echo ok
