let agent = ../lib/gitlab-agent.dhall

let values = ../values.dhall

in  agent.deployment
      "observer"
      [ agent.setting "GITLAB_ENDPOINT" values.gitlabAgent.gitlabEndpoint
      , agent.setting
          "OBSERVER_INTERVAL_SECONDS"
          (Natural/show values.gitlabAgent.observerIntervalSeconds)
      , agent.fromSecret "GITLAB_TOKEN"
      ]
