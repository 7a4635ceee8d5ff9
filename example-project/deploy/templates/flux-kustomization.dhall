-- Flux applies the committed manifests of the system from the repository.
let Flux = ../lib/flux.dhall

let values = ../values.dhall

in  Flux.Kustomization::{
    , metadata = { name = "polar", namespace = values.namespace }
    , spec =
      { interval = values.gitops.interval
      , path = values.gitops.path
      , prune = True
      , sourceRef = { kind = "GitRepository", name = "polar-deploy" }
      , targetNamespace = values.namespace
      , timeout = "3m"
      }
    }
