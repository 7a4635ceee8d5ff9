-- The database credentials, from the environment of the build (a placeholder
-- for local builds). Matches SECRETS_PATTERN (*-secret.dhall): encrypted for
-- the age recipient of ../../../.sops.yaml before it reaches the folder.
-- A file of its own, one document, until secrets in multi-document files
-- are supported; then it joins neo4j.dhall.
let types = ../../types/package.dhall sha256:c18ba57fc54e7f9d63b0623f5333d377d5e34f01914fd722d5b7cff0a4c1eddc

let kubernetes = types.kubernetes

let password = env:NEO4J_PASSWORD as Text ? "change-me-neo4j"

in  [ types.Resource.Secret
        kubernetes.Secret::{
        , metadata = types.functions.metadata "neo4j-auth" "neo4j"
        , type = Some "Opaque"
        , stringData = Some (toMap { NEO4J_AUTH = "neo4j/${password}" })
        }
    ]
