-- The settings shared by the charts, also published as the umbrella chart's
-- values.yaml. Templates that import this file re-render when it changes.
{ namespace = "polar"
, domain = "polar.example.internal"
, cassini =
  { image = "registry.example.internal/polar/cassini:0.3.0"
  , replicas = 2
  , port = 8443
  , certificateSecret = "cassini-tls"
  }
, neo4j =
  { image = "neo4j:5.20.0-community"
  , dataStorage = "20Gi"
  , logStorage = "5Gi"
  , backupStorage = "50Gi"
  , storageClass = "standard"
  , boltPort = 7687
  , httpPort = 7474
  , heapSize = "2g"
  , pageCacheSize = "1g"
  }
, gitlabAgent =
  { image = "registry.example.internal/polar/gitlab-agent:0.3.0"
  , gitlabEndpoint = "https://gitlab.example.internal/api/graphql"
  , observerIntervalSeconds = 300
  , secretName = "gitlab-agent-credentials"
  }
, gitops =
  { repository = "https://gitlab.example.internal/polar/deploy.git"
  , branch = "main"
  , path = "./example-project/gitops/polar"
  , interval = "5m"
  }
}
