-- Flux watches the repository that holds the committed chart.
let Flux = ../lib/flux.dhall

let values = ../values.dhall

in  Flux.GitRepository::{
    , metadata = { name = "polar-deploy", namespace = values.namespace }
    , spec =
      { interval = values.gitops.interval
      , url = values.gitops.repository
      , ref = { branch = values.gitops.branch }
      , secretRef = Some { name = "polar-deploy-auth" }
      }
    }
