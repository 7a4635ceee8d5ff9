#!/usr/bin/env bash
# check_subcommands.sh <polar-helm> <work-dir>
# A process sets up only the subcommand group its first argument names
# (tools/polar-helm/subcommands.h): every subcommand `--help` lists still
# works when named alone, `--help` lists them all, and a misspelt name is a
# usage error. A table of groups that disagrees with what a group defines
# fails these commands (std::logic_error), so the table cannot drift.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"

"$polar_helm" --help >"$work/help.txt" || fail "--help: exit $?"
names=$(sed -n '/^Subcommands:/,/^$/p' "$work/help.txt" | awk 'NR > 1 && NF { print $1 }')
count=$(printf '%s\n' "$names" | grep -c .)
[[ $count -ge 26 ]] || fail "--help lists $count subcommands: $names"
for name in $names; do
  "$polar_helm" "$name" --help >"$work/$name.txt" 2>&1 || fail "$name --help: $(cat "$work/$name.txt")"
  grep -q "^Usage: .*polar-helm $name" "$work/$name.txt" || fail "$name --help: $(head -3 "$work/$name.txt")"
done
"$polar_helm" --version | grep -q '^polar-helm ' || fail "--version"
expect_exit 2 "$polar_helm" rendr --file x.dhall 2>/dev/null
echo "ok ($count subcommands)"
