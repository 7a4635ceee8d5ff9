let kubernetes = ../lib/kubernetes.dhall

let labels = ../lib/labels.dhall "cassini"

let values = ../values.dhall

in  kubernetes.Service::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "cassini"
      , namespace = Some values.namespace
      , labels = Some labels
      }
    , spec = Some kubernetes.ServiceSpec::{
      , selector = Some labels
      , ports = Some
        [ kubernetes.ServicePort::{
          , name = Some "amqps"
          , port = values.cassini.port
          , targetPort = Some (kubernetes.NatOrString.String "amqps")
          }
        ]
      }
    }
