let T =
      { Type = { name : Text, replicas : Natural, image : Optional Text }
      , default = { replicas = 1, image = None Text }
      }

let base = T::{ name = "web" }

in  { deployment =
        base
      with replicas = 3
      with image = Some "nginx:1.25.3-alpine-slim-with-a-long-tag"
    , spec = Some T::{
      , name = "a name long enough to break the record over several lines"
      }
    }
