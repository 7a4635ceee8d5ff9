let Chart = ../lib/helm-chart.dhall

in  Chart::{
    , name = "neo4j"
    , description = "The graph database that holds what the agents observed"
    , version = "0.2.1"
    , appVersion = "5.20.0"
    }
