-- The broker's server certificate, signed by the CA issuer of the umbrella
-- chart (templates/issuers.dhall).
let CertManager = ../lib/cert-manager.dhall

let values = ../values.dhall

in  CertManager.Certificate::{
    , metadata = { name = "cassini", namespace = Some values.namespace }
    , spec = CertManager.CertificateSpec::{
      , secretName = values.cassini.certificateSecret
      , commonName = Some "cassini.${values.namespace}.svc"
      , dnsNames =
        [ "cassini"
        , "cassini.${values.namespace}.svc"
        , "cassini.${values.domain}"
        ]
      , issuerRef = { name = "polar-ca", kind = "Issuer" }
      }
    }
