#!/usr/bin/env bash
# Issue #17's latency figures, side by side with the reference dhall-to-json
# in one run (the machine is shared: only figures taken together compare):
#
#   bench/chart/latency_times.sh <polar-helm build dir> [runs] [renders]
#
# 1. The Polar-like chart of generate_polar_like.sh (23 Dhall files importing
#    values.dhall, which imports dhall-kubernetes by its pinned URL; three
#    age-encrypted secrets) built by polar_helm_chart() with Ninja: cold
#    build (integrity cache warm, empty build tree), no-op, one template
#    edited, values.dhall edited; beside bench/chart/shell_workflow.sh, the
#    reference once per file. Medians of [runs] (5).
# 2. A warm drop-in render: polar-helm called dhall-to-yaml, no flags and no
#    cache variables (so the per-user build cache), of one dhall-kubernetes
#    Deployment imported by its pinned URL, against the reference.
# 3. A warm render of one component of the library-plus-env shape
#    (generate_polar_like.sh library), `polar-helm render --file` with no
#    flags, against the reference.
# 2 and 3 alternate the two tools run by run, [renders] (21) each, and print
# medians in milliseconds.
#
# <polar-helm build dir> is a build tree of polar-helm (best the release
# preset's), given as an absolute path; it is also the PolarHelm_DIR of the
# chart's build. Everything else lives in a scratch folder with its own HOME
# and XDG_CACHE_HOME, removed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$1
runs=${2:-5}
renders=${3:-21}
polar_helm=$build_dir/tools/polar-helm/polar-helm
reference=${POLAR_HELM_REFERENCE_DHALL_TO_JSON:-$root/.tools/npm/node_modules/.bin/dhall-to-json-1.7.6-x86_64-linux}
dhall_kubernetes=${POLAR_HELM_SHARED_DIR:-$root/../shared}/dhall-kubernetes
kubernetes_url=https://raw.githubusercontent.com/dhall-lang/dhall-kubernetes/master/
kubernetes_hash=sha256:263ee915ef545f2d771fdcd5cfa4fbb7f62772a861b5c197f998e5b71219112c
# The example's demo recipient (example-project/.sops.yaml): its key was not kept.
age_recipient=age1lv5nmcc8s2z3tl69gycknr5fvc4kl2zvf6gxxdf2unrna0dpygcqqklp7g

scratch=$(mktemp -d "${TMPDIR:-/tmp}/polar-helm-latency.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export HOME=$scratch/home XDG_CACHE_HOME=$scratch/cache
mkdir -p "$HOME"
unset POLAR_HELM_BUILD_CACHE POLAR_HELM_NO_BUILD_CACHE

# median of the numbers on standard input
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# milliseconds <command...>: the wall-clock time of the command, in ms (no
# process is started to read the clock); fails when the command does.
milliseconds() {
  local start=$EPOCHREALTIME
  "$@" >"$scratch/last.log" 2>&1 || {
    cat "$scratch/last.log" >&2
    return 1
  }
  awk -v start="$start" -v end="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", (end - start) * 1000 }'
}

# Both tools read dhall-kubernetes from the integrity cache: the reference
# has no other way to the pinned URL offline, so it seeds the cache once.
echo "let k = $dhall_kubernetes/package.dhall $kubernetes_hash in {=}" >"$scratch/seed.dhall"
"$reference" --file "$scratch/seed.dhall" >/dev/null
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. The chart.
project=$scratch/project
mkdir -p "$project"
"$root/bench/chart/generate_polar_like.sh" chart "$project/deploy"
cat >"$project/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.25)
project(PolarLike LANGUAGES NONE)
find_package(PolarHelm CONFIG REQUIRED)
polar_helm_chart(polar SOURCE_DIR deploy AGE_RECIPIENTS $age_recipient OFFLINE
                 MIRRORS "$kubernetes_url=$dhall_kubernetes")
EOF
file_count=$(find "$project/deploy" -name '*.dhall' | wc -l)
declare -A samples
# measure <step> <command...>: one more sample of <step>.
measure() {
  local step=$1
  shift
  samples[$step]+="$(milliseconds "$@")"$'\n'
}
edit() { echo "-- edit $RANDOM" >>"$1"; } # new bytes, same output
steps=("cold build" "no-op build" "one template edited" "values.dhall edited ($((file_count)) renders)"
  "shell workflow, reference dhall-to-json")
for run in $(seq "$runs"); do
  build=$project/build-$run
  cmake -S "$project" -B "$build" -G Ninja -DPolarHelm_DIR="$build_dir" >/dev/null
  measure "${steps[0]}" ninja -C "$build"
  measure "${steps[1]}" ninja -C "$build"
  edit "$project/deploy/templates/neo4j-deployment.dhall"
  measure "${steps[2]}" ninja -C "$build"
  edit "$project/deploy/values.dhall"
  measure "${steps[3]}" ninja -C "$build"
  rm -rf "$scratch/shell-chart"
  measure "${steps[4]}" "$root/bench/chart/shell_workflow.sh" "$reference" "$project/deploy" \
    "$scratch/shell-chart"
done
if ! grep -q "sops:" "$build/charts/polar/templates/cassini-secret.yaml"; then
  echo "the secrets were not encrypted" >&2
  exit 1
fi

# side_by_side <label> <directory> <file> <polar-helm command...>: warm
# renders of <file>, alternating the two tools.
side_by_side() {
  local label=$1 directory=$2 file=$3 ours="" theirs="" a b
  shift 3
  cd "$directory"
  "$@" --file "$file" >/dev/null # warms the caches
  "$reference" --file "$file" >/dev/null
  for _ in $(seq "$renders"); do
    ours+="$(milliseconds "$@" --file "$file")"$'\n'
    theirs+="$(milliseconds "$reference" --file "$file")"$'\n'
  done
  cd "$root"
  a=$(printf '%s' "$ours" | median)
  b=$(printf '%s' "$theirs" | median)
  printf '| %s | %.1f | %.1f | %.1f× |\n' "$label" "$a" "$b" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { print b / a }')" >>"$scratch/renders.md"
}

# 2. The drop-in render.
mkdir -p "$scratch/bin" "$scratch/deployment"
ln -s "$polar_helm" "$scratch/bin/dhall-to-yaml"
sed -e "s|@KUBERNETES_IMPORT@|${kubernetes_url}package.dhall $kubernetes_hash|" \
  -e "s|@IMPORT_NOTE@|by its pinned URL|" "$root/bench/inputs/kubernetes_deployment.dhall.in" \
  >"$scratch/deployment/deployment.dhall"
side_by_side "drop-in \`dhall-to-yaml\`, one Deployment (pinned URL)" "$scratch/deployment" \
  deployment.dhall "$scratch/bin/dhall-to-yaml"

# 3. The library-plus-env component.
"$root/bench/chart/generate_polar_like.sh" library "$scratch/library"
(cd "$scratch/library" && "$polar_helm" freeze --all --offline types/deployment.dhall types/package.dhall >/dev/null)
export POLAR_NAMESPACE=polar POLAR_REGISTRY=registry.example.internal/polar POLAR_VERSION=0.3.1 \
  POLAR_DOMAIN=polar.example.internal POLAR_REPLICAS=3 POLAR_LOG_LEVEL=debug
side_by_side "library-plus-env component (\`polar-helm render\`)" "$scratch/library" \
  components/cassini.dhall "$polar_helm" render

echo "Polar-like chart ($file_count Dhall files, three age-encrypted secrets), median of $runs runs;" \
  "$(nproc) cores, load average $load_at_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end:"
echo
echo "| step | ms |"
echo "|---|---:|"
for step in "${steps[@]}"; do
  printf '| %s | %.0f |\n' "$step" "$(printf '%s' "${samples[$step]}" | median)"
done
echo
echo "Warm renders, median of $renders alternating runs:"
echo
echo "| render | polar-helm ms | reference ms | ratio |"
echo "|---|---:|---:|---:|"
cat "$scratch/renders.md"
