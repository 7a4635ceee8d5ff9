-- neo4j.conf as written next to this file, plus the memory settings from the
-- shared values.
let kubernetes = ../lib/kubernetes.dhall

let labels = ../lib/labels.dhall "neo4j"

let values = ../values.dhall

let memory =
      ''
      server.memory.heap.initial_size=${values.neo4j.heapSize}
      server.memory.heap.max_size=${values.neo4j.heapSize}
      server.memory.pagecache.size=${values.neo4j.pageCacheSize}
      ''

in  kubernetes.ConfigMap::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "neo4j-config"
      , namespace = Some values.namespace
      , labels = Some labels
      }
    , data = Some (toMap { `neo4j.conf` = ./neo4j.conf as Text ++ memory })
    }
