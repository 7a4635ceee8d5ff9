let kubernetes = ../lib/kubernetes.dhall

let labels = ../lib/labels.dhall "neo4j"

let values = ../values.dhall

let port =
      \(name : Text) ->
      \(number : Natural) ->
        kubernetes.ServicePort::{
        , name = Some name
        , port = number
        , targetPort = Some (kubernetes.NatOrString.String name)
        }

in  kubernetes.Service::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "neo4j"
      , namespace = Some values.namespace
      , labels = Some labels
      }
    , spec = Some kubernetes.ServiceSpec::{
      , selector = Some labels
      , clusterIP = Some "None"
      , ports = Some
        [ port "bolt" values.neo4j.boltPort, port "http" values.neo4j.httpPort ]
      }
    }
