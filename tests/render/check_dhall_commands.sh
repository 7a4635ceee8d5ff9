#!/usr/bin/env bash
# check_dhall_commands.sh <polar-helm> <dhall-lang tests dir> <work-dir>
# The `dhall`-like subcommands (dhall, type, hash, encode, decode) agree with
# the conformance suite's expected results, reading --file and stdin alike.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 suite=$2 work=$3
[ -d "$suite" ] || { echo "no conformance suite at $suite"; exit "$skip_code"; }
fresh_dir "$work"

# same_expression <a.dhall> <b.dhall>: both files encode to the same bytes.
same_expression() {
  "$polar_helm" encode --file "$1" >"$work/a.dhallb" || fail "encode $1"
  "$polar_helm" encode <"$2" >"$work/b.dhallb" || fail "encode $2"
  same_bytes "$work/b.dhallb" "$work/a.dhallb"
}

# encode, then decode and encode again: the bytes survive the round trip.
for name in parser/success/unit/RecordLitA parser/success/text/interpolationA; do
  expected=${suite}/${name%A}B.dhallb
  "$polar_helm" encode --file "$suite/$name.dhall" >"$work/encoded.dhallb" || fail "encode $name"
  same_bytes "$expected" "$work/encoded.dhallb"
  "$polar_helm" decode --file "$expected" >"$work/decoded.dhall" || fail "decode --file $name"
  "$polar_helm" decode <"$expected" >"$work/decoded-stdin.dhall" || fail "decode stdin $name"
  same_bytes "$work/decoded.dhall" "$work/decoded-stdin.dhall"
  "$polar_helm" encode --file "$work/decoded.dhall" >"$work/again.dhallb" || fail "re-encode $name"
  same_bytes "$expected" "$work/again.dhallb"
done

# normalize and type: the results are the suite's B files.
normal=$suite/normalization/success/haskell-tutorial/access/0
"$polar_helm" dhall --file "${normal}A.dhall" >"$work/normal.dhall" || fail "dhall"
same_expression "$work/normal.dhall" "${normal}B.dhall"
typed=$suite/type-inference/success/unit/FunctionApplication
"$polar_helm" type <"${typed}A.dhall" >"$work/type.dhall" || fail "type"
same_expression "$work/type.dhall" "${typed}B.dhall"

# hash: the suite's semantic hash, from a file and from stdin.
hashed=$suite/semantic-hash/success/haskell-tutorial/access/0
[ "$("$polar_helm" hash --file "${hashed}A.dhall")" = "$(cat "${hashed}B.hash")" ] || fail "hash --file"
[ "$("$polar_helm" hash <"${hashed}A.dhall")" = "$(cat "${hashed}B.hash")" ] || fail "hash stdin"

# Bad input: exit 1 with a message, never a crash; a missing file is exit 3 (README).
printf '\x85\x01' >"$work/truncated.dhallb"
expect_exit 1 "$polar_helm" decode --file "$work/truncated.dhallb"
expect_exit 3 "$polar_helm" decode --file "$work/missing.dhallb"
echo ok
