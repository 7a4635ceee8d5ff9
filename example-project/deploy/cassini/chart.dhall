let Chart = ../lib/helm-chart.dhall

in  Chart::{
    , name = "cassini"
    , description = "Cassini: the message broker the agents publish to, over mutual TLS"
    , version = "0.3.0"
    , appVersion = "0.3.0"
    }
