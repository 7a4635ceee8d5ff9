-- The message broker: a Deployment and its Service.
let types = ../../types/package.dhall sha256:c18ba57fc54e7f9d63b0623f5333d377d5e34f01914fd722d5b7cff0a4c1eddc

let kubernetes = types.kubernetes

let settings = types.settings.cassini

let labels = types.functions.labels "cassini"

in  [ types.Resource.Deployment
        kubernetes.Deployment::{
        , metadata = types.functions.metadata "cassini" "cassini"
        , spec = Some kubernetes.DeploymentSpec::{
          , replicas = Some settings.replicas
          , selector = kubernetes.LabelSelector::{ matchLabels = Some labels }
          , template = kubernetes.PodTemplateSpec::{
            , metadata = Some kubernetes.ObjectMeta::{ labels = Some labels }
            , spec = Some kubernetes.PodSpec::{
              , containers =
                [ kubernetes.Container::{
                  , name = "cassini"
                  , image = Some settings.image
                  , ports = Some
                    [ kubernetes.ContainerPort::{
                      , name = Some "amqps"
                      , containerPort = settings.port
                      }
                    ]
                  }
                ]
              }
            }
          }
        }
    , types.Resource.Service
        kubernetes.Service::{
        , metadata = types.functions.metadata "cassini" "cassini"
        , spec = Some kubernetes.ServiceSpec::{
          , selector = Some labels
          , ports = Some [ types.functions.servicePort "amqps" settings.port ]
          }
        }
    ]
