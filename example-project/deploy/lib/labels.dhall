-- The labels every object of the system carries, and selects on.
\(component : Text) ->
  toMap
    { `app.kubernetes.io/name` = component
    , `app.kubernetes.io/part-of` = "polar"
    }
