{ apiVersion = "v2", name = "web", version = "0.1.0" }
