#!/usr/bin/env bash
# Generates the two Polar-like source shapes of issue #17's benchmarks
# (bench/chart/latency_times.sh):
#
#   generate_polar_like.sh chart <dir>
#     A chart of 23 Dhall files: chart.dhall, values.dhall and 21 templates
#     (six services of a Deployment, a Service and a ConfigMap each, and three
#     *-secret.dhall files reading env: with fallbacks). values.dhall imports
#     dhall-kubernetes by its pinned URL; every other file imports
#     values.dhall.
#
#   generate_polar_like.sh library <dir>
#     Polar's current deployment: a frozen, typed library types/package.dhall
#     whose local imports are pinned by sha256 (the pins are written by
#     `polar-helm freeze --all` afterwards), one of them dhall-kubernetes by
#     its pinned URL; values.dhall reads six env: variables and is typed by
#     the library; components/*.dhall import both.
#
# Both import dhall-kubernetes as
#   https://raw.githubusercontent.com/dhall-lang/dhall-kubernetes/master/package.dhall sha256:263e...
# so a run needs that hash in the integrity cache or a mirror of the URL.
set -euo pipefail
shape=$1
dir=$2
kubernetes_url=https://raw.githubusercontent.com/dhall-lang/dhall-kubernetes/master/package.dhall
kubernetes_hash=sha256:263ee915ef545f2d771fdcd5cfa4fbb7f62772a861b5c197f998e5b71219112c
services=(cassini neo4j gateway scheduler observer archiver)

chart() {
  mkdir -p "$dir/templates"
  cat >"$dir/values.dhall" <<EOF
-- The settings every file of the chart imports; published as values.yaml.
let kubernetes = $kubernetes_url $kubernetes_hash

let resources =
      \\(cpu : Text) ->
      \\(memory : Text) ->
        kubernetes.ResourceRequirements::{
        , requests = Some (toMap { cpu, memory })
        , limits = Some (toMap { memory })
        }

in  { namespace = "polar"
    , domain = "polar.example.internal"
    , registry = "registry.example.internal/polar"
    , version = "0.3.0"
$(for s in "${services[@]}"; do
    printf '    , %s = { replicas = 2, port = 8443, resources = resources "250m" "512Mi" }\n' "$s"
  done)
    }
EOF
  cat >"$dir/chart.dhall" <<'EOF'
let values = ./values.dhall

in  { apiVersion = "v2"
    , name = "polar"
    , version = values.version
    , appVersion = values.version
    , description = "A Polar-like chart generated for the latency benchmark"
    }
EOF
  for s in "${services[@]}"; do
    cat >"$dir/templates/$s-deployment.dhall" <<EOF
let kubernetes = $kubernetes_url $kubernetes_hash

let values = ../values.dhall

let labels = toMap { app = "$s", version = values.version }

in  kubernetes.Deployment::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "$s"
      , namespace = Some values.namespace
      , labels = Some labels
      }
    , spec = Some kubernetes.DeploymentSpec::{
      , replicas = Some values.$s.replicas
      , selector = kubernetes.LabelSelector::{ matchLabels = Some labels }
      , template = kubernetes.PodTemplateSpec::{
        , metadata = Some kubernetes.ObjectMeta::{ labels = Some labels }
        , spec = Some kubernetes.PodSpec::{
          , containers =
            [ kubernetes.Container::{
              , name = "$s"
              , image = Some "\${values.registry}/$s:\${values.version}"
              , ports = Some
                [ kubernetes.ContainerPort::{ containerPort = values.$s.port } ]
              , resources = Some values.$s.resources
              , envFrom = Some
                [ kubernetes.EnvFromSource::{
                  , configMapRef = Some kubernetes.ConfigMapEnvSource::{
                    , name = Some "$s-config"
                    }
                  }
                ]
              }
            ]
          }
        }
      }
    }
EOF
    cat >"$dir/templates/$s-service.dhall" <<EOF
let kubernetes = $kubernetes_url $kubernetes_hash

let values = ../values.dhall

in  kubernetes.Service::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "$s"
      , namespace = Some values.namespace
      }
    , spec = Some kubernetes.ServiceSpec::{
      , selector = Some (toMap { app = "$s" })
      , ports = Some
        [ kubernetes.ServicePort::{
          , port = values.$s.port
          , targetPort = Some (kubernetes.NatOrString.Nat values.$s.port)
          }
        ]
      }
    }
EOF
    cat >"$dir/templates/$s-config.dhall" <<EOF
let kubernetes = $kubernetes_url $kubernetes_hash

let values = ../values.dhall

in  kubernetes.ConfigMap::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "$s-config"
      , namespace = Some values.namespace
      }
    , data = Some
        ( toMap
            { DOMAIN = values.domain
            , SERVICE_URL = "https://$s.\${values.domain}"
            }
        )
    }
EOF
  done
  for s in cassini neo4j gateway; do
    variable=$(tr '[:lower:]' '[:upper:]' <<<"$s")_PASSWORD
    cat >"$dir/templates/$s-secret.dhall" <<EOF
let kubernetes = $kubernetes_url $kubernetes_hash

let values = ../values.dhall

let password = env:$variable as Text ? "change-me-$s"

in  kubernetes.Secret::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "$s-credentials"
      , namespace = Some values.namespace
      }
    , type = Some "Opaque"
    , stringData = Some (toMap { PASSWORD = password })
    }
EOF
  done
}

library() {
  mkdir -p "$dir/types" "$dir/components"
  cat >"$dir/types/kubernetes.dhall" <<EOF
$kubernetes_url $kubernetes_hash
EOF
  cat >"$dir/types/Settings.dhall" <<'EOF'
{ namespace : Text
, registry : Text
, version : Text
, domain : Text
, replicas : Natural
, logLevel : Text
}
EOF
  cat >"$dir/types/labels.dhall" <<'EOF'
\(name : Text) -> toMap { app = name, part-of = "polar" }
EOF
  cat >"$dir/types/deployment.dhall" <<'EOF'
let kubernetes = ./kubernetes.dhall

let Settings = ./Settings.dhall

let labels = ./labels.dhall

in  \(settings : Settings) ->
    \(name : Text) ->
    \(port : Natural) ->
      kubernetes.Deployment::{
      , metadata = kubernetes.ObjectMeta::{
        , name = Some name
        , namespace = Some settings.namespace
        , labels = Some (labels name)
        }
      , spec = Some kubernetes.DeploymentSpec::{
        , replicas = Some settings.replicas
        , selector = kubernetes.LabelSelector::{ matchLabels = Some (labels name) }
        , template = kubernetes.PodTemplateSpec::{
          , metadata = Some kubernetes.ObjectMeta::{ labels = Some (labels name) }
          , spec = Some kubernetes.PodSpec::{
            , containers =
              [ kubernetes.Container::{
                , name
                , image = Some "${settings.registry}/${name}:${settings.version}"
                , ports = Some [ kubernetes.ContainerPort::{ containerPort = port } ]
                , env = Some
                  [ kubernetes.EnvVar::{ name = "LOG_LEVEL", value = Some settings.logLevel }
                  , kubernetes.EnvVar::{ name = "DOMAIN", value = Some settings.domain }
                  ]
                }
              ]
            }
          }
        }
      }
EOF
  cat >"$dir/types/package.dhall" <<'EOF'
{ kubernetes = ./kubernetes.dhall
, Settings = ./Settings.dhall
, labels = ./labels.dhall
, deployment = ./deployment.dhall
}
EOF
  cat >"$dir/values.dhall" <<'EOF'
let types = ./types/package.dhall

in    { namespace = env:POLAR_NAMESPACE as Text ? "polar"
      , registry = env:POLAR_REGISTRY as Text ? "registry.example.internal/polar"
      , version = env:POLAR_VERSION as Text ? "0.3.0"
      , domain = env:POLAR_DOMAIN as Text ? "polar.example.internal"
      , replicas = env:POLAR_REPLICAS ? 2
      , logLevel = env:POLAR_LOG_LEVEL as Text ? "info"
      }
    : types.Settings
EOF
  for s in "${services[@]}"; do
    cat >"$dir/components/$s.dhall" <<EOF
let types = ../types/package.dhall

let values = ../values.dhall

in  types.deployment values "$s" 8443
EOF
  done
}

case $shape in
chart) chart ;;
library) library ;;
*)
  echo "usage: $0 chart|library <dir>" >&2
  exit 2
  ;;
esac
