#!/usr/bin/env bash
# `polar-helm package` (issue #19): the same chart copied twice, with other
# file times and another umask, packs to the same bytes; the package lists
# what `helm package` lists, in its order, with the same contents (Chart.yaml
# aside: helm rewrites it, compared through `helm show chart`); both helms
# lint it; tar shows uid/gid 0 and the fixed time. With an example chart
# (the example project's build), the same for it.
#   package.sh <polar-helm> <example chart or ""> <helm>...
source "$(dirname "$0")/lib.sh"
polar_helm=$1
example_chart=$2
shift 2
helms=("$@")
[ ${#helms[@]} -gt 0 ] || skip "no helm"
make_scratch
unset SOURCE_DATE_EPOCH

write_fixture() { # <dir>
  local d=$1
  mkdir -p "$d/templates" "$d/a" "$d/secrets" "$d/charts/zeta/templates" "$d/charts/alpha"
  printf 'apiVersion: v2\nname: fixture\nversion: 1.2.3+build.4\nappVersion: "1.0"\n%s\n' \
    'dependencies: [{name: alpha, version: 0.2.0}, {name: zeta, version: 0.1.0}]' >"$d/Chart.yaml"
  printf 'replicas: 1\n' >"$d/values.yaml"
  printf 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: a\n' >"$d/templates/a.yaml"
  printf 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: b\n' >"$d/templates/b.yaml"
  printf 'dotfile\n' >"$d/templates/.hidden"
  printf 'ab\n' >"$d/a/b.txt"
  printf 'a\n' >"$d/a.txt"
  printf 'top\n' >"$d/top-only.txt"
  printf 'nested\n' >"$d/a/top-only.txt"
  printf 'secret\n' >"$d/secrets/key.txt"
  printf '{=}\n' >"$d/values.dhall"
  printf '# test\n*.dhall\nsecrets/\n/top-only.txt\n' >"$d/.helmignore"
  printf 'apiVersion: v2\nname: zeta\nversion: 0.1.0\n' >"$d/charts/zeta/Chart.yaml"
  printf 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: z\n' \
    >"$d/charts/zeta/templates/z.yaml"
  printf 'apiVersion: v2\nname: alpha\nversion: 0.2.0\n' >"$d/charts/alpha/Chart.yaml"
  printf 'x: 1\n' >"$d/charts/alpha/values.yaml"
}

step "two copies: other times, other umask, same bytes"
(umask 022 && write_fixture "$scratch/one/fixture")
(umask 077 && write_fixture "$scratch/two/fixture")
find "$scratch/one" -exec touch -d '2001-02-03 04:05:06' {} +
find "$scratch/two" -exec touch -d '2024-10-11 12:13:14' {} +
"$polar_helm" package "$scratch/one/fixture" --output "$scratch/out1" >"$scratch/out1.txt"
(umask 077 && "$polar_helm" package "$scratch/two/fixture" -d "$scratch/out2")
package=$scratch/out1/fixture-1.2.3+build.4.tgz
assert_file "$package"
assert_contains "$scratch/out1.txt" "^$scratch/out1/fixture-1.2.3\+build.4.tgz$"
sum1=$(sha256sum <"$package")
sum2=$(sha256sum <"$scratch/out2/fixture-1.2.3+build.4.tgz")
[ "$sum1" = "$sum2" ] || fail "two copies packed differently: $sum1 / $sum2"
echo "sha256 $sum1"

step "tar -tzvf: owners 0/0, mode 0644, the fixed time, helm's order"
tar -tzvf "$package" | tee "$scratch/listing.txt"
listing=$(awk '{print $1, $2, $4, $5}' "$scratch/listing.txt" | sort -u)
assert_same_lines "modes, owners and times" "-rw-r--r-- 0/0 1970-01-01 00:00" "$listing"
expected_order="fixture/Chart.yaml
fixture/values.yaml
fixture/templates/a.yaml
fixture/templates/b.yaml
fixture/.helmignore
fixture/a/b.txt
fixture/a/top-only.txt
fixture/a.txt
fixture/charts/alpha/Chart.yaml
fixture/charts/alpha/values.yaml
fixture/charts/zeta/Chart.yaml
fixture/charts/zeta/templates/z.yaml"
assert_same_lines "entries" "$expected_order" "$(tar -tzf "$package")"
gzip_header=$(head -c 10 "$package" | od -An -tx1 | tr -d ' \n')
[ "$gzip_header" = 1f8b08000000000002ff ] || fail "gzip header $gzip_header has a time or a name"

step "SOURCE_DATE_EPOCH sets the time"
SOURCE_DATE_EPOCH=1700000000 "$polar_helm" package "$scratch/one/fixture" -d "$scratch/dated"
TZ=UTC tar -tzvf "$scratch/dated/fixture-1.2.3+build.4.tgz" >"$scratch/dated.txt"
assert_contains "$scratch/dated.txt" "0/0 +[0-9]+ 2023-11-14 22:13 fixture/Chart.yaml"
status=0
SOURCE_DATE_EPOCH=soon "$polar_helm" package "$scratch/one/fixture" -d "$scratch/bad" \
  2>"$scratch/bad.txt" || status=$?
[ "$status" = 1 ] || fail "a bad SOURCE_DATE_EPOCH gave exit status $status"
assert_contains "$scratch/bad.txt" "SOURCE_DATE_EPOCH=soon: expected a number of seconds"

# compare_with_helm <chart dir> <our package> <helm>: same entries in the same
# order, same contents but Chart.yaml, the same `helm show chart`.
compare_with_helm() {
  local chart=$1 ours=$2 helm=$3 work
  work=$(mktemp -d "$scratch/helm.XXXXXX")
  "$helm" package "$chart" -d "$work/helm" >/dev/null
  local theirs
  theirs=$(ls "$work"/helm/*.tgz)
  [ "$(basename "$theirs")" = "$(basename "$ours")" ] || fail "helm names it $(basename "$theirs")"
  # helm puts subcharts in Go's map order, which varies from run to run; ours
  # are by folder name. So: the same set, the same order outside charts/ and
  # the same order within each subchart.
  tar -tzf "$theirs" >"$work/theirs.list"
  tar -tzf "$ours" >"$work/ours.list"
  assert_same_lines "entries of $helm package (sorted)" "$(sort "$work/theirs.list")" \
    "$(sort "$work/ours.list")"
  local subchart
  for subchart in "" $(grep -Eo '^[^/]+/charts/[^/]+/' "$work/ours.list" | sort -u); do
    if [ -z "$subchart" ]; then
      assert_same_lines "top entries of $helm package" "$(grep -v '^[^/]*/charts/' "$work/theirs.list")" \
        "$(grep -v '^[^/]*/charts/' "$work/ours.list")"
    else
      assert_same_lines "entries of $subchart" "$(grep "^$subchart" "$work/theirs.list")" \
        "$(grep "^$subchart" "$work/ours.list")"
    fi
  done
  mkdir "$work/theirs" "$work/ours"
  tar -xmzf "$theirs" -C "$work/theirs"
  tar -xmzf "$ours" -C "$work/ours"
  diff -r --exclude=Chart.yaml "$work/theirs" "$work/ours" || fail "contents differ from helm's"
  "$helm" show chart "$theirs" >"$work/theirs.chart"
  "$helm" show chart "$ours" >"$work/ours.chart"
  diff "$work/theirs.chart" "$work/ours.chart" || fail "helm show chart differs"
  "$helm" lint "$ours" >"$work/lint.txt" || fail "$helm lint failed: $(cat "$work/lint.txt")"
  "$helm" template release "$ours" >/dev/null || fail "$helm template failed"
}

for helm in "${helms[@]}"; do
  step "$helm: the same entries and contents as helm package, lint, show chart"
  compare_with_helm "$scratch/one/fixture" "$package" "$helm"
done

if [ -n "$example_chart" ] && [ -f "$example_chart/Chart.yaml" ]; then
  step "the example chart: twice from two copies, and against helm package"
  cp -r "$example_chart" "$scratch/example-a"
  cp -r "$example_chart" "$scratch/example-b"
  find "$scratch/example-b" -exec touch -d '2030-01-01' {} +
  "$polar_helm" package "$scratch/example-a" -d "$scratch/example-out-a" >/dev/null
  (umask 077 && "$polar_helm" package "$scratch/example-b" -d "$scratch/example-out-b" >/dev/null)
  a=$(ls "$scratch"/example-out-a/*.tgz)
  b=$(ls "$scratch"/example-out-b/*.tgz)
  cmp "$a" "$b" || fail "the example chart packed differently from two copies"
  tar -tzf "$a" | grep -q 'secret' && fail "an encrypted secret got into the package"
  for helm in "${helms[@]}"; do
    compare_with_helm "$scratch/example-a" "$a" "$helm"
  done
else
  echo "(no example chart built: only the fixture was compared)"
fi
echo "PASSED"
