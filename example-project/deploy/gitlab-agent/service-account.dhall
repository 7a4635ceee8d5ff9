let kubernetes = ../lib/kubernetes.dhall

let values = ../values.dhall

in  kubernetes.ServiceAccount::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "gitlab-agent"
      , namespace = Some values.namespace
      , labels = Some (../lib/labels.dhall "gitlab-agent")
      }
    , automountServiceAccountToken = Some False
    }
