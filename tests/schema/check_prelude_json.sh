#!/usr/bin/env bash
# check_prelude_json.sh <polar-helm> <shared-dir> <work-dir>
# `Prelude.JSON.Type` imported from the Prelude itself (issue #20), from both
# copies in ../shared (the v17.0.0 release and the standard's Prelude/):
# values.schema.json admits anything there (`{}`), the other fields keep their
# schemas, and `validate --type` reads any YAML into it.
source "$(dirname "$0")/../render/lib.sh"
polar_helm=$1 shared=$2 work=$3
fresh_dir "$work"
checked=0
for prelude in "$shared/dhall-prelude-v17.0.0" "$shared/dhall-lang/Prelude"; do
  [ -f "$prelude/JSON/Type" ] || continue
  checked=$((checked + 1))
  dir=$work/$checked
  mkdir -p "$dir"
  cat >"$dir/values.dhall" <<DHALL
let JSON = $prelude/JSON/package.dhall

in  { name = "web"
    , extra = JSON.object (toMap { replicas = JSON.natural 2, tags = JSON.array [ JSON.string "a" ] })
    , none = JSON.null
    }
DHALL
  "$polar_helm" schema --file "$dir/values.dhall" --output "$dir/values.schema.json" ||
    fail "no schema for a values.dhall with Prelude.JSON.Type fields ($prelude)"
  python3 - "$dir/values.schema.json" <<'PY' || fail "unexpected schema ($prelude): $(cat "$dir/values.schema.json")"
import json, sys
schema = json.load(open(sys.argv[1]))
properties = schema["properties"]
assert properties["extra"] == {}, properties["extra"]
assert properties["none"] == {}, properties["none"]
assert properties["name"] == {"type": "string"}, properties["name"]
assert schema["additionalProperties"] is False
PY
  printf 'name: web\nextra: {a: [1, 2.5, true, null, {b: c}]}\nnone: null\n' >"$dir/values.yaml"
  "$polar_helm" validate --type "{ name : Text, extra : $prelude/JSON/Type, none : $prelude/JSON/Type }" \
    "$dir/values.yaml" >/dev/null || fail "validate --type with Prelude.JSON.Type rejected any YAML"
done
if [ "$checked" = 0 ]; then
  echo "SKIP: no Prelude under $shared"
  exit "$skip_code"
fi
echo "Prelude.JSON.Type: $checked Prelude copies checked"
