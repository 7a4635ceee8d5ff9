#!/usr/bin/env bash
# check_example.sh <polar-helm> <example.dhall> <expected.yaml> <work-dir>
# Renders a dhall-kubernetes example and compares it byte for byte with the
# YAML dhall-to-yaml produced for it.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 example=$2 expected=$3 work=$4
fresh_dir "$work"

"$polar_helm" render --file "$example" --output "$work/out.yaml" || fail "render failed"
same_bytes "$expected" "$work/out.yaml"
