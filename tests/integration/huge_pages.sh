#!/usr/bin/env bash
# polar-helm puts its heap on transparent huge pages at start, and
# POLAR_HELM_NO_HUGE_PAGES switches that off (issue #17 item 4;
# docs/rendering.md, "Huge pages"): the madvise calls are there without the
# switch and gone with it.
#
#   huge_pages.sh <polar-helm>
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || fail "usage: huge_pages.sh <polar-helm>"
polar_helm=$1
command -v strace >/dev/null || skip "strace not found"
make_scratch

# advice <log> <env...>: the madvise advice `polar-helm --version` gives.
advice() {
  local log=$1
  shift
  env "$@" strace -e trace=madvise -o "$log" "$polar_helm" --version >/dev/null ||
    fail "polar-helm --version failed under strace"
}

step "by default the heap is advised for huge pages"
advice "$scratch/default.log" -u POLAR_HELM_NO_HUGE_PAGES
assert_contains "$scratch/default.log" 'MADV_HUGEPAGE'

for off in 1 yes anything; do
  step "POLAR_HELM_NO_HUGE_PAGES=$off: no advice"
  advice "$scratch/off-$off.log" POLAR_HELM_NO_HUGE_PAGES=$off
  assert_not_contains "$scratch/off-$off.log" 'MADV_HUGEPAGE|MADV_COLLAPSE|0x19'
done
for on in 0 false no ""; do
  step "POLAR_HELM_NO_HUGE_PAGES='$on': huge pages stay on"
  advice "$scratch/on-$on.log" POLAR_HELM_NO_HUGE_PAGES=$on
  assert_contains "$scratch/on-$on.log" 'MADV_HUGEPAGE'
done
echo
echo "huge pages: all checks passed"
