let types = ../../types/package.dhall sha256:c18ba57fc54e7f9d63b0623f5333d377d5e34f01914fd722d5b7cff0a4c1eddc

let kubernetes = types.kubernetes

in  [ types.Resource.Namespace
        kubernetes.Namespace::{
        , metadata = kubernetes.ObjectMeta::{
          , name = Some types.settings.namespace
          , labels = Some (types.functions.labels "namespace")
          }
        }
    ]
