#!/usr/bin/env bash
# check_positional_file.sh <polar-helm> <work-dir>
# `polar-helm encrypt FILE` and `decrypt FILE` take the file as sops does (issue #18), as
# --file does; both at once are a usage error.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"
# A test key (also in tests/unit/secrets/encoding_test.cpp); never used for real data.
identity="AGE-SECRET-KEY-1YLQPZ69ELN950WM9RJXEUYLCQQVXQD6MCC2050RSV38XLT76EHRSZYSCFA"
recipient="age1afrakp33x2zxxrvj7a0auu3v4ft0jtna07pmrrk9ecpesn0zr3kqeedk0z"
printf 'token: s3cr3t\n' >"$work/plain.yaml"

"$polar_helm" encrypt --age "$recipient" "$work/plain.yaml" >"$work/by_position.yaml"
grep -q '^sops:' "$work/by_position.yaml" || fail "encrypt FILE: $(cat "$work/by_position.yaml")"
SOPS_AGE_KEY="$identity" "$polar_helm" decrypt "$work/by_position.yaml" >"$work/decrypted.yaml"
same_bytes "$work/plain.yaml" "$work/decrypted.yaml"
"$polar_helm" decrypt --structure-only "$work/by_position.yaml" --output "$work/masked.yaml"
grep -q '^token:' "$work/masked.yaml" || fail "decrypt --structure-only FILE"

# --file still works, and the two together are refused.
SOPS_AGE_KEY="$identity" "$polar_helm" decrypt --file "$work/by_position.yaml" >"$work/by_flag.yaml"
same_bytes "$work/plain.yaml" "$work/by_flag.yaml"
expect_exit 2 "$polar_helm" decrypt --file "$work/by_position.yaml" "$work/by_position.yaml" 2>/dev/null
expect_exit 2 "$polar_helm" encrypt --age "$recipient" --file "$work/plain.yaml" "$work/plain.yaml" \
  2>/dev/null
# A missing file: exit 3.
expect_exit_stderr 3 "$work/missing.stderr" "$polar_helm" decrypt "$work/missing.yaml"
echo "ok"
