-- The umbrella chart: the whole Polar system in one release.
let Chart = ./lib/helm-chart.dhall

let cassini = ./cassini/chart.dhall

let neo4j = ./neo4j/chart.dhall

let gitlabAgent = ./gitlab-agent/chart.dhall

let dependencyOn =
      \(chart : Chart.Type) ->
        { name = chart.name, version = chart.version, condition = None Text }

in  Chart::{
    , name = "polar"
    , description = "Polar: a message broker, a graph database and the agents that fill it"
    , version = "0.3.0"
    , appVersion = "0.3.0"
    , dependencies =
      [ dependencyOn cassini, dependencyOn neo4j, dependencyOn gitlabAgent ]
    }
