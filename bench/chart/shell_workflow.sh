#!/usr/bin/env bash
# The workflow polar_helm_chart() replaces, for comparison: every Dhall file
# of a chart's sources rendered by its own dhall-to-json process into the
# chart layout (JSON is YAML to helm), whatever changed.
#
#   shell_workflow.sh <dhall-to-json> <sources> <chart-dir>
set -euo pipefail
dhall_to_json=$1
sources=$(cd "$2" && pwd)
chart=$3

render() { # <source> <output>
  mkdir -p "$(dirname "$chart/$2")"
  "$dhall_to_json" --file "$sources/$1" --output "$chart/$2"
}

render chart.dhall Chart.yaml
[ ! -f "$sources/values.dhall" ] || render values.dhall values.yaml
for template in "$sources"/templates/*.dhall; do
  name=$(basename "$template" .dhall)
  render "templates/$name.dhall" "templates/$name.yaml"
done
for subchart in "$sources"/*/; do
  folder=$(basename "$subchart")
  [ -f "$subchart/chart.dhall" ] || continue
  for file in "$subchart"*.dhall; do
    name=$(basename "$file" .dhall)
    case $name in
    chart) render "$folder/chart.dhall" "charts/$folder/Chart.yaml" ;;
    values) render "$folder/values.dhall" "charts/$folder/values.yaml" ;;
    *) render "$folder/$name.dhall" "charts/$folder/templates/$name.yaml" ;;
    esac
  done
done
