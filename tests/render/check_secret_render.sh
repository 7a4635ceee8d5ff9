#!/usr/bin/env bash
# check_secret_render.sh <polar-helm> <work-dir>
# `polar-helm render` of a file matching the secrets pattern (*-secret.dhall, or
# --secrets-pattern) hides the values in its errors as the chart build does (issue #14 item 15):
# every quoted literal is <value hidden> and the secret's source line is not printed.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"
value="pw-3e8a-recognizable"

# expect_hidden <name> <command...>: exit 1, position kept, value and source line gone.
expect_hidden() {
  local name=$1
  shift
  expect_exit_stderr 1 "$work/$name.stderr" "$@"
  ! grep -q "$value" "$work/$name.stderr" || fail "$name prints the value: $(cat "$work/$name.stderr")"
  grep -q '<value hidden>' "$work/$name.stderr" || fail "$name: nothing hidden: $(cat "$work/$name.stderr")"
  grep -q 'secret.dhall:1:[0-9]*: error' "$work/$name.stderr" ||
    fail "$name: no position: $(cat "$work/$name.stderr")"
}

printf '%s\n' "let password = \"$value\" in assert : password === \"x\"" >"$work/db-secret.dhall"
expect_hidden type_error "$polar_helm" render --file "$work/db-secret.dhall"
# An error of the render itself (a function has no YAML) under a key that is the value.
printf '%s\n' "[ { mapKey = \"$value\", mapValue = λ(x : Bool) → x } ]" >"$work/map-secret.dhall"
expect_exit_stderr 1 "$work/render_error.stderr" "$polar_helm" render --file "$work/map-secret.dhall"
! grep -q "$value" "$work/render_error.stderr" || fail "render error prints the value"

# Another pattern: its files are secret, and *-secret.dhall no longer is by name.
cp "$work/db-secret.dhall" "$work/db.secret.dhall"
expect_hidden pattern "$polar_helm" render --secrets-pattern '*.secret.dhall' \
  --file "$work/db.secret.dhall"

# A file that is not secret keeps its full message (the check above can fail).
cp "$work/db-secret.dhall" "$work/plain.dhall"
expect_exit_stderr 1 "$work/plain.stderr" "$polar_helm" render --file "$work/plain.dhall"
grep -q "$value" "$work/plain.stderr" || fail "plain: $(cat "$work/plain.stderr")"
echo "ok"
