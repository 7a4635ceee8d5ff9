let agent = ../lib/gitlab-agent.dhall

let values = ../values.dhall

in  agent.deployment
      "consumer"
      [ agent.setting
          "GRAPH_ENDPOINT"
          "neo4j://neo4j.${values.namespace}.svc:${Natural/show
                                                    values.neo4j.boltPort}"
      , agent.fromSecret "GRAPH_PASSWORD"
      ]
