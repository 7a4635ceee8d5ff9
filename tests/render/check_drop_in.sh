#!/usr/bin/env bash
# check_drop_in.sh <polar-helm> <example.dhall> <fixture.dhall> <work-dir>
# polar-helm invoked as dhall-to-yaml / dhall-to-json (symlinks), reading
# standard input or --file, writes the same bytes as `polar-helm render`.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 example=$2 fixture=$3 work=$4
fresh_dir "$work"
ln -s "$polar_helm" "$work/dhall-to-yaml"
ln -s "$polar_helm" "$work/dhall-to-json"

# A dhall-kubernetes example; like dhall-to-yaml, standard input resolves
# imports from the working directory.
"$polar_helm" render --file "$example" --output "$work/example.render.yaml" || fail "render failed"
(cd "$(dirname "$example")" && "$work/dhall-to-yaml" <"$example" >"$work/example.stdin.yaml") ||
  fail "dhall-to-yaml (stdin) failed"
same_bytes "$work/example.render.yaml" "$work/example.stdin.yaml"

# --file, --output and the flags of each tool.
"$polar_helm" render --file "$fixture" --documents --quoted --generated-comment --omit-empty \
  >"$work/render.yaml" || fail "render failed"
"$work/dhall-to-yaml" --file "$fixture" --output "$work/drop-in.yaml" --documents --quoted \
  --generated-comment --omit-empty || fail "dhall-to-yaml --file failed"
same_bytes "$work/render.yaml" "$work/drop-in.yaml"

"$polar_helm" render --json --compact --no-maps --file "$fixture" >"$work/render.json" ||
  fail "render --json failed"
"$work/dhall-to-json" --compact --no-maps <"$fixture" >"$work/drop-in.json" ||
  fail "dhall-to-json (stdin) failed"
same_bytes "$work/render.json" "$work/drop-in.json"

# Each name takes only its own tool's flags.
expect_exit 2 "$work/dhall-to-json" --documents --file "$fixture" 2>/dev/null
expect_exit 2 "$work/dhall-to-yaml" --compact --file "$fixture" 2>/dev/null
expect_exit 0 "$work/dhall-to-yaml" --version >/dev/null
