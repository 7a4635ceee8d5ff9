let kubernetes = ../lib/kubernetes.dhall

let labels = ../lib/labels.dhall "neo4j"

let values = ../values.dhall

let claim =
      \(name : Text) ->
      \(size : Text) ->
        kubernetes.PersistentVolumeClaim::{
        , metadata = kubernetes.ObjectMeta::{ name = Some name }
        , spec = Some kubernetes.PersistentVolumeClaimSpec::{
          , accessModes = Some [ "ReadWriteOnce" ]
          , storageClassName = Some values.neo4j.storageClass
          , resources = Some kubernetes.ResourceRequirements::{
            , requests = Some (toMap { storage = size })
            }
          }
        }

in  kubernetes.StatefulSet::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "neo4j"
      , namespace = Some values.namespace
      , labels = Some labels
      }
    , spec = Some kubernetes.StatefulSetSpec::{
      , serviceName = "neo4j"
      , replicas = Some 1
      , selector = kubernetes.LabelSelector::{ matchLabels = Some labels }
      , template = kubernetes.PodTemplateSpec::{
        , metadata = Some kubernetes.ObjectMeta::{ labels = Some labels }
        , spec = Some kubernetes.PodSpec::{
          , containers =
            [ kubernetes.Container::{
              , name = "neo4j"
              , image = Some values.neo4j.image
              , ports = Some
                [ kubernetes.ContainerPort::{
                  , name = Some "bolt"
                  , containerPort = values.neo4j.boltPort
                  }
                , kubernetes.ContainerPort::{
                  , name = Some "http"
                  , containerPort = values.neo4j.httpPort
                  }
                ]
              , env = Some
                [ kubernetes.EnvVar::{
                  , name = "NEO4J_AUTH"
                  , valueFrom = Some kubernetes.EnvVarSource::{
                    , secretKeyRef = Some kubernetes.SecretKeySelector::{
                      , name = Some "neo4j-auth"
                      , key = "NEO4J_AUTH"
                      }
                    }
                  }
                ]
              , volumeMounts = Some
                [ kubernetes.VolumeMount::{ name = "data", mountPath = "/data" }
                , kubernetes.VolumeMount::{ name = "logs", mountPath = "/logs" }
                , kubernetes.VolumeMount::{
                  , name = "config"
                  , mountPath = "/conf"
                  , readOnly = Some True
                  }
                ]
              }
            ]
          , volumes = Some
            [ kubernetes.Volume::{
              , name = "config"
              , configMap = Some kubernetes.ConfigMapVolumeSource::{
                , name = Some "neo4j-config"
                }
              }
            ]
          }
        }
      , volumeClaimTemplates = Some
        [ claim "data" values.neo4j.dataStorage
        , claim "logs" values.neo4j.logStorage
        ]
      }
    }
