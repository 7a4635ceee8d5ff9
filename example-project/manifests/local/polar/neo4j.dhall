-- The graph database: its credentials (a Secret), a StatefulSet with its claim,
-- and a headless Service, one multi-document file as in Polar's layout.
--
-- The file holds a Secret, so it matches the SECRETS_PATTERN of
-- ../../../CMakeLists.txt and is encrypted for the age recipient of
-- ../../../.sops.yaml before it reaches the folder: as sops encrypts a YAML
-- stream, one data key and MAC for the file, and only the values under
-- `data`/`stringData` (encrypted_regex), so the Secret's password is hidden
-- while the StatefulSet and the Service stay readable in git.
let types = ../../types/package.dhall sha256:c18ba57fc54e7f9d63b0623f5333d377d5e34f01914fd722d5b7cff0a4c1eddc

let kubernetes = types.kubernetes

let settings = types.settings.neo4j

let labels = types.functions.labels "neo4j"

let password = env:NEO4J_PASSWORD as Text ? "change-me-neo4j"

in  [ types.Resource.Secret
        kubernetes.Secret::{
        , metadata = types.functions.metadata "neo4j-auth" "neo4j"
        , type = Some "Opaque"
        , stringData = Some (toMap { NEO4J_AUTH = "neo4j/${password}" })
        }
    , types.Resource.StatefulSet
        kubernetes.StatefulSet::{
        , metadata = types.functions.metadata "neo4j" "neo4j"
        , spec = Some kubernetes.StatefulSetSpec::{
          , serviceName = "neo4j"
          , selector = kubernetes.LabelSelector::{ matchLabels = Some labels }
          , template = kubernetes.PodTemplateSpec::{
            , metadata = Some kubernetes.ObjectMeta::{ labels = Some labels }
            , spec = Some kubernetes.PodSpec::{
              , containers =
                [ kubernetes.Container::{
                  , name = "neo4j"
                  , image = Some settings.image
                  , envFrom = Some
                    [ kubernetes.EnvFromSource::{
                      , secretRef = Some kubernetes.SecretEnvSource::{
                        , name = Some "neo4j-auth"
                        }
                      }
                    ]
                  , volumeMounts = Some
                    [ kubernetes.VolumeMount::{
                      , name = "data"
                      , mountPath = "/data"
                      }
                    ]
                  }
                ]
              }
            }
          , volumeClaimTemplates = Some
            [ kubernetes.PersistentVolumeClaim::{
              , metadata = kubernetes.ObjectMeta::{ name = Some "data" }
              , spec = Some kubernetes.PersistentVolumeClaimSpec::{
                , accessModes = Some [ "ReadWriteOnce" ]
                , storageClassName = Some settings.storageClass
                , resources = Some kubernetes.ResourceRequirements::{
                  , requests = Some (toMap { storage = settings.storage })
                  }
                }
              }
            ]
          }
        }
    , types.Resource.Service
        kubernetes.Service::{
        , metadata = types.functions.metadata "neo4j" "neo4j"
        , spec = Some kubernetes.ServiceSpec::{
          , selector = Some labels
          , clusterIP = Some "None"
          , ports = Some
            [ types.functions.servicePort "bolt" settings.boltPort
            , types.functions.servicePort "http" settings.httpPort
            ]
          }
        }
    ]
