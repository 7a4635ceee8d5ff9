-- The volume neo4j-admin dumps go to, kept apart from the StatefulSet's own
-- claims so that deleting the database keeps the backups. A list, so one
-- multi-document YAML file (one document today).
let kubernetes = ../lib/kubernetes.dhall

let labels = ../lib/labels.dhall "neo4j"

let values = ../values.dhall

in  [ kubernetes.PersistentVolumeClaim::{
      , metadata = kubernetes.ObjectMeta::{
        , name = Some "neo4j-backups"
        , namespace = Some values.namespace
        , labels = Some labels
        }
      , spec = Some kubernetes.PersistentVolumeClaimSpec::{
        , accessModes = Some [ "ReadWriteOnce" ]
        , storageClassName = Some values.neo4j.storageClass
        , resources = Some kubernetes.ResourceRequirements::{
          , requests = Some (toMap { storage = values.neo4j.backupStorage })
          }
        }
      }
    ]
