#!/usr/bin/env bash
# `polar-helm push` (issue #19) against a real registry: Debian's
# docker-registry (CNCF distribution), started here on a free loopback port
# with its own config and storage and stopped on exit; a second instance with
# htpasswd (bcrypt) authentication. helm pulls back exactly our bytes, helm
# push of the same package agrees on the layer digest, two pushes from two
# copies give one manifest digest, a wrong password and a registry that is
# down give clear errors without the credential.
#   push.sh <polar-helm> <docker-registry> <helm>...
source "$(dirname "$0")/lib.sh"
polar_helm=$1
registry=$2
shift 2
helms=("$@")
[ -x "$registry" ] || skip "no docker-registry at $registry (tools/setup.sh installs it)"
[ ${#helms[@]} -gt 0 ] || skip "no helm"
command -v python3 >/dev/null || skip "no python3 (to find a free port)"
make_scratch
unset SOURCE_DATE_EPOCH DOCKER_AUTH_JSON
export TZ=UTC # helm writes its `created` time in local time
export DOCKER_CONFIG=$scratch/docker-config HOME=$scratch/home
export HELM_REGISTRY_CONFIG=$scratch/helm-registry.json HELM_CACHE_HOME=$scratch/helm-cache
mkdir -p "$HOME"
pids=()
stop_registries() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${POLAR_HELM_KEEP_SCRATCH:-}" ] || rm -rf "$scratch"
}
trap stop_registries EXIT

# start_registry <name> <port> [htpasswd file]: appends the pid.
start_registry() {
  start_docker_registry "$registry" "$scratch/$1" "$2" "${3:-}"
  pids+=("$registry_pid")
}

step "a chart, packaged from two copies"
write_chart() {
  mkdir -p "$1/templates"
  printf 'apiVersion: v2\nname: pushed\nversion: 1.0.0+build.7\ndescription: A chart to push\n' \
    >"$1/Chart.yaml"
  printf 'replicas: 1\n' >"$1/values.yaml"
  printf 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: {{ .Release.Name }}\n' \
    >"$1/templates/configmap.yaml"
}
write_chart "$scratch/src1/pushed"
(umask 077 && write_chart "$scratch/src2/pushed")
touch -d '2030-01-01' "$scratch"/src2/pushed/Chart.yaml
"$polar_helm" package "$scratch/src1/pushed" -d "$scratch/one" >/dev/null
"$polar_helm" package "$scratch/src2/pushed" -d "$scratch/two" >/dev/null
package=$scratch/one/pushed-1.0.0+build.7.tgz
cmp "$package" "$scratch/two/pushed-1.0.0+build.7.tgz"

port=$(free_port)
start_registry open "$port"
target=oci://127.0.0.1:$port/charts

step "push twice, from the two copies: one manifest digest"
"$polar_helm" push "$package" "$target" --plain-http | tee "$scratch/push1.txt"
"$polar_helm" push "$scratch/two/pushed-1.0.0+build.7.tgz" "$target" --plain-http \
  | tee "$scratch/push2.txt"
assert_contains "$scratch/push1.txt" "^Pushed: 127.0.0.1:$port/charts/pushed:1.0.0_build.7$"
digest=$(sed -n 's/^Digest: //p' "$scratch/push1.txt")
[[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || fail "no digest printed"
assert_contains "$scratch/push2.txt" "^Digest: $digest$"
assert_same_lines "the .digest file" "$digest" "$(cat "$scratch/one/pushed-1.0.0+build.7.digest")"
assert_same_lines "the second .digest file" "$digest" \
  "$(cat "$scratch/two/pushed-1.0.0+build.7.digest")"
manifest=$(curl -s -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  "http://127.0.0.1:$port/v2/charts/pushed/manifests/1.0.0_build.7")
echo "$manifest"
[ "sha256:$(printf '%s' "$manifest" | sha256sum | cut -d' ' -f1)" = "$digest" ] ||
  fail "the stored manifest does not have the printed digest"
grep -q 'application/vnd.cncf.helm.config.v1+json' <<<"$manifest" || fail "no helm config type"
grep -q 'application/vnd.cncf.helm.chart.content.v1.tar+gzip' <<<"$manifest" ||
  fail "no helm layer type"
grep -q 'created' <<<"$manifest" && fail "a clock time in the manifest"
layer_digest="sha256:$(sha256sum <"$package" | cut -d' ' -f1)"
grep -q "$layer_digest" <<<"$manifest" || fail "the layer is not our package"

step "SOURCE_DATE_EPOCH puts that time, in UTC, in the manifest"
SOURCE_DATE_EPOCH=1700000000 "$polar_helm" push "$package" "oci://127.0.0.1:$port/dated" \
  --plain-http >/dev/null
curl -s -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  "http://127.0.0.1:$port/v2/dated/pushed/manifests/1.0.0_build.7" >"$scratch/dated.json"
assert_contains "$scratch/dated.json" '"org.opencontainers.image.created":"2023-11-14T22:13:20Z"'

for helm in "${helms[@]}"; do
  step "$helm: pull gives our bytes; show chart and template work; helm push agrees"
  pulled=$(mktemp -d "$scratch/pull.XXXXXX")
  "$helm" pull "$target/pushed" --version 1.0.0+build.7 --plain-http -d "$pulled"
  cmp "$pulled/pushed-1.0.0+build.7.tgz" "$package" || fail "$helm pulled other bytes"
  "$helm" show chart "$pulled/pushed-1.0.0+build.7.tgz" | grep -q '^name: pushed$' ||
    fail "$helm show chart"
  "$helm" template r "$pulled/pushed-1.0.0+build.7.tgz" | grep -q 'name: r$' ||
    fail "$helm template"
  repo=helm-$(basename "$(dirname "$helm")")
  "$helm" push "$package" "oci://127.0.0.1:$port/$repo" --plain-http 2>&1 | tee "$pulled/push.txt"
  helm_digest=$(sed -n 's/^Digest: //p' "$pulled/push.txt")
  helm_manifest=$(curl -s -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://127.0.0.1:$port/v2/$repo/pushed/manifests/$helm_digest")
  grep -q "\"digest\":\"$layer_digest\"" <<<"$helm_manifest" ||
    fail "$helm push stored another layer: $helm_manifest"
  config_digest=$(grep -Eo '"config":\{[^}]*\}' <<<"$manifest")
  grep -qF "$config_digest" <<<"$helm_manifest" ||
    fail "$helm push stored another config: $helm_manifest"
  # Given helm's clock time, our push makes helm's very manifest.
  created=$(grep -Eo '"org.opencontainers.image.created":"[^"]*"' <<<"$helm_manifest" |
    cut -d'"' -f4)
  SOURCE_DATE_EPOCH=$(date -u -d "$created" +%s) "$polar_helm" push "$package" \
    "oci://127.0.0.1:$port/same-$repo" --plain-http >"$pulled/same.txt"
  assert_contains "$pulled/same.txt" "^Digest: $helm_digest$"
done

step "--flux: a folder of manifests as a Flux artifact, pulled back equal"
write_manifests() {
  mkdir -p "$1/apps/nested"
  printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: polar\n' >"$1/apps/namespace.yaml"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' >"$1/apps/nested/config.yaml"
}
write_manifests "$scratch/flux1"
(umask 077 && write_manifests "$scratch/flux2")
# What sync keeps beside the manifests is not shipped: its record of the files
# it wrote, and the temporary of a write that was killed.
printf 'apps/namespace.yaml\napps/nested/config.yaml\n' >"$scratch/flux1/.polar-helm-files"
printf 'half' >"$scratch/flux1/apps/.namespace.yaml.tmp-4194304-271828"
touch -d '2030-01-01' "$scratch/flux2/apps/namespace.yaml"
flux_target=oci://127.0.0.1:$port/manifests/polar:v1
"$polar_helm" push --flux "$scratch/flux1" "$flux_target" --plain-http \
  --source https://git.example/polar --revision main@sha1:0123abcd | tee "$scratch/flux1.txt"
"$polar_helm" push --flux "$scratch/flux2" "$flux_target" --plain-http \
  --source https://git.example/polar --revision main@sha1:0123abcd >"$scratch/flux2.txt"
assert_contains "$scratch/flux1.txt" "^Pushed: 127.0.0.1:$port/manifests/polar:v1$"
flux_digest=$(sed -n 's/^Digest: //p' "$scratch/flux1.txt")
assert_contains "$scratch/flux2.txt" "^Digest: $flux_digest$"
flux_manifest=$(curl -s -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  "http://127.0.0.1:$port/v2/manifests/polar/manifests/v1")
echo "$flux_manifest"
grep -q '"mediaType":"application/vnd.cncf.flux.config.v1+json"' <<<"$flux_manifest" ||
  fail "no Flux config type"
grep -q '"org.opencontainers.image.revision":"main@sha1:0123abcd"' <<<"$flux_manifest" ||
  fail "no revision annotation"
flux_layer=$(grep -Eo '"digest":"sha256:[0-9a-f]{64}","size":[0-9]+\}\]' <<<"$flux_manifest" |
  cut -d'"' -f4)
curl -s -o "$scratch/flux-layer.tgz" "http://127.0.0.1:$port/v2/manifests/polar/blobs/$flux_layer"
TZ=UTC tar -tzvf "$scratch/flux-layer.tgz" | tee "$scratch/flux-listing.txt"
assert_same_lines "Flux entry owners and times" "-rw-r--r-- 0/0 1970-01-01 00:00" \
  "$(awk '{print $1, $2, $4, $5}' "$scratch/flux-listing.txt" | sort -u)"
mkdir "$scratch/flux-unpacked"
tar -xzf "$scratch/flux-layer.tgz" -C "$scratch/flux-unpacked"
diff -r "$scratch/flux2" "$scratch/flux-unpacked" || fail "the Flux artifact differs from the folder"

step "a registry with htpasswd (bcrypt) authentication"
password='s3cret-Pa55'
# glibc's crypt(3) (libxcrypt) makes bcrypt hashes; distribution reads $2y$/$2b$.
hash=$(perl -e 'print crypt($ARGV[0], q($2b$05$abcdefghijklmnopqrstuu))' "$password")
[[ $hash == '$2b$'* ]] || skip "this system's crypt(3) cannot make bcrypt hashes"
printf 'pusher:%s\n' "$hash" >"$scratch/htpasswd"
auth_port=$(free_port)
start_registry secured "$auth_port" "$scratch/htpasswd"
auth_target=oci://127.0.0.1:$auth_port/charts

status=0
"$polar_helm" push "$package" "$auth_target" --plain-http >"$scratch/none.txt" 2>&1 || status=$?
cat "$scratch/none.txt"
[ "$status" = 1 ] || fail "no credentials gave exit status $status"
assert_contains "$scratch/none.txt" "127.0.0.1:$auth_port asks for credentials"

mkdir -p "$DOCKER_CONFIG"
auth=$(printf 'pusher:%s' "$password" | base64 -w0)
printf '{"auths":{"127.0.0.1:%s":{"auth":"%s"}}}\n' "$auth_port" "$auth" >"$DOCKER_CONFIG/config.json"
"$polar_helm" push "$package" "$auth_target" --plain-http | tee "$scratch/auth.txt"
assert_contains "$scratch/auth.txt" "^Digest: $digest$"

step "the same credentials from DOCKER_AUTH_JSON"
auth_json=$(base64 -w0 <"$DOCKER_CONFIG/config.json")
rm "$DOCKER_CONFIG/config.json"
DOCKER_AUTH_JSON=$auth_json "$polar_helm" push "$package" "$auth_target" --plain-http \
  >"$scratch/env.txt"
assert_contains "$scratch/env.txt" "^Digest: $digest$"

step "a wrong password: exit 1, the registry named, no credential shown"
wrong=$(printf 'pusher:%s' 'not-the-Pa55word' | base64 -w0)
bad_json=$(printf '{"auths":{"127.0.0.1:%s":{"auth":"%s"}}}' "$auth_port" "$wrong" | base64 -w0)
status=0
DOCKER_AUTH_JSON=$bad_json "$polar_helm" push "$package" "$auth_target" --plain-http \
  >"$scratch/wrong.txt" 2>&1 || status=$?
cat "$scratch/wrong.txt"
[ "$status" = 1 ] || fail "a wrong password gave exit status $status"
assert_contains "$scratch/wrong.txt" "registry 127.0.0.1:$auth_port rejected the credentials"
for secret in not-the-Pa55word "$wrong" "$bad_json" "$password" "$auth"; do
  grep -qF -- "$secret" "$scratch/wrong.txt" && fail "a credential was printed"
done

step "the registry is down: a clear error, no digest file written"
down_port=$(free_port)
rm -f "$scratch/one/pushed-1.0.0+build.7.digest"
status=0
"$polar_helm" push "$package" "oci://127.0.0.1:$down_port/charts" --plain-http \
  >"$scratch/down.txt" 2>&1 || status=$?
cat "$scratch/down.txt"
[ "$status" = 1 ] || fail "a registry that is down gave exit status $status"
assert_contains "$scratch/down.txt" "cannot reach the registry 127.0.0.1:$down_port"
assert_no_file "$scratch/one/pushed-1.0.0+build.7.digest"

step "usage: not an oci:// reference"
status=0
"$polar_helm" push "$package" "https://127.0.0.1/charts" >"$scratch/usage.txt" 2>&1 || status=$?
[ "$status" = 2 ] || fail "a bad reference gave exit status $status"
assert_contains "$scratch/usage.txt" "expected oci://HOST"
echo "PASSED"
