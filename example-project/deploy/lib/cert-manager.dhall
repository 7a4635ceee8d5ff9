-- The cert-manager resources the system uses (not in dhall-kubernetes: CRDs).
let Metadata = { name : Text, namespace : Optional Text }

let IssuerReference = { name : Text, kind : Text }

let CertificateSpec =
      { Type =
          { secretName : Text
          , commonName : Optional Text
          , dnsNames : List Text
          , duration : Text
          , renewBefore : Text
          , isCA : Bool
          , issuerRef : IssuerReference
          }
      , default =
        { commonName = None Text
        , dnsNames = [] : List Text
        , duration = "2160h"
        , renewBefore = "360h"
        , isCA = False
        }
      }

let Certificate =
      { Type =
          { apiVersion : Text
          , kind : Text
          , metadata : Metadata
          , spec : CertificateSpec.Type
          }
      , default = { apiVersion = "cert-manager.io/v1", kind = "Certificate" }
      }

let IssuerSpec =
      { Type = { selfSigned : Optional {}, ca : Optional { secretName : Text } }
      , default = { selfSigned = None {}, ca = None { secretName : Text } }
      }

let Issuer =
      { Type =
          { apiVersion : Text
          , kind : Text
          , metadata : Metadata
          , spec : IssuerSpec.Type
          }
      , default = { apiVersion = "cert-manager.io/v1", kind = "Issuer" }
      }

in  { Metadata, IssuerReference, CertificateSpec, Certificate, IssuerSpec, Issuer }
