let Chart = ../lib/helm-chart.dhall

in  Chart::{
    , name = "gitlab-agent"
    , description = "The GitLab agent pair: an observer polls GitLab, a consumer writes to the graph"
    , version = "0.3.0"
    , appVersion = "0.3.0"
    }
