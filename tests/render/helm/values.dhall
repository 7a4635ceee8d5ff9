-- values.yaml: every string as a key and value, and as list items.
let strings = ./strings.dhall

let entry = λ(text : Text) → { mapKey = text, mapValue = text }

let entries =
      List/fold
        Text
        strings
        (List { mapKey : Text, mapValue : Text })
        (λ(text : Text) → λ(rest : List { mapKey : Text, mapValue : Text }) → [ entry text ] # rest)
        ([] : List { mapKey : Text, mapValue : Text })

in  { asMap = entries, asList = strings }
