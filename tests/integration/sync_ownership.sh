#!/usr/bin/env bash
# Sync, drift and chart-finish touch only the files polar-helm wrote (issue
# #14 items 1 and 4): a SYNC_DIR that is the project's own folder keeps its
# CMakeLists.txt and sources, a SYNC_DIR shared with a sibling chart and a
# kustomization.yaml keeps them, the first sync into a folder in use is
# refused unless adopted, and the temporary file of a killed render is
# neither kept in the chart nor synced. Needs no helm.
#
#   sync_ownership.sh <PolarHelm_DIR>
source "$(dirname "$0")/lib.sh"
package_dir=$1
fixtures=$(cd "$(dirname "$0")/fixtures" && pwd)

make_scratch
project=$scratch/project
build=$scratch/build
mkdir -p "$project"
cp -r "$fixtures/mini" "$project/deploy"
cat >"$project/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(SyncOwnership LANGUAGES NONE)
find_package(PolarHelm CONFIG REQUIRED)
enable_testing()
# The chart committed next to this file and its sources.
polar_helm_chart(here SOURCE_DIR deploy SYNC_DIR ${CMAKE_CURRENT_SOURCE_DIR} EXCLUDE_SECRETS)
# The chart committed in a folder it shares with a sibling chart.
polar_helm_chart(flux SOURCE_DIR deploy SYNC_DIR gitops SYNC_ADOPT EXCLUDE_SECRETS)
CMAKE
mkdir -p "$project/gitops/other/templates"
printf 'apiVersion: v2\nname: other\nversion: 0.1.0\n' >"$project/gitops/other/Chart.yaml"
printf 'kind: ConfigMap\n' >"$project/gitops/other/templates/map.yaml"
printf 'resources:\n  - other\n' >"$project/gitops/kustomization.yaml"
# own_files: the checksums of the files the project had before any sync.
own_files() { (cd "$project" && sha256sum CMakeLists.txt $(find deploy gitops/other gitops/kustomization.yaml -type f | sort)); }
before=$(own_files)

step "configure and build"
run_logged "$scratch/configure.log" cmake -S "$project" -B "$build" -G Ninja \
  -DPolarHelm_DIR="$package_dir" || fail "configuring failed"
run_logged "$scratch/build.log" ninja -C "$build" || fail "the build failed"

step "the first sync into the project's own folder is refused, naming its files"
if run_logged "$scratch/refused.log" ninja -C "$build" here_sync; then
  fail "here_sync wrote into a folder holding files it did not write, without --adopt"
fi
assert_contains "$scratch/refused.log" 'holds files polar-helm did not write \(.*CMakeLists\.txt'
assert_contains "$scratch/refused.log" 'refusing to write into it'
assert_contains "$scratch/refused.log" '--adopt'
assert_same_lines "the project's own files" "$before" "$(own_files)"
assert_no_file "$project/Chart.yaml"

step "a dry run says what the adopting sync would do, and does nothing"
run_logged "$scratch/dry.log" "$package_dir/tools/polar-helm/polar-helm" chart-sync --dry-run \
  "$build/charts/here" "$project" || fail "the dry run failed"
assert_contains "$scratch/dry.log" 'write: Chart\.yaml'
assert_not_contains "$scratch/dry.log" '(write|update|remove|take over): (CMakeLists|deploy/)'
assert_no_file "$project/Chart.yaml"

step "adopted once (POLAR_HELM_SYNC_ADOPT=1), it keeps CMakeLists.txt and deploy/"
POLAR_HELM_SYNC_ADOPT=1 run_logged "$scratch/adopt.log" ninja -C "$build" here_sync ||
  fail "here_sync --adopt failed"
assert_same_lines "the project's own files" "$before" "$(own_files)"
assert_file "$project/Chart.yaml"
assert_file "$project/templates/pair.yaml"
assert_contains "$project/.polar-helm-files" '^templates/pair\.yaml$'
assert_not_contains "$project/.polar-helm-files" 'CMakeLists|deploy/'
run_logged "$scratch/drift.log" ctest --test-dir "$build" --output-on-failure -R 'here\.drift' ||
  fail "drift fails on a folder holding other files"

step "a removed source: the next sync (no --adopt) removes its output and nothing else"
rm "$project/deploy/templates/pair.dhall"
before=$(own_files)
run_logged "$scratch/build2.log" ninja -C "$build" || fail "the build failed"
run_logged "$scratch/sync2.log" ninja -C "$build" here_sync || fail "here_sync failed"
assert_contains "$scratch/sync2.log" 'removed templates/pair\.yaml'
assert_no_file "$project/templates/pair.yaml"
assert_file "$project/templates/greeting.yaml"
assert_same_lines "the project's own files" "$before" "$(own_files)"

step "SYNC_DIR gitops: the sibling chart and kustomization.yaml survive (SYNC_ADOPT)"
run_logged "$scratch/flux.log" ninja -C "$build" flux_sync || fail "flux_sync failed"
assert_same_lines "the project's own files" "$before" "$(own_files)"
assert_file "$project/gitops/Chart.yaml"
run_logged "$scratch/flux-sync2.log" ninja -C "$build" flux_sync || fail "flux_sync failed"
assert_contains "$scratch/flux-sync2.log" '0 written, 0 updated, 0 removed'
assert_same_lines "the project's own files" "$before" "$(own_files)"

step "drift ignores the files no sync wrote, and reports the recorded ones missing"
printf '  - more\n' >>"$project/gitops/kustomization.yaml"
echo 'mine: true' >"$project/gitops/notes.yaml"
run_logged "$scratch/flux-drift.log" ctest --test-dir "$build" --output-on-failure -R 'flux\.drift' ||
  fail "drift fails on files no sync wrote"
rm "$project/gitops/Chart.yaml"
if run_logged "$scratch/flux-drift2.log" ctest --test-dir "$build" --output-on-failure -R 'flux\.drift'; then
  fail "drift passed without the committed Chart.yaml"
fi
assert_contains "$scratch/flux-drift2.log" 'missing: Chart\.yaml'
assert_not_contains "$scratch/flux-drift2.log" 'kustomization|notes\.yaml|other/'
ninja -C "$build" flux_sync >/dev/null || fail "flux_sync failed"
assert_file "$project/gitops/notes.yaml"
assert_contains "$project/gitops/kustomization.yaml" 'more'

step "a file no sync wrote where the chart generates one is refused, not overwritten"
# The recorded Chart.yaml is the sync's; a values.yaml put there by hand is not.
grep -v '^values\.yaml$' "$project/gitops/.polar-helm-files" >"$scratch/record"
cp "$scratch/record" "$project/gitops/.polar-helm-files"
echo 'hand: written' >"$project/gitops/values.yaml"
if run_logged "$scratch/unowned.log" "$package_dir/tools/polar-helm/polar-helm" chart-sync \
  "$build/charts/flux" "$project/gitops"; then
  fail "chart-sync overwrote a file no sync wrote"
fi
assert_contains "$scratch/unowned.log" 'values\.yaml'
assert_contains "$project/gitops/values.yaml" '^hand: written$'

step "the temporary file of a killed render is removed from the chart, never synced"
sh -c 'exit 0' &
dead=$!
wait "$dead"
chart=$build/charts/here
echo 'half: wri' >"$chart/templates/.greeting.yaml.tmp-$dead-42"
echo 'in: progress' >"$chart/.values.yaml.tmp-$$-7" # a live writer's: left alone
# An edit that changes the output: a render whose output keeps its bytes
# leaves the chart-level step (which cleans up) alone.
sed -i 's/message = /message2 = /' "$project/deploy/templates/greeting.dhall"
run_logged "$scratch/build3.log" ninja -C "$build" || fail "the build failed"
assert_no_file "$chart/templates/.greeting.yaml.tmp-$dead-42"
assert_file "$chart/.values.yaml.tmp-$$-7"
run_logged "$scratch/sync3.log" ninja -C "$build" here_sync || fail "here_sync failed"
[ -z "$(find "$project" -name '*.tmp-*')" ] || fail "a temporary file reached the committed copy: $(find "$project" -name '*.tmp-*')"
ctest --test-dir "$build" --output-on-failure -R 'here\.drift' >/dev/null || fail "drift after sync"

echo
echo "sync_ownership: all checks passed"
