-- The agents' credentials, from the environment of the build, with
-- placeholders for local builds. The chart gets this file encrypted (sops,
-- for the age recipient in ../../.sops.yaml), never in plaintext.
let kubernetes = ../lib/kubernetes.dhall

let values = ../values.dhall

let gitlabToken = env:GITLAB_TOKEN as Text ? "change-me-gitlab-token"

let graphPassword = env:NEO4J_PASSWORD as Text ? "change-me-neo4j"

in  kubernetes.Secret::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some values.gitlabAgent.secretName
      , namespace = Some values.namespace
      , labels = Some (../lib/labels.dhall "gitlab-agent")
      }
    , type = Some "Opaque"
    , stringData = Some
        (toMap { GITLAB_TOKEN = gitlabToken, GRAPH_PASSWORD = graphPassword })
    }
