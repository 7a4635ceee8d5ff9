let kubernetes = ../lib/kubernetes.dhall

let labels = ../lib/labels.dhall "cassini"

let values = ../values.dhall

let tlsPath = "/etc/cassini/tls"

in  kubernetes.Deployment::{
    , metadata = kubernetes.ObjectMeta::{
      , name = Some "cassini"
      , namespace = Some values.namespace
      , labels = Some labels
      }
    , spec = Some kubernetes.DeploymentSpec::{
      , replicas = Some values.cassini.replicas
      , selector = kubernetes.LabelSelector::{ matchLabels = Some labels }
      , template = kubernetes.PodTemplateSpec::{
        , metadata = Some kubernetes.ObjectMeta::{ labels = Some labels }
        , spec = Some kubernetes.PodSpec::{
          , containers =
            [ kubernetes.Container::{
              , name = "cassini"
              , image = Some values.cassini.image
              , ports = Some
                [ kubernetes.ContainerPort::{
                  , name = Some "amqps"
                  , containerPort = values.cassini.port
                  }
                ]
              , env = Some
                [ kubernetes.EnvVar::{
                  , name = "CASSINI_BIND_ADDR"
                  , value = Some "0.0.0.0:${Natural/show values.cassini.port}"
                  }
                , kubernetes.EnvVar::{
                  , name = "TLS_CA_CERT"
                  , value = Some "${tlsPath}/ca.crt"
                  }
                , kubernetes.EnvVar::{
                  , name = "TLS_SERVER_CERT_CHAIN"
                  , value = Some "${tlsPath}/tls.crt"
                  }
                , kubernetes.EnvVar::{
                  , name = "TLS_SERVER_KEY"
                  , value = Some "${tlsPath}/tls.key"
                  }
                ]
              , volumeMounts = Some
                [ kubernetes.VolumeMount::{
                  , name = "tls"
                  , mountPath = tlsPath
                  , readOnly = Some True
                  }
                ]
              , readinessProbe = Some kubernetes.Probe::{
                , tcpSocket = Some kubernetes.TCPSocketAction::{
                  , port = kubernetes.NatOrString.String "amqps"
                  }
                , periodSeconds = Some 10
                }
              }
            ]
          , volumes = Some
            [ kubernetes.Volume::{
              , name = "tls"
              , secret = Some kubernetes.SecretVolumeSource::{
                , secretName = Some values.cassini.certificateSecret
                }
              }
            ]
          }
        }
      }
    }
