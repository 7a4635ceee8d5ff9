#!/usr/bin/env bash
# check_import_yaml.sh <polar-helm> <dhall-kubernetes> <work-dir> [<helm template output>]
# `polar-helm import-yaml`: every YAML file of the dhall-kubernetes examples
# becomes Dhall through the package's schemas that renders back to the same
# bytes (those files are dhall-to-yaml's output, which `render` reproduces);
# with a `helm template` output of the example chart, its documents of kinds
# the package has come back the same too (docs/schema.md).
source "$(dirname "$0")/../render/lib.sh"
polar_helm=$1 kubernetes=$2 work=$3 manifest=${4:-}
if [ ! -f "$kubernetes/package.dhall" ]; then
  echo "SKIP: no dhall-kubernetes copy at $kubernetes"
  exit "$skip_code"
fi
fresh_dir "$work"
count=0
for yaml in "$kubernetes"/examples/out/*.yaml; do
  name=$(basename "$yaml" .yaml)
  "$polar_helm" import-yaml "$yaml" --kubernetes "$kubernetes/package.dhall" \
    --output "$work/$name.dhall" || fail "import-yaml $yaml failed"
  grep -q '^let kubernetes = \.\./' "$work/$name.dhall" || fail "$name.dhall does not import the package"
  grep -q '::{' "$work/$name.dhall" || fail "$name.dhall uses no record completion"
  "$polar_helm" render --file "$work/$name.dhall" --output "$work/$name.yaml" ||
    fail "rendering the import of $yaml failed"
  same_bytes "$yaml" "$work/$name.yaml"
  count=$((count + 1))
done
[ "$count" -ge 5 ] || fail "only $count examples"
# Default-valued fields are left out: the Deployment's apiVersion and kind come from its schema.
! grep -q 'apiVersion' "$work/deploymentSimple.dhall" || fail "the default apiVersion was written out"

# Errors: a kind the package lacks, a document that does not fit.
printf 'apiVersion: example.com/v1\nkind: Widget\n' >"$work/widget.yaml"
expect_exit_stderr 1 "$work/widget.txt" "$polar_helm" import-yaml "$work/widget.yaml" \
  --kubernetes "$kubernetes/package.dhall"
grep -q 'widget.yaml:1:1: error: unknown kind `Widget`' "$work/widget.txt" || fail "$(cat "$work/widget.txt")"
echo "import-yaml: $count examples round-trip"

if [ -n "$manifest" ]; then
  if [ ! -f "$manifest" ]; then
    echo "SKIP: no helm template output at $manifest (build example-project/ and run its tests)"
    exit "$skip_code"
  fi
  "$polar_helm" import-yaml "$manifest" --kubernetes "$kubernetes/package.dhall" --skip-unknown \
    --output "$work/manifest.dhall" 2>"$work/skipped.txt" || fail "import-yaml of $manifest failed"
  "$polar_helm" render --documents --file "$work/manifest.dhall" --output "$work/manifest.yaml" ||
    fail "rendering the import of the manifest failed"
  # helm's documents without its `# Source:` comments, those of skipped kinds left out.
  awk -v skipped="$(sed -n 's/.*lacks: //p' "$work/skipped.txt" | awk '{print $2}' | tr '\n' ' ')" '
    BEGIN { split(skipped, names, " "); for (i in names) skip[names[i]] = 1 }
    function flush() { if (doc != "" && !(kind in skip)) printf "---\n%s", doc; doc = ""; kind = "" }
    /^---$/ { flush(); next }
    /^# Source: / { next }
    /^kind: / { kind = $2 }
    { doc = doc $0 "\n" }
    END { flush() }' "$manifest" >"$work/expected.yaml"
  same_bytes "$work/expected.yaml" "$work/manifest.yaml"
  echo "import-yaml: the example chart's helm template output round-trips" \
    "($(grep -c '^---$' "$work/manifest.yaml") documents; skipped: $(wc -l <"$work/skipped.txt"))"
fi
