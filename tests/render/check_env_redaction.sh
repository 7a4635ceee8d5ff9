#!/usr/bin/env bash
# check_env_redaction.sh <polar-helm> <work-dir>
# A load that read an environment variable never prints its value in an error, whichever
# command runs it; loads that read none keep their full messages.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"
export POLAR_TEST_TOKEN="tok-9f3c1e-recognizable"

# expect_hidden <name> <command...>: the command fails (exit 1) and its stderr neither holds
# the value nor lacks the redaction marker.
expect_hidden() {
  local name=$1
  shift
  expect_exit 1 "$@" 2>"$work/$name.stderr"
  ! grep -q "$POLAR_TEST_TOKEN" "$work/$name.stderr" || fail "$name prints the value: $(cat "$work/$name.stderr")"
  grep -q '<value hidden>' "$work/$name.stderr" || fail "$name: nothing hidden: $(cat "$work/$name.stderr")"
}

printf '%s\n' 'assert : env:POLAR_TEST_TOKEN as Text === "x"' >"$work/values.dhall"
for command in render dhall type hash; do
  expect_hidden "$command" "$polar_helm" "$command" --file "$work/values.dhall"
done
expect_hidden stdin "$polar_helm" dhall <"$work/values.dhall"
ln -s "$polar_helm" "$work/dhall-to-yaml"
expect_hidden drop_in "$work/dhall-to-yaml" --file "$work/values.dhall"
# The source line stays: it is the file's text, not the value.
grep -q 'assert : env:POLAR_TEST_TOKEN as Text' "$work/render.stderr" ||
  fail "the source line is missing: $(cat "$work/render.stderr")"

# As Bytes, as code, and a failure in another file after the read.
printf '%s\n' 'assert : env:POLAR_TEST_TOKEN as Bytes === 0x"00"' >"$work/bytes.dhall"
expect_hidden bytes "$polar_helm" render --file "$work/bytes.dhall"
printf '%s\n' 'let t = env:POLAR_TEST_TOKEN as Text in assert : t === "x"' >"$work/check.dhall"
printf '%s\n' '{ checked = ./check.dhall }' >"$work/imports.dhall"
expect_hidden imported "$polar_helm" render --file "$work/imports.dhall"
printf '%s\n' 'assert : env:POLAR_TEST_CODE === "x"' >"$work/code.dhall"
POLAR_TEST_CODE="\"$POLAR_TEST_TOKEN\"" expect_exit 1 "$polar_helm" render --file "$work/code.dhall" \
  2>"$work/code.stderr"
! grep -q "$POLAR_TEST_TOKEN" "$work/code.stderr" || fail "code import prints the value"

# An error of the render itself, after the load: an association-list key read from the
# variable names the path to a value JSON cannot represent.
printf '%s\n' '[ { mapKey = env:POLAR_TEST_TOKEN as Text, mapValue = λ(x : Bool) → x } ]' \
  >"$work/render_error.dhall"
expect_hidden render_error "$polar_helm" render --file "$work/render_error.dhall"

# A file that is not secret importing one that is: the secret's literals stay hidden, and
# so does the secret's source line.
printf '%s\n' '{ password = "pw-7d2a-recognizable" }' >"$work/db-secret.dhall"
printf '%s\n' 'assert : (./db-secret.dhall).password === "x"' >"$work/uses_secret.dhall"
expect_exit 1 "$polar_helm" render --file "$work/uses_secret.dhall" 2>"$work/uses_secret.stderr"
! grep -q 'pw-7d2a-recognizable' "$work/uses_secret.stderr" ||
  fail "an imported secret file's value is printed: $(cat "$work/uses_secret.stderr")"
grep -q '<value hidden>' "$work/uses_secret.stderr" ||
  fail "imported secret: nothing hidden: $(cat "$work/uses_secret.stderr")"

# A chart whose values read the variable.
mkdir -p "$work/chart/templates"
printf '%s\n' '{ apiVersion = "v2", name = "leak", version = "0.1.0" }' >"$work/chart/chart.dhall"
printf '%s\n' '{ token = assert : env:POLAR_TEST_TOKEN as Text === "x" }' >"$work/chart/values.dhall"
expect_exit 1 "$polar_helm" chart "$work/chart" "$work/chart-out" 2>"$work/chart.stderr" >/dev/null
! grep -q "$POLAR_TEST_TOKEN" "$work/chart.stderr" || fail "chart prints the value: $(cat "$work/chart.stderr")"

# An unset variable behind `?` reads nothing: the message stays whole, as without env:.
printf '%s\n' 'assert : (env:POLAR_TEST_UNSET as Text ? "fallback") === "x"' >"$work/fallback.dhall"
expect_exit 1 "$polar_helm" render --file "$work/fallback.dhall" 2>"$work/fallback.stderr"
grep -q '"fallback"' "$work/fallback.stderr" || fail "fallback message lost: $(cat "$work/fallback.stderr")"
printf '%s\n' 'assert : "plain" === "x"' >"$work/plain.dhall"
expect_exit 1 "$polar_helm" render --file "$work/plain.dhall" 2>"$work/plain.stderr"
grep -q '"plain"' "$work/plain.stderr" || fail "plain message lost: $(cat "$work/plain.stderr")"
! grep -q '<value hidden>' "$work/plain.stderr" || fail "a load without env: was redacted"
echo "ok"
