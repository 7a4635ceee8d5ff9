-- The Flux resources the system uses (not in dhall-kubernetes: CRDs).
let Metadata = { name : Text, namespace : Text }

let SourceReference = { kind : Text, name : Text }

let GitRepository =
      { Type =
          { apiVersion : Text
          , kind : Text
          , metadata : Metadata
          , spec :
              { interval : Text
              , url : Text
              , ref : { branch : Text }
              , secretRef : Optional { name : Text }
              }
          }
      , default =
        { apiVersion = "source.toolkit.fluxcd.io/v1", kind = "GitRepository" }
      }

let Kustomization =
      { Type =
          { apiVersion : Text
          , kind : Text
          , metadata : Metadata
          , spec :
              { interval : Text
              , path : Text
              , prune : Bool
              , sourceRef : SourceReference
              , targetNamespace : Text
              , timeout : Text
              }
          }
      , default =
        { apiVersion = "kustomize.toolkit.fluxcd.io/v1", kind = "Kustomization" }
      }

in  { Metadata, SourceReference, GitRepository, Kustomization }
