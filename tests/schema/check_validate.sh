#!/usr/bin/env bash
# check_validate.sh <polar-helm> <dhall-kubernetes> <fixtures> <work-dir>
# `polar-helm validate`: YAML documents read into a Dhall type as yaml-to-dhall
# reads them, errors with the YAML path, file:line:column and exit code 1;
# with --kubernetes each document against the type its apiVersion/kind
# selects, unknown kinds reported (docs/schema.md).
source "$(dirname "$0")/../render/lib.sh"
polar_helm=$1 kubernetes=$2 fixtures=$3 work=$4
fresh_dir "$work"

"$polar_helm" validate --type "$fixtures/app-type.dhall" "$fixtures/apps.yaml" >"$work/ok.txt" ||
  fail "valid documents were rejected"
grep -q '2 documents fit' "$work/ok.txt" || fail "no summary: $(cat "$work/ok.txt")"
# The type as an expression.
"$polar_helm" validate --type '{ name : Text, replicas : Natural, tag : Optional Text, mode : < Fast | Slow > }' \
  "$fixtures/apps.yaml" >/dev/null || fail "--type EXPR rejected valid documents"

expect_exit_stderr 1 "$work/bad.txt" "$polar_helm" validate --type "$fixtures/app-type.dhall" "$fixtures/bad-apps.yaml"
grep -q 'bad-apps.yaml:6:11: error: replicas: expected a non-negative integer (Natural), found a string' "$work/bad.txt" ||
  fail "no path and position: $(cat "$work/bad.txt")"
grep -q '1 of 2 documents do not fit' "$work/bad.txt" || fail "no count: $(cat "$work/bad.txt")"

expect_exit_stderr 2 "$work/usage.txt" "$polar_helm" validate "$fixtures/apps.yaml"
expect_exit_stderr 3 "$work/missing.txt" "$polar_helm" validate --type Text "$work/missing.yaml"
expect_exit_stderr 2 "$work/kind.txt" "$polar_helm" validate --type 'Type' "$fixtures/apps.yaml"

if [ ! -f "$kubernetes/package.dhall" ]; then
  echo "SKIP: no dhall-kubernetes copy at $kubernetes"
  exit "$skip_code"
fi
"$polar_helm" validate --kubernetes "$kubernetes/package.dhall" "$kubernetes"/examples/out/*.yaml \
  >"$work/examples.txt" || fail "the dhall-kubernetes examples do not fit their own types"
grep -q '5 documents fit' "$work/examples.txt" || fail "not every example checked: $(cat "$work/examples.txt")"

expect_exit_stderr 1 "$work/k8s.txt" "$polar_helm" validate --kubernetes "$kubernetes/package.dhall" \
  "$fixtures/bad-deployment.yaml"
grep -q 'bad-deployment.yaml:6:13: error: spec.replicas: expected a non-negative integer' "$work/k8s.txt" ||
  fail "no path into the Deployment: $(cat "$work/k8s.txt")"
grep -q 'bad-deployment.yaml:18:1: error: unknown kind `Widget`' "$work/k8s.txt" ||
  fail "an unknown kind was not reported: $(cat "$work/k8s.txt")"
grep -q 'unknown apiVersion `extensions/v1beta1` of kind `Deployment`: the Kubernetes package has apps/v1' \
  "$work/k8s.txt" || fail "an unknown apiVersion was not reported: $(cat "$work/k8s.txt")"
grep -q '3 of 3 documents do not fit' "$work/k8s.txt" || fail "no count: $(cat "$work/k8s.txt")"

# --ignore-kind: a listed kind is left out, said with its count; by kind alone
# or with its apiVersion; the others are still checked and reported.
expect_exit_stderr 1 "$work/ignored.txt" "$polar_helm" validate --kubernetes "$kubernetes/package.dhall" \
  --ignore-kind Widget "$fixtures/bad-deployment.yaml"
grep -q 'note: 1 document of kind example.com/v1 Widget not checked (--ignore-kind)' "$work/ignored.txt" ||
  fail "the ignored kind was not counted: $(cat "$work/ignored.txt")"
! grep -q 'unknown kind `Widget`' "$work/ignored.txt" || fail "an ignored kind was reported"
grep -q '2 of 2 documents do not fit' "$work/ignored.txt" || fail "no count: $(cat "$work/ignored.txt")"
expect_exit_stderr 1 "$work/ignored-qualified.txt" "$polar_helm" validate \
  --kubernetes "$kubernetes/package.dhall" --ignore-kind example.com/v1/Widget \
  --ignore-kind other.example.com/v1/Deployment "$fixtures/bad-deployment.yaml"
grep -q '2 of 2 documents do not fit' "$work/ignored-qualified.txt" ||
  fail "apiVersion/kind did not select: $(cat "$work/ignored-qualified.txt")"
expect_exit_stderr 2 "$work/ignore-type.txt" "$polar_helm" validate --type Text --ignore-kind Widget \
  "$fixtures/apps.yaml"
# A kind whose schema's default holds apiVersion/kind as Optional Text.
"$polar_helm" validate --kubernetes "$kubernetes/package.dhall" "$fixtures/claim.yaml" \
  >"$work/claim.txt" 2>&1 || fail "a PersistentVolumeClaim was not recognised: $(cat "$work/claim.txt")"
echo "validate: all checks passed"
