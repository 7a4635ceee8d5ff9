-- A manifest in templates/: a ConfigMap with every string as a value.
let strings = ./strings.dhall

let entries =
      List/fold
        Text
        strings
        (List { mapKey : Text, mapValue : Text })
        ( λ(text : Text) →
          λ(rest : List { mapKey : Text, mapValue : Text }) →
            [ { mapKey = "key-${Natural/show (List/length { mapKey : Text, mapValue : Text } rest)}"
              , mapValue = text
              }
            ]
            # rest
        )
        ([] : List { mapKey : Text, mapValue : Text })

in  { apiVersion = "v1"
    , kind = "ConfigMap"
    , metadata.name = "round-trip"
    , data = entries
    , binaryData = None (List { mapKey : Text, mapValue : Text })
    }
