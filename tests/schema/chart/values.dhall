-- Values whose type becomes values.schema.json: tests/schema/check_values_schema_helm.sh
-- has helm reject overrides that do not fit it.
{ name = "typed"
, replicas = 2
, tag = None Text
, mode = < Fast | Slow >.Fast
, labels = toMap { team = "platform" }
, web = { port = 8080 }
}
