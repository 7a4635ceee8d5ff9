-- cert-manager issuers: a self-signed root, the CA certificate it signs and
-- the CA issuer that signs the services' certificates. A list, so one
-- multi-document YAML file.
let CertManager = ../lib/cert-manager.dhall

let values = ../values.dhall

let Resource =
      < Issuer : CertManager.Issuer.Type
      | Certificate : CertManager.Certificate.Type
      >

let rootIssuer =
      CertManager.Issuer::{
      , metadata = { name = "polar-root", namespace = Some values.namespace }
      , spec = CertManager.IssuerSpec::{ selfSigned = Some {=} }
      }

let caCertificate =
      CertManager.Certificate::{
      , metadata = { name = "polar-ca", namespace = Some values.namespace }
      , spec = CertManager.CertificateSpec::{
        , secretName = "polar-ca"
        , commonName = Some "Polar CA"
        , isCA = True
        , duration = "87600h"
        , issuerRef = { name = "polar-root", kind = "Issuer" }
        }
      }

let caIssuer =
      CertManager.Issuer::{
      , metadata = { name = "polar-ca", namespace = Some values.namespace }
      , spec = CertManager.IssuerSpec::{ ca = Some { secretName = "polar-ca" } }
      }

in  [ Resource.Issuer rootIssuer
    , Resource.Certificate caCertificate
    , Resource.Issuer caIssuer
    ]
