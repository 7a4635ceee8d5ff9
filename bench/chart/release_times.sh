#!/usr/bin/env bash
# Times `polar-helm package` + `polar-helm push` against `helm package` +
# `helm push` on one chart, side by side in one run, against Debian's
# docker-registry started here on a free loopback port (stopped on exit).
# Prints a Markdown table for BENCHMARKS.md: the median of [runs] wall-clock
# times per step, in milliseconds.
#
#   bench/chart/release_times.sh <polar-helm> <chart dir> <helm> [runs]
set -euo pipefail
polar_helm=$1
chart=$2
helm=$3
runs=${4:-10}
registry=${POLAR_HELM_DOCKER_REGISTRY:-/usr/bin/docker-registry}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/polar-helm-release-bench.XXXXXX")
pid=
cleanup() {
  [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  rm -rf "$scratch"
}
trap cleanup EXIT
export HOME=$scratch/home DOCKER_CONFIG=$scratch/docker HELM_REGISTRY_CONFIG=$scratch/helm.json
export HELM_CACHE_HOME=$scratch/helm-cache
mkdir -p "$HOME"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n' >"$scratch/config.yml"
printf 'storage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$scratch/storage" "$port" >>"$scratch/config.yml"
"$registry" serve "$scratch/config.yml" >"$scratch/registry.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/v2/" && break
  sleep 0.1
done

# median_ms <command...>: the median wall-clock time of `runs` runs, in ms.
median_ms() {
  local times=() start end
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

"$polar_helm" package "$chart" -d "$scratch/ours" >/dev/null
"$helm" package "$chart" -d "$scratch/theirs" >/dev/null
ours=$(ls "$scratch"/ours/*.tgz)
theirs=$(ls "$scratch"/theirs/*.tgz)
target=oci://127.0.0.1:$port/bench

echo "| step ($(basename "$chart"), median of $runs) | polar-helm ms | $("$helm" version --short) ms |"
echo "|---|---:|---:|"
echo "| package | $(median_ms "$polar_helm" package "$chart" -d "$scratch/ours") |" \
  "$(median_ms "$helm" package "$chart" -d "$scratch/theirs") |"
echo "| push (blobs already there) | $(median_ms "$polar_helm" push "$ours" "$target" --plain-http) |" \
  "$(median_ms "$helm" push "$theirs" "$target" --plain-http) |"
d1=$(sha256sum <"$theirs")
"$helm" package "$chart" -d "$scratch/again" >/dev/null
sleep 1.1
"$helm" package "$chart" -d "$scratch/later" >/dev/null
d2=$(sha256sum <"$(ls "$scratch"/later/*.tgz)")
echo
echo "helm package twice, a second apart: $([ "$d1" = "$d2" ] && echo same || echo different) bytes;" \
  "polar-helm package: $(sha256sum <"$ours" | cut -c1-12)… every time."
