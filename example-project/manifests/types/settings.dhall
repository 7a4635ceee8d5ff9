-- The settings the components share.
{ namespace = "polar"
, cassini =
  { image = "registry.example.internal/polar/cassini:0.3.0", replicas = 2, port = 8443 }
, neo4j =
  { image = "neo4j:5.20.0-community"
  , storage = "20Gi"
  , storageClass = "standard"
  , boltPort = 7687
  , httpPort = 7474
  }
, agents =
  { image = "registry.example.internal/polar/gitlab-agent:0.3.0"
  , gitlabEndpoint = "https://gitlab.example.internal/api/graphql"
  }
}
