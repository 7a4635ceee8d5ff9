-- Helpers the components share: labels, object metadata, a named port.
let kubernetes = ./kubernetes.dhall sha256:263ee915ef545f2d771fdcd5cfa4fbb7f62772a861b5c197f998e5b71219112c

let settings = ./settings.dhall sha256:db97dbc30d985927995de0b6ed57e0516b49bb94a9ba7e595c77ac0d48bcc0d1

let labels =
      \(component : Text) ->
        toMap
          { `app.kubernetes.io/name` = component
          , `app.kubernetes.io/part-of` = "polar"
          }

let metadata =
      \(name : Text) ->
      \(component : Text) ->
        kubernetes.ObjectMeta::{
        , name = Some name
        , namespace = Some settings.namespace
        , labels = Some (labels component)
        }

let servicePort =
      \(name : Text) ->
      \(number : Natural) ->
        kubernetes.ServicePort::{
        , name = Some name
        , port = number
        , targetPort = Some (kubernetes.NatOrString.String name)
        }

in  { labels, metadata, servicePort }
