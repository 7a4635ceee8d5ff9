-- The header stays as written.
{- even a block -}
let -- about the name
    port =
      8080 -- the default port

-- before the next binding
let labels =
      { app = "web" -- the app label
      , -- the tier
        tier = "frontend"
      -- before the closing brace
      }

in  { port, labels } -- trailing
-- the last word
