-- The GitLab agents: the observer and the consumer, and their ServiceAccount.
let types = ../../types/package.dhall sha256:c18ba57fc54e7f9d63b0623f5333d377d5e34f01914fd722d5b7cff0a4c1eddc

let kubernetes = types.kubernetes

let settings = types.settings.agents

let deployment =
      \(role : Text) ->
        let labels = types.functions.labels "gitlab-${role}"

        in  types.Resource.Deployment
              kubernetes.Deployment::{
              , metadata = types.functions.metadata "gitlab-${role}" "gitlab-${role}"
              , spec = Some kubernetes.DeploymentSpec::{
                , selector = kubernetes.LabelSelector::{ matchLabels = Some labels }
                , template = kubernetes.PodTemplateSpec::{
                  , metadata = Some kubernetes.ObjectMeta::{ labels = Some labels }
                  , spec = Some kubernetes.PodSpec::{
                    , serviceAccountName = Some "gitlab-agent"
                    , containers =
                      [ kubernetes.Container::{
                        , name = role
                        , image = Some settings.image
                        , args = Some [ role ]
                        , env = Some
                          [ kubernetes.EnvVar::{
                            , name = "GITLAB_ENDPOINT"
                            , value = Some settings.gitlabEndpoint
                            }
                          ]
                        }
                      ]
                    }
                  }
                }
              }

in  [ types.Resource.ServiceAccount
        kubernetes.ServiceAccount::{
        , metadata = types.functions.metadata "gitlab-agent" "gitlab-agent"
        }
    , deployment "observer"
    , deployment "consumer"
    ]
