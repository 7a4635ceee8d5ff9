{ apiVersion = "apps/v1", kind = "Deployment", metadata = { name = "nginx", labels = { app = "nginx", tier = "frontend" } }, replicas = 2 }
