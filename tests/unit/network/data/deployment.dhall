-- One Deployment from dhall-kubernetes, imported by its pinned URL: resolved
-- offline through a directory mirror by import_flags_test.sh.
let kubernetes =
      https://raw.githubusercontent.com/dhall-lang/dhall-kubernetes/master/package.dhall
        sha256:263ee915ef545f2d771fdcd5cfa4fbb7f62772a861b5c197f998e5b71219112c

in  kubernetes.Deployment::{
    , metadata = kubernetes.ObjectMeta::{ name = Some "web" }
    , spec = Some kubernetes.DeploymentSpec::{
      , selector = kubernetes.LabelSelector::{
        , matchLabels = Some (toMap { app = "web" })
        }
      , template = kubernetes.PodTemplateSpec::{
        , metadata = Some kubernetes.ObjectMeta::{ labels = Some (toMap { app = "web" }) }
        , spec = Some kubernetes.PodSpec::{
          , containers = [ kubernetes.Container::{ name = "web", image = Some "nginx:1.25" } ]
          }
        }
      }
    }
