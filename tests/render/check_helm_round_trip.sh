#!/usr/bin/env bash
# check_helm_round_trip.sh <polar-helm> <helm> <fixtures-dir> <work-dir>
# Renders strings that YAML 1.1 would misread into values.yaml and into a
# manifest under templates/, runs `helm template`, and has Helm's own
# readers confirm they come back as the same strings (helm/check.yaml).
source "$(dirname "$0")/lib.sh"
polar_helm=$1 helm=$2 fixtures=$3 work=$4
if [ -z "$helm" ] || [ ! -x "$helm" ]; then
  echo "SKIP: helm is not installed (run tools/setup.sh)"
  exit "$skip_code"
fi
fresh_dir "$work"
chart=$work/round-trip
mkdir -p "$chart/templates" "$chart/files"
cp "$fixtures/Chart.yaml" "$chart/"
cp "$fixtures/check.yaml" "$chart/templates/"

render() {
  "$polar_helm" render --file "$fixtures/$1" --output "$2" "${@:3}" || fail "rendering $1 failed"
}
render values.dhall "$chart/values.yaml"
render values.dhall "$chart/files/values.json" --json
render manifest.dhall "$chart/templates/configmap.yaml"
render manifest.dhall "$chart/files/manifest.yaml"
render manifest.dhall "$chart/files/manifest.json" --json

"$helm" template round-trip "$chart" >"$work/out.yaml" || fail "helm template failed"
# The manifest comes out of Helm as it went in.
awk '/^# Source: round-trip\/templates\/configmap.yaml$/ { found = 1; next }
     found && /^---$/ { exit }
     found { print }' "$work/out.yaml" >"$work/configmap.out.yaml"
same_bytes "$chart/templates/configmap.yaml" "$work/configmap.out.yaml"
echo "$("$helm" version --short): every string came back as itself"
