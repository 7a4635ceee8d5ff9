-- The database credentials, from the environment of the build. The fallback
-- is a placeholder for local builds: real deployments set NEO4J_PASSWORD.
-- The chart gets this file encrypted (sops, for the age recipient in
-- ../../.sops.yaml), never in plaintext.
let kubernetes = ../lib/kubernetes.dhall

let labels = ../lib/labels.dhall "neo4j"

let values = ../values.dhall

let password = env:NEO4J_PASSWORD as Text ? "change-me-neo4j"

in  kubernetes.Secret::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "neo4j-auth"
      , namespace = Some values.namespace
      , labels = Some labels
      }
    , type = Some "Opaque"
    , stringData = Some (toMap { NEO4J_AUTH = "neo4j/${password}" })
    }
