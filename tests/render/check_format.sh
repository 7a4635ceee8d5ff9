#!/usr/bin/env bash
# check_format.sh <polar-helm> <work-dir>
# `polar-helm format` (docs/format.md): in place, only when the bytes change;
# --check writes nothing, names each unformatted file and exits 1; standard
# input to standard output; --ascii/--unicode; a parse error is reported as
# file:line:column with exit code 1 and the file is left alone.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"
cd "$work"

printf '{ b = 1, a = [ 1, 2 ] } -- kept\n' >formatted.dhall
printf 'let x = 1   in   { y = x }  -- kept\n' >messy.dhall
cp messy.dhall messy.original
printf '{ a = \n' >broken.dhall
cp broken.dhall broken.original

# --check: names the unformatted file, writes nothing, exits 1.
expect_exit 1 "$polar_helm" format --check formatted.dhall messy.dhall >check.out
grep -qx 'messy.dhall: not formatted' check.out || fail "--check output: $(cat check.out)"
grep -q 'formatted.dhall' check.out && fail "--check named a formatted file"
same_bytes messy.original messy.dhall
expect_exit 0 "$polar_helm" format --check formatted.dhall

# In place; an already formatted file is not rewritten (same inode).
inode=$(stat -c %i formatted.dhall)
"$polar_helm" format formatted.dhall messy.dhall || fail "format"
printf 'let x = 1 in { y = x } -- kept\n' >messy.expected
same_bytes messy.expected messy.dhall
[ "$(stat -c %i formatted.dhall)" = "$inode" ] || fail "an unchanged file was rewritten"
expect_exit 0 "$polar_helm" format --check messy.dhall

# Standard input to standard output.
printf '\\(x : Bool) -> x' | "$polar_helm" format >stdin.out
printf '\\(x : Bool) -> x\n' >stdin.expected
same_bytes stdin.expected stdin.out
printf '\\(x : Bool) -> x' | "$polar_helm" format --unicode >unicode.out
printf 'λ(x : Bool) → x\n' >unicode.expected
same_bytes unicode.expected unicode.out
printf 'λ(x : Bool) → x ∧ x' | "$polar_helm" format --ascii >ascii.out
printf '\\(x : Bool) -> x /\\ x\n' >ascii.expected
same_bytes ascii.expected ascii.out
expect_exit 2 "$polar_helm" format --ascii --unicode formatted.dhall 2>/dev/null

# A parse error: file:line:column, exit 1, the file untouched.
expect_exit_stderr 1 broken.err "$polar_helm" format broken.dhall
grep -q 'broken.dhall:2:1' broken.err || fail "parse error: $(cat broken.err)"
same_bytes broken.original broken.dhall
