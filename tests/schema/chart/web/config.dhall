{ apiVersion = "v1"
, kind = "ConfigMap"
, metadata.name = "web"
, data = toMap { port = "{{ .Values.port }}", debug = "{{ .Values.debug }}" }
}
