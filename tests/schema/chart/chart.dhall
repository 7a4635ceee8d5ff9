{ apiVersion = "v2"
, name = "typed"
, version = "0.1.0"
, dependencies = [ { name = "web", version = "0.1.0" } ]
}
