-- The fields of Chart.yaml the charts here use.
let Dependency = { name : Text, version : Text, condition : Optional Text }

let Chart =
      { apiVersion : Text
      , name : Text
      , description : Text
      , type : Text
      , version : Text
      , appVersion : Text
      , icon : Text
      , dependencies : List Dependency
      }

in  { Dependency
    , Type = Chart
    , default =
      { apiVersion = "v2"
      , type = "application"
      , icon = "https://polar.example.internal/icon.png"
      , dependencies = [] : List Dependency
      }
    }
