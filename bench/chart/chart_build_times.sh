#!/usr/bin/env bash
# Times the example chart, built by polar_helm_chart() with Ninja, against the
# shell workflow with the reference dhall-to-json (one process per file), on
# the same files. Prints a Markdown table for BENCHMARKS.md.
#
#   bench/chart/chart_build_times.sh <PolarHelm_DIR> [runs]
#
# <PolarHelm_DIR> is a polar-helm build tree (best a Release one) or an
# install's lib/cmake/PolarHelm. Each figure is the median of [runs] (5)
# wall-clock times. Both sides start from a warm integrity cache, as every
# build after the first does: the reference cannot resolve the pinned
# dhall-kubernetes URL otherwise (no network here), so its cache is seeded
# once through the local copy. "cold cache" is polar-helm with an empty
# cache, resolving dhall-kubernetes through the mirror.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
package_dir=$1
runs=${2:-5}
reference=${POLAR_HELM_REFERENCE_DHALL_TO_JSON:-$root/.tools/npm/node_modules/.bin/dhall-to-json-1.7.6-x86_64-linux}
dhall_kubernetes=${POLAR_HELM_SHARED_DIR:-$root/../shared}/dhall-kubernetes
kubernetes_hash=sha256:263ee915ef545f2d771fdcd5cfa4fbb7f62772a861b5c197f998e5b71219112c

scratch=$(mktemp -d "${TMPDIR:-/tmp}/polar-helm-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
src=$scratch/example
mkdir -p "$src"
cp -r "$root/example-project/CMakeLists.txt" "$root/example-project/.sops.yaml" \
  "$root/example-project/deploy" "$src/"
# The standard reads cached imports under HOME too: a home of its own keeps
# "cold" cold and the user's cache out of the figures.
export HOME=$scratch/home
mkdir -p "$HOME"
sources=$src/deploy
file_count=$(find "$sources" -name '*.dhall' -not -path '*/lib/*' | wc -l)

now() { date +%s.%N; }
# median of the numbers on standard input
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# timed <command...>: prints the seconds it took; fails when the command does.
timed() {
  local start
  start=$(now)
  "$@" >"$scratch/last.log" 2>&1 || {
    cat "$scratch/last.log" >&2
    return 1
  }
  awk -v start="$start" -v end="$(now)" 'BEGIN { printf "%.3f\n", end - start }'
}

configure() { # <build-dir> <cache-dir> <dhall-kubernetes copy to mirror, or a missing folder>
  XDG_CACHE_HOME=$2 cmake -S "$src" -B "$1" -G Ninja -DPolarHelm_DIR="$package_dir" \
    -DPOLAR_DEPLOYMENT_DHALL_KUBERNETES="$3" >/dev/null
}

warm_cache=$scratch/warm-cache
cold_cache() { rm -rf "$scratch/cold-cache" && echo "$scratch/cold-cache"; }

# Seed the reference's cache (its only way to the pinned import offline).
echo "let k = $dhall_kubernetes/package.dhall $kubernetes_hash in {=}" >"$scratch/seed.dhall"
XDG_CACHE_HOME=$warm_cache "$reference" --file "$scratch/seed.dhall" >/dev/null
# Warm polar-helm's side of the same cache with one build.
configure "$scratch/warmup" "$warm_cache" "$scratch/no-mirror"
XDG_CACHE_HOME=$warm_cache ninja -C "$scratch/warmup" >/dev/null

declare -A samples
# measure <step> <command...>: one more sample of <step>; a failure stops the run.
measure() {
  local step=$1 seconds
  shift
  seconds=$(timed "$@")
  samples[$step]+="$seconds"$'\n'
}

for run in $(seq "$runs"); do
  build=$scratch/build-$run
  cache=$(cold_cache)
  configure "$build" "$cache" "$dhall_kubernetes"
  # Needs `polar-helm render --mirror`; reported as n/a when the build fails.
  seconds=$(XDG_CACHE_HOME=$cache timed ninja -C "$build") || seconds=n/a
  samples["cold build, cold cache (mirror)"]+="$seconds"$'\n'

  # The warm cache holds dhall-kubernetes: no mirror needed.
  build=$scratch/build-warm-$run
  measure "configure" configure "$build" "$warm_cache" "$scratch/no-mirror"
  export XDG_CACHE_HOME=$warm_cache
  measure "cold build" ninja -C "$build"
  measure "no-op build" ninja -C "$build"
  touch "$sources/cassini/deployment.dhall"
  measure "one file edited (cassini/deployment.dhall)" ninja -C "$build"
  touch "$sources/values.dhall"
  measure "values.dhall edited (16 files)" ninja -C "$build"

  rm -rf "$scratch/shell-chart"
  measure "shell workflow, reference dhall-to-json" \
    "$root/bench/chart/shell_workflow.sh" "$reference" "$sources" "$scratch/shell-chart"
  unset XDG_CACHE_HOME
done

echo "Example chart ($file_count Dhall files rendered), median of $runs runs, $(nproc) cores," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end:"
echo
echo "| step | seconds |"
echo "|---|---|"
for step in "configure" "cold build" "no-op build" \
  "one file edited (cassini/deployment.dhall)" "values.dhall edited (16 files)" \
  "cold build, cold cache (mirror)" "shell workflow, reference dhall-to-json"; do
  if grep -q n/a <<<"${samples[$step]}"; then
    printf '| %s | n/a (the build failed: polar-helm render without --mirror?) |\n' "$step"
  else
    printf '| %s | %.2f |\n' "$step" "$(printf '%s' "${samples[$step]}" | median)"
  fi
done
echo
echo "The shell workflow has no incrementality: after any edit it takes its full time again."
