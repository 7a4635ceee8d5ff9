#!/usr/bin/env bash
# check_values_schema_helm.sh <polar-helm> <helm> <chart-sources> <work-dir>
# `polar-helm chart` writes values.schema.json from the type of values.dhall
# (the top chart's, with a subchart, and the subchart's); the real helm then
# accepts the chart's own values and rejects overrides that do not fit the
# type: a string for a Natural, an unknown key, a missing required value, a
# name outside an enum (docs/schema.md).
source "$(dirname "$0")/../render/lib.sh"
polar_helm=$1 helm=$2 sources=$3 work=$4
if [ -z "$helm" ] || [ ! -x "$helm" ]; then
  echo "SKIP: helm is not installed (run tools/setup.sh)"
  exit "$skip_code"
fi
fresh_dir "$work"
chart=$work/typed
"$polar_helm" chart "$sources" "$chart" --helm "$helm" >"$work/chart.log" 2>&1 ||
  { cat "$work/chart.log" >&2; fail "polar-helm chart (with helm lint) failed"; }
[ -f "$chart/values.schema.json" ] || fail "no values.schema.json next to values.yaml"
[ -f "$chart/charts/web/values.schema.json" ] || fail "no values.schema.json in the subchart"
grep -qx 'values.schema.json' "$chart/.polar-helm-files" || fail "the schema is not recorded"

accepts() {
  "$helm" template typed "$chart" "$@" >"$work/out.yaml" 2>"$work/err.txt" ||
    { cat "$work/err.txt" >&2; fail "helm template rejected $*"; }
}
# rejects <what the message says> <helm arguments...>
rejects() {
  local expected=$1
  shift
  for command in template lint; do
    local name=typed
    [ "$command" = lint ] && name=
    if "$helm" $command $name "$chart" "$@" >"$work/out.txt" 2>&1; then
      fail "helm $command accepted $*"
    fi
    grep -q -- "$expected" "$work/out.txt" || { cat "$work/out.txt" >&2; fail "helm $command $*: no '$expected'"; }
  done
}

accepts
grep -q 'replicas: "2"' "$work/out.yaml" || fail "the chart's own values did not reach the template"
accepts --set replicas=3 --set tag=v2 --set mode=Slow --set labels.owner=me
accepts --set global.domain=example.com --set web.port=81
rejects replicas --set replicas=two
rejects replicas --set replicas=-1
rejects unknown --set unknown=1
rejects name --set name=null
rejects mode --set mode=Medium
rejects port --set web.port=eighty
echo "$("$helm" version --short): values.schema.json enforced"

# --no-values-schema writes none, and a later run with it removes the file it wrote.
"$polar_helm" chart "$sources" "$chart" --helm "$helm" --no-values-schema >"$work/chart.log" 2>&1 ||
  { cat "$work/chart.log" >&2; fail "polar-helm chart --no-values-schema failed"; }
[ ! -e "$chart/values.schema.json" ] || fail "--no-values-schema left values.schema.json"
accepts --set replicas=two
