-- What the observer and the consumer Deployments share: the image, the
-- service account, the broker's address and the credentials.
let kubernetes = ./kubernetes.dhall

let values = ../values.dhall

let fromSecret =
      \(name : Text) ->
        kubernetes.EnvVar::{
        , name
        , valueFrom = Some kubernetes.EnvVarSource::{
          , secretKeyRef = Some kubernetes.SecretKeySelector::{
            , name = Some values.gitlabAgent.secretName
            , key = name
            }
          }
        }

let setting =
      \(name : Text) ->
      \(value : Text) ->
        kubernetes.EnvVar::{ name, value = Some value }

let deployment =
      \(role : Text) ->
      \(env : List kubernetes.EnvVar.Type) ->
        let labels = ./labels.dhall "gitlab-${role}"

        in  kubernetes.Deployment::{
            , metadata = kubernetes.ObjectMeta::{
              , name = Some "gitlab-${role}"
              , namespace = Some values.namespace
              , labels = Some labels
              }
            , spec = Some kubernetes.DeploymentSpec::{
              , replicas = Some 1
              , selector = kubernetes.LabelSelector::{ matchLabels = Some labels }
              , template = kubernetes.PodTemplateSpec::{
                , metadata = Some kubernetes.ObjectMeta::{ labels = Some labels }
                , spec = Some kubernetes.PodSpec::{
                  , serviceAccountName = Some "gitlab-agent"
                  , containers =
                    [ kubernetes.Container::{
                      , name = role
                      , image = Some values.gitlabAgent.image
                      , args = Some [ role ]
                      , env = Some
                          (   [ setting
                                  "BROKER_ADDR"
                                  "cassini.${values.namespace}.svc:${Natural/show
                                                                       values.cassini.port}"
                              ]
                            # env
                          )
                      }
                    ]
                  }
                }
              }
            }

in  { fromSecret, setting, deployment }
